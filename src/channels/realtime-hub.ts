import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { CustomerServerEvents, rooms, StaffServerEvents } from '../common/realtime/socket-events';

/** The two namespaces, typed: the only place that emits to sockets (listeners and typing call it). */
@Injectable()
export class RealtimeHub {
  private customers: Namespace | null = null;
  private staff: Namespace | null = null;

  bindCustomers(namespace: Namespace): void {
    this.customers = namespace;
  }

  bindStaff(namespace: Namespace): void {
    this.staff = namespace;
  }

  toCustomers<K extends keyof CustomerServerEvents>(room: string, event: K, payload: CustomerServerEvents[K]): void {
    this.customers?.to(room).emit(event, payload);
  }

  toStaff<K extends keyof StaffServerEvents>(room: string | string[], event: K, payload: StaffServerEvents[K]): void {
    this.staff?.to(room).emit(event, payload);
  }

  /** Every socket of the agent follows the conversation's room (all tabs see it). */
  agentFollows(agentId: string, conversationId: string, follow: boolean): void {
    const sockets = this.staff?.in(rooms.agent(agentId));
    if (!sockets) return;
    if (follow) sockets.socketsJoin(rooms.conversation(conversationId));
    else sockets.socketsLeave(rooms.conversation(conversationId));
  }

  disconnectStaff(userId: string): void {
    this.staff?.in(rooms.agent(userId)).disconnectSockets(true);
  }
}
