import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../common/actor';
import { ListFeedbackQuery } from '../feedback/dto/feedback.dto';
import { FeedbackService } from '../feedback/feedback.service';
import { backfillAnalytics, RatingRecord, rebuildRatingRollups } from './analytics-backfill';
import { RollupFlusher } from './rollup-flusher.service';
import { sqlRows } from './sql';

const PAGE = 5_000;
const SYSTEM: Actor = { id: 'analytics-backfill', email: 'system', name: 'Analytics backfill', role: 'super_admin', companyId: null };
// Marks that the rating counters were built once from the store; after that, events keep them.
const MARKER = { companyId: '*', metric: '_backfilled', bucketStart: 0, dimension: 'ratings' };

/**
 * Rating counters come from the feedback store, which may be MongoDB: the SQL migration cannot build
 * them, so the first start after it does (and an operator may rebuild everything with `rebuild`).
 */
@Injectable()
export class AnalyticsBackfillService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Analytics');

  constructor(private readonly dataSource: DataSource, private readonly feedback: FeedbackService, private readonly flusher: RollupFlusher) {}

  async onApplicationBootstrap(): Promise<void> {
    const [marker] = await sqlRows(this.dataSource,
      'SELECT value FROM analytics_rollups WHERE company_id = :companyId AND metric = :metric AND bucket_start = :bucketStart AND dimension = :dimension', MARKER);
    if (marker) return;
    const rows = await this.rebuildRatings();
    await sqlRows(this.dataSource, 'INSERT INTO analytics_rollups (company_id, metric, bucket_start, dimension, value) VALUES (:companyId, :metric, :bucketStart, :dimension, 1)', MARKER);
    if (rows) this.logger.log(`built ${rows} rating counter(s) from the feedback store`);
  }

  /** Everything from the raw data and the store, for one company or all; run while the hub is quiet. */
  async rebuild(companyId?: string): Promise<void> {
    // Counts still in memory are of messages already in the log: written now, they are replaced below, not added twice later.
    await this.flusher.flush();
    await backfillAnalytics(this.dataSource, { companyId });
    await this.rebuildRatings(companyId);
  }

  async rebuildRatings(companyId?: string): Promise<number> {
    const ratings: RatingRecord[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const query = Object.assign(new ListFeedbackQuery(), { companyId, limit: PAGE, offset });
      const { items } = await this.feedback.list(SYSTEM, query);
      ratings.push(...items.map((f) => ({ companyId: f.companyId, agentId: f.agentId, rating: f.rating, createdAt: f.createdAt })));
      if (items.length < PAGE) break;
    }
    return rebuildRatingRollups(this.dataSource, ratings, companyId);
  }
}
