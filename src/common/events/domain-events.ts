import type { MessageView } from '../../chat/dto/chat.views';
import type { Role } from '../../users/entities/user.entity';

/** Who did it, for the audit log; null actor = the system or an anonymous caller. */
export interface AuditContext {
  actor: { id: string; email: string | null } | null;
  companyId: string | null;
  ip?: string | null;
}

export interface ConversationRef {
  conversationId: string;
  companyId: string;
}

/**
 * Every domain event, declared once: name → payload. Modules publish through DomainEvents and
 * react with @OnDomainEvent; the socket layer turns some of them into socket events.
 */
export interface DomainEventMap {
  'auth.login_succeeded': AuditContext & { userId: string };
  'auth.login_failed': AuditContext & { email: string; reason: 'bad_credentials' | 'locked' | 'inactive'; lockedNow: boolean };
  'auth.logged_out': AuditContext & { userId: string };
  'user.created': AuditContext & { userId: string; email: string; role: Role };
  'user.updated': AuditContext & { userId: string; changes: string[] };
  'user.deactivated': AuditContext & { userId: string; email: string };
  'company.created': AuditContext & { targetCompanyId: string; name: string };
  'company.settings_changed': AuditContext & { targetCompanyId: string; changes: string[] };
  'company.plan_changed': AuditContext & { targetCompanyId: string; from: string; to: string };
  'api_key.created': AuditContext & { apiKeyId: string; name: string; prefix: string };
  'api_key.revoked': AuditContext & { apiKeyId: string; prefix: string };
  'widget_key.rotated': AuditContext & { targetCompanyId: string };

  'conversation.created': ConversationRef & { channel: string; visitorId: string };
  'message.created': ConversationRef & { messageId: string; seq: number; senderType: string; message: MessageView };
  'handoff.requested': ConversationRef & { reason: 'customer_request' | 'agent_transfer'; messageId: string | null; byAgentId?: string | null; toAgentId?: string | null };
  'assistant.replied': ConversationRef & { messageId: string | null; confidence: number; sent: boolean; provider: 'embedded' | 'openai' | null; fallbackReason: string | null; tokens: number };
  'escalation.requested': ConversationRef & { escalationId: string; reason: string; confidence: number | null };
  'conversation.queued': ConversationRef & { requeued: boolean; fromAgentId?: string | null };
  'conversation.assigned': ConversationRef & { agentId: string; agentName: string; manual: boolean; byActorId?: string | null; byActorEmail?: string | null; fromAgentId?: string | null };
  'conversation.resolved': ConversationRef & { agentId: string | null };
  /** An agent no longer holds the conversation (resolved, requeued, transferred): their load drops. */
  'conversation.released': ConversationRef & { agentId: string; reason: 'resolved' | 'requeued' | 'transferred' };
  /** The company's queue moved: every waiting conversation with its position and estimate. */
  'queue.changed': { companyId: string; entries: QueuedConversation[] };
  'agent.status_changed': { companyId: string; agentId: string; status: 'online' | 'offline'; reason: 'online' | 'offline' | 'grace_expired' | 'deactivated' };
  'feedback.submitted': ConversationRef & { rating: number };
  'knowledge.changed': AuditContext & { companyId: string; action: 'created' | 'updated' | 'deleted' | 'imported'; docIds: string[] };
}

export interface QueuedConversation {
  conversationId: string;
  position: number;
  estimatedWaitSeconds: number;
  queuedAt: number;
  visitorName: string | null;
  reason: string | null;
}

export type DomainEventName = keyof DomainEventMap;
