import { Column, Entity, PrimaryColumn } from 'typeorm';
import { msColumn } from '../../database/columns';

@Entity('api_keys')
export class ApiKey {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'company_id' })
  companyId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The first characters of the key, shown in lists so people can tell keys apart. */
  @Column({ type: 'varchar', length: 24 })
  prefix: string;

  /** SHA-256 of the whole key: keys are 256-bit random, so a slow hash adds nothing but latency. */
  @Column({ type: 'varchar', length: 64, name: 'key_hash', select: false })
  keyHash: string;

  @Column({ type: 'varchar', length: 36, name: 'created_by', nullable: true })
  createdBy: string | null;

  @Column(msColumn({ name: 'last_used_at', nullable: true }))
  lastUsedAt: number | null;

  /** Set by rotation with an overlap: the key keeps working until then. */
  @Column(msColumn({ name: 'expires_at', nullable: true }))
  expiresAt: number | null;

  @Column(msColumn({ name: 'revoked_at', nullable: true }))
  revokedAt: number | null;

  @Column(msColumn({ name: 'created_at' }))
  createdAt: number;
}
