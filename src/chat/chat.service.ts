import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../common/db-errors';
import { DomainEvents } from '../common/events/domain-events.service';
import { KeyedMutex } from '../common/keyed-mutex';
import { MessageView, toMessageView } from './dto/chat.views';
import { Conversation, ConversationChannel } from './entities/conversation.entity';
import { Message, MessageAttachment, MessageSource, SenderType } from './entities/message.entity';
import { ConversationRepository } from './conversation.repository';
import { MessageRepository } from './message.repository';

export interface NewMessage {
  senderType: SenderType;
  senderId?: string | null;
  senderName?: string | null;
  text: string;
  clientMessageId?: string | null;
  confidence?: number | null;
  sources?: MessageSource[] | null;
  attachments?: MessageAttachment[] | null;
}

export interface AppendResult {
  message: Message;
  /** The message as clients see it: what `message.created` carries, for the sender's ack too. */
  view: MessageView;
  /** True when the clientMessageId was seen before: nothing was stored. */
  duplicate: boolean;
  /** Settles when every listener of `message.created` has run (the bot turn, the socket pushes). */
  delivered: Promise<void>;
}

const SEQ_CACHE_LIMIT = 20_000;
const MAX_SEQ_RETRIES = 5;

/** Conversations and their ordered, idempotent message log. */
@Injectable()
export class ChatService {
  private readonly mutex = new KeyedMutex();
  // Last seq per conversation, so a message costs one INSERT; the unique (conversation_id, seq) index keeps it honest.
  private readonly lastSeq = new Map<string, number>();

  constructor(
    readonly conversations: ConversationRepository,
    private readonly messages: MessageRepository,
    private readonly events: DomainEvents,
  ) {}

  async createConversation(input: { companyId: string; visitorId: string; channel: ConversationChannel; visitorName?: string | null; visitorEmail?: string | null }): Promise<Conversation> {
    const now = Date.now();
    const conversation = this.conversations.repo.create({
      id: randomUUID(), companyId: input.companyId, visitorId: input.visitorId, visitorName: input.visitorName ?? null,
      visitorEmail: input.visitorEmail ?? null, channel: input.channel, status: 'bot', assignedAgentId: null,
      unsureStreak: 0, queuedAt: null, queuePriority: 0, assignedAt: null, escalatedAt: null,
      firstAgentResponseAt: null, resolvedAt: null, createdAt: now, updatedAt: now,
    });
    await this.conversations.repo.insert(conversation);
    this.lastSeq.set(conversation.id, 0);
    await this.events.publish('conversation.created', { conversationId: conversation.id, companyId: conversation.companyId, channel: conversation.channel, visitorId: conversation.visitorId });
    return conversation;
  }

  /** Stores a message with the next seq; a repeated clientMessageId returns the stored one instead. */
  async append(conversation: Pick<Conversation, 'id' | 'companyId'>, input: NewMessage): Promise<AppendResult> {
    const { message, duplicate } = await this.mutex.run(conversation.id, () => this.insertNext(conversation, input));
    const view = toMessageView(message);
    const delivered = duplicate
      ? Promise.resolve()
      : this.events.publish('message.created', {
          conversationId: conversation.id, companyId: conversation.companyId, messageId: message.id, seq: message.seq,
          senderType: message.senderType, message: view,
        });
    return { message, view, duplicate, delivered };
  }

  sync(conversationId: string, afterSeq: number): Promise<Message[]> {
    return this.messages.findAfterSeq(conversationId, afterSeq);
  }

  recent(conversationId: string, limit = 200): Promise<Message[]> {
    return this.messages.findRecent(conversationId, limit);
  }

  /** A resolved conversation takes no more messages: its counter can go. */
  forget(conversationId: string): void {
    this.lastSeq.delete(conversationId);
  }

  private async insertNext(conversation: Pick<Conversation, 'id' | 'companyId'>, input: NewMessage): Promise<{ message: Message; duplicate: boolean }> {
    let seq = this.lastSeq.get(conversation.id) ?? (await this.messages.findLastSeq(conversation.id));
    for (let attempt = 0; attempt < MAX_SEQ_RETRIES; attempt++) {
      const message = this.messages.repo.create({
        id: randomUUID(), conversationId: conversation.id, companyId: conversation.companyId, seq: seq + 1,
        senderType: input.senderType, senderId: input.senderId ?? null, senderName: input.senderName ?? null,
        text: input.text, clientMessageId: input.clientMessageId ?? null, confidence: input.confidence ?? null,
        sources: input.sources?.length ? input.sources : null, attachments: input.attachments?.length ? input.attachments : null,
        createdAt: Date.now(),
      });
      try {
        await this.messages.insert(message);
        this.remember(conversation.id, message.seq);
        return { message, duplicate: false };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        if (input.clientMessageId) {
          const existing = await this.messages.findByClientId(conversation.id, input.clientMessageId);
          if (existing) return { message: existing, duplicate: true };
        }
        // Another process took this seq: re-read and try the next one.
        seq = await this.messages.findLastSeq(conversation.id);
      }
    }
    throw new Error(`could not allocate a seq for conversation ${conversation.id}`);
  }

  private remember(conversationId: string, seq: number): void {
    this.lastSeq.delete(conversationId);
    this.lastSeq.set(conversationId, seq);
    if (this.lastSeq.size > SEQ_CACHE_LIMIT) this.lastSeq.delete(this.lastSeq.keys().next().value as string);
  }
}
