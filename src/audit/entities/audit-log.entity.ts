import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonColumn, msColumn } from '../../database/columns';

export type AuditDetails = Record<string, string | number | boolean | null | string[]>;

@Entity('audit_logs')
export class AuditLog {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'company_id', nullable: true })
  companyId: string | null;

  @Column({ type: 'varchar', length: 36, name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 254, name: 'actor_email', nullable: true })
  actorEmail: string | null;

  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ type: 'varchar', length: 40, name: 'target_type', nullable: true })
  targetType: string | null;

  @Column({ type: 'varchar', length: 36, name: 'target_id', nullable: true })
  targetId: string | null;

  @Column(jsonColumn({ nullable: true }))
  details: AuditDetails | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column(msColumn({ name: 'created_at' }))
  createdAt: number;
}
