import { Column, Entity, PrimaryColumn } from 'typeorm';
import { msColumn } from '../../database/columns';

export const CONVERSATION_STATUSES = ['bot', 'queued', 'assigned', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export type ConversationChannel = 'widget' | 'api';

@Entity('conversations')
export class Conversation {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'company_id' })
  companyId: string;

  @Column({ type: 'varchar', length: 64, name: 'visitor_id' })
  visitorId: string;

  @Column({ type: 'varchar', length: 120, name: 'visitor_name', nullable: true })
  visitorName: string | null;

  @Column({ type: 'varchar', length: 254, name: 'visitor_email', nullable: true })
  visitorEmail: string | null;

  @Column({ type: 'varchar', length: 10, default: 'widget' })
  channel: ConversationChannel;

  @Column({ type: 'varchar', length: 12 })
  status: ConversationStatus;

  @Column({ type: 'varchar', length: 36, name: 'assigned_agent_id', nullable: true })
  assignedAgentId: string | null;

  /** Consecutive unsure bot turns, for the repeated_failure rule. */
  @Column({ type: 'integer', name: 'unsure_streak', default: 0 })
  unsureStreak: number;

  @Column(msColumn({ name: 'queued_at', nullable: true }))
  queuedAt: number | null;

  /** Requeued conversations go to the front: the queue orders by priority, then queuedAt. */
  @Column({ type: 'integer', name: 'queue_priority', default: 0 })
  queuePriority: number;

  @Column(msColumn({ name: 'assigned_at', nullable: true }))
  assignedAt: number | null;

  @Column(msColumn({ name: 'escalated_at', nullable: true }))
  escalatedAt: number | null;

  @Column(msColumn({ name: 'first_agent_response_at', nullable: true }))
  firstAgentResponseAt: number | null;

  @Column(msColumn({ name: 'resolved_at', nullable: true }))
  resolvedAt: number | null;

  @Column(msColumn({ name: 'created_at' }))
  createdAt: number;

  @Column(msColumn({ name: 'updated_at' }))
  updatedAt: number;
}
