import { Column, Entity, PrimaryColumn } from 'typeorm';
import { msColumn } from '../../database/columns';

export type SessionEndReason = 'offline' | 'grace_expired' | 'shutdown' | 'crash_recovered' | 'deactivated';

/** One continuous online period of an agent: the unit of working hours. */
@Entity('agent_sessions')
export class AgentSession {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'company_id' })
  companyId: string;

  @Column({ type: 'varchar', length: 36, name: 'agent_id' })
  agentId: string;

  @Column(msColumn({ name: 'started_at' }))
  startedAt: number;

  @Column(msColumn({ name: 'ended_at', nullable: true }))
  endedAt: number | null;

  @Column({ type: 'integer', name: 'duration_seconds', nullable: true })
  durationSeconds: number | null;

  @Column({ type: 'varchar', length: 20, name: 'end_reason', nullable: true })
  endReason: SessionEndReason | null;
}
