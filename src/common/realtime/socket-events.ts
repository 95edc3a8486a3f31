import type { ConversationSummary, ConversationUpdate, MessageView } from '../../chat/dto/chat.views';
import type { MessageSource } from '../../chat/entities/message.entity';

export interface QueueEntry {
  conversationId: string;
  position: number;
  visitorName: string | null;
  queuedAt: string;
  waitingSeconds: number;
  reason: string | null;
  preview: string | null;
}

export interface EscalationView {
  id: string;
  reason: string;
  confidence: number | null;
  draft?: string;
  sources?: MessageSource[];
  createdAt: string;
}

export interface LiveMetrics {
  companyId: string;
  agentsOnline: number;
  queueLength: number;
  longestWaitSeconds: number;
  activeConversations: number;
  at: string;
}

/** Server → client socket events, declared once (payload shapes are the public contract). */
export interface CustomerServerEvents {
  'message:new': MessageView;
  'conversation:updated': ConversationUpdate;
  typing: { conversationId: string; sender: { type: 'agent' | 'customer'; name?: string }; isTyping: boolean };
}

export interface StaffServerEvents extends CustomerServerEvents {
  'queue:updated': { companyId: string; waiting: QueueEntry[] };
  'conversation:assigned': { conversation: ConversationSummary; messages: MessageView[]; escalation: EscalationView | null };
  'conversation:unassigned': { conversationId: string; reason: string };
  'agent:presence': { agentId: string; name: string; status: 'online' | 'offline'; activeConversations: number };
  'metrics:live': LiveMetrics;
}

export const CUSTOMER_NAMESPACE = '/customer';
export const STAFF_NAMESPACE = '/staff';

/** Room names, in one place: who hears what. */
export const rooms = {
  conversation: (id: string) => `conv:${id}`,
  company: (id: string) => `company:${id}`,
  admins: (companyId: string) => `admins:${companyId}`,
  agent: (id: string) => `agent:${id}`,
};
