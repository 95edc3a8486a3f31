import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { toAckError } from '../common/app-error';
import { CUSTOMER_NAMESPACE, rooms } from '../common/realtime/socket-events';
import { WsAck } from '../common/realtime/ws-ack.decorator';
import { WindowLimiter } from '../common/rate-limiter';
import { SubmitFeedbackDto } from '../feedback/dto/feedback.dto';
import { CustomerChannelService, CustomerSession } from './customer-channel.service';
import { ConversationRefDto, OpenConversationDto, SendMessageDto, SyncDto, TypingDto } from './dto/customer-events.dto';
import { RealtimeHub } from './realtime-hub';

interface CustomerSocket extends Socket {
  data: { session: CustomerSession; limiter: WindowLimiter };
}

// A widget is public: cap what one socket can send (30 events per 10 s is far above human typing).
const EVENTS_PER_WINDOW = 30;
const WINDOW_MS = 10_000;

/** The widget's socket: authenticate at connect, validate, call one service method, ack. */
@WebSocketGateway({ namespace: CUSTOMER_NAMESPACE, cors: { origin: true } })
export class CustomerGateway implements OnGatewayInit {
  private readonly logger = new Logger('CustomerGateway');

  constructor(private readonly channel: CustomerChannelService, private readonly hub: RealtimeHub) {}

  afterInit(namespace: Namespace): void {
    this.hub.bindCustomers(namespace);
    namespace.use((socket, next) => {
      const { widgetKey, visitorToken } = socket.handshake.auth ?? {};
      this.channel.authenticate(widgetKey, visitorToken).then(
        (session) => {
          Object.assign(socket.data, { session, limiter: new WindowLimiter(EVENTS_PER_WINDOW, WINDOW_MS) });
          next();
        },
        (error) => next(Object.assign(new Error(toAckError(error).message), { data: toAckError(error) })),
      );
    });
    namespace.use((socket, next) => {
      socket.use((_packet, nextPacket) => {
        if ((socket as CustomerSocket).data.limiter.take()) return nextPacket();
        const ack = _packet[_packet.length - 1];
        if (typeof ack === 'function') ack({ ok: false, error: { code: 'rate_limited', message: 'Too many messages: slow down a little' } });
      });
      next();
    });
  }

  @SubscribeMessage('conversation:open')
  @WsAck()
  async open(@ConnectedSocket() socket: CustomerSocket, @MessageBody() dto: OpenConversationDto) {
    const result = await this.channel.open(socket.data.session, dto);
    await socket.join(rooms.conversation(result.conversationId));
    return result;
  }

  @SubscribeMessage('message:send')
  @WsAck()
  send(@ConnectedSocket() socket: CustomerSocket, @MessageBody() dto: SendMessageDto) {
    return this.channel.send(socket.data.session, dto);
  }

  @SubscribeMessage('conversation:sync')
  @WsAck()
  async sync(@ConnectedSocket() socket: CustomerSocket, @MessageBody() dto: SyncDto) {
    const result = await this.channel.sync(socket.data.session, dto);
    await socket.join(rooms.conversation(dto.conversationId));
    return result;
  }

  @SubscribeMessage('handoff:request')
  @WsAck()
  handoff(@ConnectedSocket() socket: CustomerSocket, @MessageBody() dto: ConversationRefDto) {
    return this.channel.handoff(socket.data.session, dto);
  }

  @SubscribeMessage('feedback:submit')
  @WsAck()
  feedback(@ConnectedSocket() socket: CustomerSocket, @MessageBody() dto: SubmitFeedbackDto) {
    return this.channel.submitFeedback(socket.data.session, dto);
  }

  @SubscribeMessage('typing')
  @WsAck()
  async typing(@ConnectedSocket() socket: CustomerSocket, @MessageBody() dto: TypingDto) {
    await this.channel.assertOwnOpen(socket.data.session, dto.conversationId);
    this.hub.toStaff(rooms.conversation(dto.conversationId), 'typing', { conversationId: dto.conversationId, sender: { type: 'customer' }, isTyping: dto.isTyping });
    return {};
  }
}
