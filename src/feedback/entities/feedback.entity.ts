import { Column, Entity, PrimaryColumn } from 'typeorm';
import { msColumn } from '../../database/columns';

@Entity('feedback')
export class FeedbackRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'company_id' })
  companyId: string;

  @Column({ type: 'varchar', length: 36, name: 'conversation_id' })
  conversationId: string;

  @Column({ type: 'varchar', length: 36, name: 'agent_id', nullable: true })
  agentId: string | null;

  @Column({ type: 'integer' })
  rating: number;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column(msColumn({ name: 'created_at' }))
  createdAt: number;
}
