import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonColumn, msColumn } from '../../database/columns';
import { CompanySettings } from '../company-settings';

export const PLANS = ['free', 'basic', 'premium', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

@Entity('companies')
export class Company {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 64, name: 'widget_key' })
  widgetKey: string;

  @Column({ type: 'varchar', length: 20, default: 'free' })
  plan: Plan;

  @Column(jsonColumn())
  settings: CompanySettings;

  @Column({ type: 'boolean', name: 'is_active', default: true })
  isActive: boolean;

  @Column(msColumn({ name: 'created_at' }))
  createdAt: number;

  @Column(msColumn({ name: 'updated_at' }))
  updatedAt: number;
}
