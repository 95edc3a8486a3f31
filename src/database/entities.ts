import { Attachment } from '../attachments/entities/attachment.entity';
import { ApiKey } from '../auth/entities/api-key.entity';
import { AuditLog } from '../audit/entities/audit-log.entity';
import { AgentSession } from '../agents/entities/agent-session.entity';
import { Conversation } from '../chat/entities/conversation.entity';
import { Message } from '../chat/entities/message.entity';
import { CannedResponse } from '../companies/canned-responses/canned-response.entity';
import { Company } from '../companies/entities/company.entity';
import { SystemPrompt } from '../companies/prompts/system-prompt.entity';
import { Escalation } from '../escalation/entities/escalation.entity';
import { FeedbackRecord } from '../feedback/entities/feedback.entity';
import { KnowledgeChunk } from '../knowledge/entities/knowledge-chunk.entity';
import { KnowledgeEntry } from '../knowledge/entities/knowledge-entry.entity';
import { UsageCounter } from '../usage/entities/usage-counter.entity';
import { User } from '../users/entities/user.entity';

/** Every entity, listed once: the app, the CLI data source and create-admin share it. */
export const ENTITIES = [
  Company, User, ApiKey, Conversation, Message, Escalation, AgentSession, FeedbackRecord,
  KnowledgeEntry, KnowledgeChunk, UsageCounter, AuditLog, SystemPrompt, CannedResponse, Attachment,
];
