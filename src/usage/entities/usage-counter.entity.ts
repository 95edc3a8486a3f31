import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One counter per company, month and metric: incremented in place, read for plan limits. */
@Entity('usage_counters')
export class UsageCounter {
  @PrimaryColumn({ type: 'varchar', length: 36, name: 'company_id' })
  companyId: string;

  /** 'YYYY-MM' in UTC. */
  @PrimaryColumn({ type: 'varchar', length: 7 })
  period: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  metric: string;

  @Column({ type: 'bigint', default: 0, transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  value: number;
}
