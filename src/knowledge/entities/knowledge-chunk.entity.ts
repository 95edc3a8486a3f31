import { Column, Entity, PrimaryColumn } from 'typeorm';
import { msColumn } from '../../database/columns';

/** A passage of an imported document; re-importing the same source replaces its chunks. */
@Entity('knowledge_chunks')
export class KnowledgeChunk {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'company_id' })
  companyId: string;

  /** File name or URL the passage came from; with companyId it identifies the source. */
  @Column({ type: 'varchar', length: 500, name: 'source_key' })
  sourceKey: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  text: string;

  @Column(msColumn({ name: 'created_at' }))
  createdAt: number;
}
