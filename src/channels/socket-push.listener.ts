import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { PresenceService } from '../agents/presence.service';
import { ChatService } from '../chat/chat.service';
import { toConversationSummary, toMessageView } from '../chat/dto/chat.views';
import { Actor, hasRole } from '../common/actor';
import { DomainEventMap, QueuedConversation } from '../common/events/domain-events';
import { OnDomainEvent } from '../common/events/domain-events.service';
import { EscalationView, QueueEntry, rooms } from '../common/realtime/socket-events';
import { EscalationRepository } from '../escalation/escalation.repository';
import { RoutingService } from '../escalation/routing.service';
import { RealtimeHub } from './realtime-hub';

type E<K extends keyof DomainEventMap> = DomainEventMap[K];

const HISTORY_ON_ASSIGN = 100;
const METRICS_MIN_INTERVAL_MS = 200;

/** The one place domain events become socket events. */
@Injectable()
export class SocketPushListener implements OnApplicationShutdown {
  private readonly logger = new Logger('SocketPush');
  // Last position/estimate sent to each waiting customer: only changes are pushed.
  private readonly sentQueueState = new Map<string, string>();
  private readonly lastQueue = new Map<string, QueuedConversation[]>();
  private readonly metricsTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly hub: RealtimeHub,
    private readonly chat: ChatService,
    private readonly escalations: EscalationRepository,
    private readonly presence: PresenceService,
    private readonly routing: RoutingService,
  ) {}

  @OnDomainEvent('message.created')
  onMessage(e: E<'message.created'>): void {
    this.hub.toCustomers(rooms.conversation(e.conversationId), 'message:new', e.message);
    this.hub.toStaff(rooms.conversation(e.conversationId), 'message:new', e.message);
  }

  @OnDomainEvent('conversation.assigned')
  async onAssigned(e: E<'conversation.assigned'>): Promise<void> {
    this.sentQueueState.delete(e.conversationId);
    this.hub.agentFollows(e.agentId, e.conversationId, true);
    const [conversation, messages, escalation] = await Promise.all([
      this.chat.conversations.findById(e.conversationId),
      this.chat.recent(e.conversationId, HISTORY_ON_ASSIGN),
      this.escalations.findLatestForConversation(e.conversationId),
    ]);
    if (!conversation) return;
    // The draft goes only to the agent's own room, never to the customer's.
    this.hub.toStaff(rooms.agent(e.agentId), 'conversation:assigned', {
      conversation: toConversationSummary(conversation), messages: messages.map(toMessageView), escalation: escalation ? toEscalationView(escalation) : null,
    });
    const update = { conversationId: e.conversationId, status: 'assigned' as const, agent: { id: e.agentId, name: e.agentName } };
    this.hub.toCustomers(rooms.conversation(e.conversationId), 'conversation:updated', update);
    this.hub.toStaff(rooms.company(e.companyId), 'conversation:updated', update);
    this.presenceChanged(e.companyId, e.agentId);
  }

  @OnDomainEvent('conversation.released')
  onReleased(e: E<'conversation.released'>): void {
    this.hub.agentFollows(e.agentId, e.conversationId, false);
    this.hub.toStaff(rooms.agent(e.agentId), 'conversation:unassigned', { conversationId: e.conversationId, reason: e.reason });
    this.presenceChanged(e.companyId, e.agentId);
  }

  @OnDomainEvent('conversation.resolved')
  onResolved(e: E<'conversation.resolved'>): void {
    const update = { conversationId: e.conversationId, status: 'resolved' as const };
    this.hub.toCustomers(rooms.conversation(e.conversationId), 'conversation:updated', update);
    this.hub.toStaff([rooms.conversation(e.conversationId), rooms.company(e.companyId)], 'conversation:updated', update);
    this.sentQueueState.delete(e.conversationId);
  }

  @OnDomainEvent('queue.changed')
  onQueue(e: E<'queue.changed'>): void {
    this.lastQueue.set(e.companyId, e.entries);
    for (const entry of e.entries) {
      const state = `${entry.position}:${entry.estimatedWaitSeconds}`;
      if (this.sentQueueState.get(entry.conversationId) === state) continue;
      this.sentQueueState.set(entry.conversationId, state);
      this.hub.toCustomers(rooms.conversation(entry.conversationId), 'conversation:updated', {
        conversationId: entry.conversationId, status: 'queued', queuePosition: entry.position, estimatedWaitSeconds: entry.estimatedWaitSeconds,
      });
    }
    this.hub.toStaff(rooms.company(e.companyId), 'queue:updated', { companyId: e.companyId, waiting: e.entries.map(toQueueEntry) });
    this.scheduleMetrics(e.companyId);
  }

  @OnDomainEvent('agent.status_changed')
  onAgentStatus(e: E<'agent.status_changed'>): void {
    this.presenceChanged(e.companyId, e.agentId);
  }

  @OnDomainEvent('user.deactivated')
  onDeactivated(e: E<'user.deactivated'>): void {
    this.hub.disconnectStaff(e.userId);
  }

  /** A fresh console gets its conversations' rooms, the queue and (for admins) the team board, without asking. */
  async greet(socket: Socket, actor: Actor): Promise<void> {
    if (!actor.companyId) return;
    // A new tab, or a console back within the grace period, follows the conversations the agent holds.
    const held = await this.chat.conversations.findAssignedTo(actor.id);
    if (held.length) await socket.join(held.map((c) => rooms.conversation(c.id)));
    const entries = await this.routing.queueOf(actor.companyId);
    socket.emit('queue:updated', { companyId: actor.companyId, waiting: entries.map(toQueueEntry) });
    if (hasRole(actor, 'admin')) {
      for (const agent of this.presence.companyAgents(actor.companyId)) {
        socket.emit('agent:presence', { agentId: agent.agentId, name: agent.name, status: agent.online ? 'online' : 'offline', activeConversations: agent.activeCount });
      }
    }
  }

  onApplicationShutdown(): void {
    for (const timer of this.metricsTimers.values()) clearTimeout(timer);
  }

  private presenceChanged(companyId: string, agentId: string): void {
    const agent = this.presence.get(agentId);
    if (agent) {
      this.hub.toStaff(rooms.admins(companyId), 'agent:presence', { agentId, name: agent.name, status: agent.online ? 'online' : 'offline', activeConversations: agent.activeCount });
    }
    this.scheduleMetrics(companyId);
  }

  /** Admins' live numbers, coalesced: at most one push per company every 200 ms. */
  private scheduleMetrics(companyId: string): void {
    if (this.metricsTimers.has(companyId)) return;
    const timer = setTimeout(() => {
      this.metricsTimers.delete(companyId);
      const agents = this.presence.companyAgents(companyId);
      const queue = this.lastQueue.get(companyId) ?? [];
      const now = Date.now();
      this.hub.toStaff(rooms.admins(companyId), 'metrics:live', {
        companyId,
        agentsOnline: agents.filter((a) => a.online).length,
        queueLength: queue.length,
        longestWaitSeconds: queue.length ? Math.round((now - Math.min(...queue.map((q) => q.queuedAt))) / 1000) : 0,
        activeConversations: agents.reduce((sum, a) => sum + a.activeCount, 0),
        at: new Date(now).toISOString(),
      });
    }, METRICS_MIN_INTERVAL_MS);
    timer.unref();
    this.metricsTimers.set(companyId, timer);
  }
}

function toQueueEntry(entry: QueuedConversation): QueueEntry {
  return {
    conversationId: entry.conversationId, position: entry.position, visitorName: entry.visitorName,
    queuedAt: new Date(entry.queuedAt).toISOString(), waitingSeconds: Math.max(0, Math.round((Date.now() - entry.queuedAt) / 1000)),
    reason: entry.reason, preview: null,
  };
}

export function toEscalationView(e: { id: string; reason: string; confidence: number | null; draft: string | null; sources: { id: string; title: string; score: number }[] | null; createdAt: number }): EscalationView {
  return {
    id: e.id, reason: e.reason, confidence: e.confidence, createdAt: new Date(e.createdAt).toISOString(),
    ...(e.draft ? { draft: e.draft } : {}), ...(e.sources?.length ? { sources: e.sources } : {}),
  };
}
