import { Column, Entity, PrimaryColumn } from 'typeorm';
import { msColumn } from '../../database/columns';

export const ROLES = ['agent', 'admin', 'super_admin'] as const;
export type Role = (typeof ROLES)[number];

@Entity('users')
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Null only for super admins, who run many companies. */
  @Column({ type: 'varchar', length: 36, name: 'company_id', nullable: true })
  companyId: string | null;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 100, name: 'password_hash', select: false })
  passwordHash: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Column({ type: 'boolean', name: 'is_active', default: true })
  isActive: boolean;

  /** Bumped on logout and deactivation: every token issued before stops working. */
  @Column({ type: 'integer', name: 'token_version', default: 0 })
  tokenVersion: number;

  @Column({ type: 'integer', name: 'failed_login_count', default: 0 })
  failedLoginCount: number;

  @Column(msColumn({ name: 'locked_until', nullable: true }))
  lockedUntil: number | null;

  @Column(msColumn({ name: 'last_login_at', nullable: true }))
  lastLoginAt: number | null;

  /** Always the sum of this agent's closed work sessions (updated in the same transaction). */
  @Column({ type: 'integer', name: 'worked_seconds_total', default: 0 })
  workedSecondsTotal: number;

  @Column(msColumn({ name: 'last_heartbeat_at', nullable: true }))
  lastHeartbeatAt: number | null;

  @Column(msColumn({ name: 'created_at' }))
  createdAt: number;

  @Column(msColumn({ name: 'updated_at' }))
  updatedAt: number;
}
