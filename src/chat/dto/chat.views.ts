import type { ConversationStatus, Conversation } from '../entities/conversation.entity';
import type { Message, MessageAttachment, MessageSource, SenderType } from '../entities/message.entity';

/** A message as every client sees it (`message:new`, histories, REST). */
export interface MessageView {
  id: string;
  conversationId: string;
  seq: number;
  sender: { type: SenderType; id?: string; name?: string };
  text: string;
  createdAt: string;
  clientMessageId?: string;
  confidence?: number;
  sources?: MessageSource[];
  attachments?: MessageAttachment[];
}

export function toMessageView(m: Message): MessageView {
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    sender: {
      type: m.senderType,
      ...(m.senderId && m.senderType === 'agent' ? { id: m.senderId } : {}),
      ...(m.senderName ? { name: m.senderName } : {}),
    },
    text: m.text,
    createdAt: new Date(m.createdAt).toISOString(),
    ...(m.clientMessageId ? { clientMessageId: m.clientMessageId } : {}),
    ...(m.confidence !== null && m.confidence !== undefined ? { confidence: m.confidence } : {}),
    ...(m.sources?.length ? { sources: m.sources } : {}),
    ...(m.attachments?.length ? { attachments: m.attachments } : {}),
  };
}

/** `conversation:updated`: what a customer (and staff) need to know about the conversation's state. */
export interface ConversationUpdate {
  conversationId: string;
  status: ConversationStatus;
  queuePosition?: number;
  estimatedWaitSeconds?: number;
  agent?: { id: string; name: string };
}

/** A conversation as staff see it in lists. */
export interface ConversationSummary {
  id: string;
  companyId: string;
  status: ConversationStatus;
  channel: string;
  visitor: { id: string; name: string | null; email: string | null };
  assignedAgentId: string | null;
  createdAt: string;
  updatedAt: string;
  queuedAt: string | null;
  assignedAt: string | null;
  resolvedAt: string | null;
}

const iso = (ms: number | null) => (ms ? new Date(ms).toISOString() : null);

export function toConversationSummary(c: Conversation): ConversationSummary {
  return {
    id: c.id, companyId: c.companyId, status: c.status, channel: c.channel,
    visitor: { id: c.visitorId, name: c.visitorName, email: c.visitorEmail },
    assignedAgentId: c.assignedAgentId, createdAt: iso(c.createdAt) as string, updatedAt: iso(c.updatedAt) as string,
    queuedAt: iso(c.queuedAt), assignedAt: iso(c.assignedAt), resolvedAt: iso(c.resolvedAt),
  };
}
