import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app.config';
import { defaultCompanySettings } from '../companies/company-settings';
import { newWidgetKey } from '../companies/companies.service';
import { Company } from '../companies/entities/company.entity';
import { KnowledgeEntry } from '../knowledge/entities/knowledge-entry.entity';
import { User } from '../users/entities/user.entity';
import { hashPassword } from '../users/password';
import { DEMO_COMPANY, DEMO_KNOWLEDGE, DEMO_PASSWORD, DEMO_USERS } from './demo-data';

/** Seeds "Acme Support" into an empty database (never in production: config turns demoSeed off there). */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');
  seeded = false;

  constructor(private readonly dataSource: DataSource, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoSeed) return;
    if ((await this.dataSource.getRepository(Company).count()) > 0) return;
    await this.seed();
  }

  private async seed(): Promise<void> {
    const now = Date.now();
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await this.dataSource.transaction(async (manager) => {
      const company: Company = {
        id: randomUUID(), name: DEMO_COMPANY.name, widgetKey: newWidgetKey(), plan: 'premium', isActive: true,
        settings: defaultCompanySettings({
          assistantName: 'Acme Assistant',
          greeting: 'Hi! I am the Acme Assistant. Ask me about orders, shipping, returns or your account.',
          timeZone: DEMO_COMPANY.timeZone,
          businessHours: { days: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:30' })) },
        }),
        createdAt: now, updatedAt: now,
      };
      await manager.insert(Company, company);
      await manager.insert(User, DEMO_USERS.map((u) => ({
        id: randomUUID(), companyId: u.role === 'super_admin' ? null : company.id, email: u.email, name: u.name,
        role: u.role, passwordHash, isActive: true, tokenVersion: 0, failedLoginCount: 0, lockedUntil: null,
        lastLoginAt: null, workedSecondsTotal: 0, lastHeartbeatAt: null, createdAt: now, updatedAt: now,
      })));
      await manager.insert(KnowledgeEntry, DEMO_KNOWLEDGE.map((k, i) => ({
        id: randomUUID(), companyId: company.id, question: k.question, answer: k.answer, category: k.category,
        isActive: true, createdAt: now + i, updatedAt: now + i,
      })));
    });
    this.seeded = true;
    this.logger.log(`Seeded demo company "${DEMO_COMPANY.name}" with ${DEMO_USERS.length} users and ${DEMO_KNOWLEDGE.length} knowledge entries`);
  }
}
