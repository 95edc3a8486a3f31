import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { PresenceService } from '../agents/presence.service';
import { AuthService } from '../auth/auth.service';
import { AUTH_COOKIE } from '../auth/guards/jwt-auth.guard';
import { toConversationSummary } from '../chat/dto/chat.views';
import { Actor, hasRole } from '../common/actor';
import { toAckError } from '../common/app-error';
import { WsAck } from '../common/realtime/ws-ack.decorator';
import { rooms, STAFF_NAMESPACE } from '../common/realtime/socket-events';
import { RoutingService } from '../escalation/routing.service';
import { ConversationRefDto, SendMessageDto, StatusDto, TransferDto, TypingDto } from './dto/customer-events.dto';
import { RealtimeHub } from './realtime-hub';
import { SocketPushListener } from './socket-push.listener';
import { StaffChannelService } from './staff-channel.service';

interface StaffSocket extends Socket {
  data: { actor: Actor };
}

/** The console's socket: JWT at connect, one presence per agent however many tabs, thin handlers. */
@WebSocketGateway({ namespace: STAFF_NAMESPACE, cors: { origin: false } })
export class StaffGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  constructor(
    private readonly auth: AuthService,
    private readonly presence: PresenceService,
    private readonly routing: RoutingService,
    private readonly staff: StaffChannelService,
    private readonly hub: RealtimeHub,
    private readonly push: SocketPushListener,
  ) {}

  afterInit(namespace: Namespace): void {
    this.hub.bindStaff(namespace);
    namespace.use((socket, next) => {
      // The console may send its JWT, or rely on the httpOnly login cookie the browser sends with the handshake.
      const token = socket.handshake.auth?.token ?? cookieValue(socket.handshake.headers.cookie, AUTH_COOKIE);
      const refuse = (error: unknown) => next(Object.assign(new Error(toAckError(error).message), { data: toAckError(error) }));
      if (typeof token !== 'string') return refuse(new UnauthorizedException('Log in first: connect with auth.token'));
      this.auth.actorFromToken(token).then((actor) => {
        socket.data.actor = actor;
        next();
      }, refuse);
    });
  }

  async handleConnection(socket: StaffSocket): Promise<void> {
    const { actor } = socket.data;
    await socket.join(rooms.agent(actor.id));
    if (!actor.companyId) return;
    await socket.join(rooms.company(actor.companyId));
    if (hasRole(actor, 'admin')) await socket.join(rooms.admins(actor.companyId));
    this.presence.connect(actor, socket.id);
    await this.push.greet(socket, actor);
  }

  handleDisconnect(socket: StaffSocket): void {
    if (socket.data.actor) void this.presence.disconnect(socket.data.actor.id, socket.id);
  }

  @SubscribeMessage('agent:status')
  @WsAck()
  status(@ConnectedSocket() socket: StaffSocket, @MessageBody() dto: StatusDto) {
    return this.presence.setStatus(this.companyActor(socket), dto.status);
  }

  @SubscribeMessage('conversation:claim')
  @WsAck()
  async claim(@ConnectedSocket() socket: StaffSocket, @MessageBody() dto: ConversationRefDto) {
    return { conversation: toConversationSummary(await this.routing.claim(socket.data.actor, dto.conversationId)) };
  }

  @SubscribeMessage('conversation:resolve')
  @WsAck()
  async resolve(@ConnectedSocket() socket: StaffSocket, @MessageBody() dto: ConversationRefDto) {
    return { conversation: toConversationSummary(await this.routing.resolve(socket.data.actor, dto.conversationId)) };
  }

  @SubscribeMessage('conversation:transfer')
  @WsAck()
  async transfer(@ConnectedSocket() socket: StaffSocket, @MessageBody() dto: TransferDto) {
    return { conversation: toConversationSummary(await this.routing.transfer(socket.data.actor, dto.conversationId, dto.agentId)) };
  }

  @SubscribeMessage('message:send')
  @WsAck()
  send(@ConnectedSocket() socket: StaffSocket, @MessageBody() dto: SendMessageDto) {
    return this.staff.send(socket.data.actor, dto);
  }

  @SubscribeMessage('typing')
  @WsAck()
  async typing(@ConnectedSocket() socket: StaffSocket, @MessageBody() dto: TypingDto) {
    const { actor } = socket.data;
    await this.staff.held(actor, dto.conversationId);
    this.hub.toCustomers(rooms.conversation(dto.conversationId), 'typing', { conversationId: dto.conversationId, sender: { type: 'agent', name: actor.name }, isTyping: dto.isTyping });
    return {};
  }

  private companyActor(socket: StaffSocket): Actor {
    const { actor } = socket.data;
    if (!actor.companyId) throw new ForbiddenException('Super admins have no presence: log in as an agent or admin of a company');
    return actor;
  }
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  const match = header?.split(';').map((part) => part.trim()).find((part) => part.startsWith(`${name}=`));
  return match ? decodeURIComponent(match.slice(name.length + 1)) : undefined;
}
