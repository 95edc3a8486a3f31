/** The public contract as the browser sees it (mirrors docs/contract.md and src/common/realtime/socket-events.ts). */
export type SenderType = 'customer' | 'bot' | 'agent' | 'system';
export type ConversationStatus = 'bot' | 'queued' | 'assigned' | 'resolved';
export type Role = 'super_admin' | 'admin' | 'agent';

export interface MessageSource {
  id: string;
  title: string;
  score: number;
}

export interface Attachment {
  id: string;
  name: string;
  type: string;
  size: number;
  url: string;
}

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
  attachments?: Attachment[];
  /** Proposed: marks the system message that carries the offline message. */
  kind?: string;
}

export interface ConversationUpdate {
  conversationId: string;
  status: ConversationStatus;
  queuePosition?: number;
  estimatedWaitSeconds?: number;
  agent?: { id: string; name: string };
}

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

export interface EscalationView {
  id: string;
  reason: string;
  confidence: number | null;
  draft?: string;
  sources?: MessageSource[];
  createdAt: string;
  agentId?: string | null;
}

export interface ConversationDetail extends ConversationSummary {
  messages: MessageView[];
  escalations: EscalationView[];
  feedback: { rating: number; comment: string | null; createdAt: string } | null;
}

export interface QueueEntry {
  conversationId: string;
  position: number;
  visitorName: string | null;
  queuedAt: string;
  waitingSeconds: number;
  reason: string | null;
  preview: string | null;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  companyId: string | null;
  isActive: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface AgentPresence {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: 'online' | 'offline';
  activeConversations: number;
  connected: boolean;
}

export type Ack<T = Record<string, unknown>> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string; details?: { field: string; errors: string[] }[] } };
