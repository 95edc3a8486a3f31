import { BadRequestException, Injectable } from '@nestjs/common';
import { Actor } from '../common/actor';
import { resolveCompanyScope } from '../common/tenant-scope';
import { parseRangeBound } from '../common/time-zone';
import { CompaniesService } from '../companies/companies.service';
import { Feedback, FeedbackSummary } from '../feedback/feedback-store';
import { FeedbackService } from '../feedback/feedback.service';
import { ListFeedbackQuery } from '../feedback/dto/feedback.dto';
import { UsersRepository } from '../users/users.repository';
import { Scope } from './analytics.repository';
import { AnalyticsRangeQuery } from './dto/analytics.query';

const DEFAULT_RANGE_MS = 7 * 24 * 3600 * 1000;
// Every rating of a range is read (per-agent CSAT and buckets need them); far above any real range.
const ALL_RATINGS = 10_000_000;

export interface AnalyticsContext extends Scope {
  actor: Actor;
  /** The company asked for; null = every company (super admin). */
  companyId: string | null;
  /** The company's zone; UTC across companies. */
  timeZone: string;
  now: number;
}

export interface StaffMember {
  id: string;
  companyId: string | null;
  name: string;
  email: string;
  role: string;
  isActive: boolean;
}

/** Who may see which companies over which range, and the people and ratings the metrics are about. */
@Injectable()
export class AnalyticsContextService {
  constructor(
    private readonly companies: CompaniesService,
    private readonly users: UsersRepository,
    private readonly feedback: FeedbackService,
  ) {}

  async resolve(actor: Actor, query: AnalyticsRangeQuery): Promise<AnalyticsContext> {
    const companyId = resolveCompanyScope(actor, query.companyId, true);
    const company = companyId ? await this.companies.cached(companyId) : null;
    const timeZone = company?.settings.timeZone ?? 'UTC';
    const now = Date.now();
    const to = parseRangeBound(query.to, timeZone, 'to') ?? now;
    const from = parseRangeBound(query.from, timeZone, 'from') ?? to - DEFAULT_RANGE_MS;
    if (from >= to) throw new BadRequestException({ message: 'from must be before to', details: [{ field: 'from', errors: ['from must be before to'] }] });
    const companyIds = companyId ? [companyId] : (await this.companies.list()).map((c) => c.id);
    return { actor, companyId, companyIds, timeZone, from, to, now };
  }

  /** The staff of the scope (super admins are nobody's agents). */
  async staff(ctx: AnalyticsContext): Promise<Map<string, StaffMember>> {
    const users = await this.users.list(ctx.companyId);
    return new Map(users.filter((u) => u.role !== 'super_admin').map((u) => [u.id, { id: u.id, companyId: u.companyId, name: u.name, email: u.email, role: u.role, isActive: u.isActive }]));
  }

  /** Ratings given in [from, to) through the feedback store, whichever it is (SQL or MongoDB). */
  async ratings(ctx: AnalyticsContext, from: number, to: number | null, agentId?: string): Promise<Feedback[]> {
    return (await this.feedback.list(ctx.actor, this.ratingQuery(ctx, from, to, ALL_RATINGS, agentId))).items;
  }

  /** The store's own count, average and distribution of the range's ratings. */
  async ratingSummary(ctx: AnalyticsContext): Promise<FeedbackSummary> {
    return (await this.feedback.list(ctx.actor, this.ratingQuery(ctx, ctx.from, ctx.to, 1))).summary;
  }

  private ratingQuery(ctx: AnalyticsContext, from: number, to: number | null, limit: number, agentId?: string): ListFeedbackQuery {
    return Object.assign(new ListFeedbackQuery(), {
      companyId: ctx.companyId ?? undefined, from: new Date(from).toISOString(), to: to === null ? undefined : new Date(to).toISOString(),
      agentId, limit, offset: 0,
    });
  }
}
