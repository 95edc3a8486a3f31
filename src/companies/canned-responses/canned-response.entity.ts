import { Column, Entity, PrimaryColumn } from 'typeorm';
import { msColumn } from '../../database/columns';

@Entity('canned_responses')
export class CannedResponse {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'company_id' })
  companyId: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'text' })
  text: string;

  /** Typed after "/" in the console to insert the text. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  shortcut: string | null;

  @Column(msColumn({ name: 'created_at' }))
  createdAt: number;

  @Column(msColumn({ name: 'updated_at' }))
  updatedAt: number;
}
