import { Column, Entity, PrimaryColumn } from 'typeorm';
import { msColumn } from '../../database/columns';

@Entity('system_prompts')
export class SystemPrompt {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'company_id' })
  companyId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'text' })
  content: string;

  /** At most one per company: the prompt the OpenAI answerer uses. */
  @Column({ type: 'boolean', name: 'is_active', default: false })
  isActive: boolean;

  @Column(msColumn({ name: 'created_at' }))
  createdAt: number;

  @Column(msColumn({ name: 'updated_at' }))
  updatedAt: number;
}
