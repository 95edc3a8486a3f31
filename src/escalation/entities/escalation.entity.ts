import { Column, Entity, PrimaryColumn } from 'typeorm';
import { floatColumn, jsonColumn, msColumn } from '../../database/columns';
import type { MessageSource } from '../../chat/entities/message.entity';

@Entity('escalations')
export class Escalation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'company_id' })
  companyId: string;

  @Column({ type: 'varchar', length: 36, name: 'conversation_id' })
  conversationId: string;

  /** The customer message that led to the escalation. */
  @Column({ type: 'varchar', length: 36, name: 'message_id', nullable: true })
  messageId: string | null;

  @Column({ type: 'varchar', length: 24 })
  reason: string;

  @Column(floatColumn({ nullable: true }))
  confidence: number | null;

  /** The assistant's unsent reply: shown to the agent, never to the customer. */
  @Column({ type: 'text', nullable: true })
  draft: string | null;

  @Column(jsonColumn({ nullable: true }))
  sources: MessageSource[] | null;

  @Column({ type: 'varchar', length: 36, name: 'agent_id', nullable: true })
  agentId: string | null;

  @Column(msColumn({ name: 'assigned_at', nullable: true }))
  assignedAt: number | null;

  @Column(msColumn({ name: 'first_response_at', nullable: true }))
  firstResponseAt: number | null;

  @Column(msColumn({ name: 'created_at' }))
  createdAt: number;
}
