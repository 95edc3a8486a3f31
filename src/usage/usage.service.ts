import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { resolveCompanyScope } from '../common/tenant-scope';
import { CompaniesService } from '../companies/companies.service';
import { KnowledgeChunk } from '../knowledge/entities/knowledge-chunk.entity';
import { KnowledgeEntry } from '../knowledge/entities/knowledge-entry.entity';
import { UsageCounter } from './entities/usage-counter.entity';
import { limitForJson, PLAN_LIMITS, remaining, USAGE_METRICS, UsageMetric, usagePeriod } from './plans';

/** Per-company monthly counters and the plan limits they are held to. */
// The assistant quota is checked on the ack and again in the bot turn: keep this month's count in memory.
const QUOTA_CACHE_TTL_MS = 5_000;

@Injectable()
export class UsageService {
  private readonly assistantUsed = new Map<string, { value: number; at: number }>();

  constructor(
    @InjectRepository(UsageCounter) private readonly counters: Repository<UsageCounter>,
    private readonly dataSource: DataSource,
    private readonly companies: CompaniesService,
  ) {}

  /** One upsert: `value = value + by` in place, the same SQL on SQLite and PostgreSQL. */
  async increment(companyId: string, metric: UsageMetric, by = 1, at = Date.now()): Promise<void> {
    if (by <= 0) return;
    const [sql, params] = this.dataSource.driver.escapeQueryWithParameters(
      'INSERT INTO usage_counters (company_id, period, metric, value) VALUES (:companyId, :period, :metric, :by) ' +
        'ON CONFLICT (company_id, period, metric) DO UPDATE SET value = usage_counters.value + excluded.value',
      { companyId, period: usagePeriod(at), metric, by },
    );
    await this.dataSource.query(sql, params);
    if (metric === 'assistant_requests') {
      const cached = this.assistantUsed.get(`${companyId}:${usagePeriod(at)}`);
      if (cached) cached.value += by;
    }
  }

  async monthly(companyId: string, at = Date.now()): Promise<Record<UsageMetric, number>> {
    const rows = await this.counters.findBy({ companyId, period: usagePeriod(at) });
    const usage = Object.fromEntries(USAGE_METRICS.map((m) => [m, 0])) as Record<UsageMetric, number>;
    for (const row of rows) if ((USAGE_METRICS as readonly string[]).includes(row.metric)) usage[row.metric as UsageMetric] = row.value;
    return usage;
  }

  async knowledgeCount(companyId: string): Promise<number> {
    const [entries, chunks] = await Promise.all([
      this.dataSource.getRepository(KnowledgeEntry).countBy({ companyId }),
      this.dataSource.getRepository(KnowledgeChunk).countBy({ companyId }),
    ]);
    return entries + chunks;
  }

  /** Refuses with 402 when `adding` more knowledge items would pass the plan's limit. */
  async assertKnowledgeRoom(companyId: string, adding: number, replacing = 0): Promise<void> {
    const company = await this.companies.cached(companyId);
    const limit = PLAN_LIMITS[company.plan].knowledgeEntries;
    const after = (await this.knowledgeCount(companyId)) - replacing + adding;
    if (after > limit) {
      throw new AppError('plan_limit_reached', `The ${company.plan} plan allows ${limit} knowledge entries; this would make ${after}. Upgrade the plan or remove entries.`, HttpStatus.PAYMENT_REQUIRED);
    }
  }

  /** True while the company may still get assistant answers this month. */
  async hasAssistantQuota(companyId: string): Promise<boolean> {
    const company = await this.companies.cached(companyId);
    const limit = PLAN_LIMITS[company.plan].assistantRequests;
    if (!Number.isFinite(limit)) return true;
    return (await this.assistantRequestsThisMonth(companyId)) < limit;
  }

  private async assistantRequestsThisMonth(companyId: string): Promise<number> {
    const key = `${companyId}:${usagePeriod()}`;
    const cached = this.assistantUsed.get(key);
    if (cached && Date.now() - cached.at < QUOTA_CACHE_TTL_MS) return cached.value;
    const row = await this.counters.findOneBy({ companyId, period: usagePeriod(), metric: 'assistant_requests' });
    this.assistantUsed.set(key, { value: row?.value ?? 0, at: Date.now() });
    return row?.value ?? 0;
  }

  async assertAssistantQuota(companyId: string): Promise<void> {
    if (!(await this.hasAssistantQuota(companyId))) {
      const company = await this.companies.cached(companyId);
      throw new AppError('plan_limit_reached', `This month's ${PLAN_LIMITS[company.plan].assistantRequests} assistant requests of the ${company.plan} plan are used up`, HttpStatus.PAYMENT_REQUIRED);
    }
  }

  /** `GET /api/usage`: this month's usage against the plan. */
  async report(actor: Actor, companyId?: string) {
    const scope = resolveCompanyScope(actor, companyId);
    const company = await this.companies.get(scope);
    const limits = PLAN_LIMITS[company.plan];
    const [usage, knowledge] = await Promise.all([this.monthly(scope), this.knowledgeCount(scope)]);
    return {
      companyId: scope,
      plan: company.plan,
      period: usagePeriod(),
      limits: { knowledgeEntries: limitForJson(limits.knowledgeEntries), assistantRequests: limitForJson(limits.assistantRequests) },
      usage: { ...usage, knowledge_entries: knowledge },
      remaining: {
        knowledgeEntries: limitForJson(remaining(limits.knowledgeEntries, knowledge)),
        assistantRequests: limitForJson(remaining(limits.assistantRequests, usage.assistant_requests)),
      },
    };
  }
}
