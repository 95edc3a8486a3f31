import { Module } from '@nestjs/common';
import { CompaniesModule } from '../companies/companies.module';
import { FeedbackModule } from '../feedback/feedback.module';
import { UsersModule } from '../users/users.module';
import { AnalyticsBackfillService } from './analytics-backfill.service';
import { AnalyticsContextService } from './analytics-context.service';
import { AnalyticsLoader } from './analytics-loader.service';
import { AnalyticsRollupService } from './analytics-rollup.service';
import { AnalyticsExportRepository } from './analytics-export.repository';
import { AnalyticsExportService } from './analytics-export.service';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsRepository } from './analytics.repository';
import { AnalyticsService } from './analytics.service';
import { RollupFlusher } from './rollup-flusher.service';
import { RollupListener } from './rollup.listener';
import { RollupsRepository } from './rollups.repository';

/** Metrics, time series and CSV exports over the hub's data; rollups kept current from domain events. */
@Module({
  imports: [CompaniesModule, UsersModule, FeedbackModule],
  controllers: [AnalyticsController],
  providers: [
    AnalyticsRepository, AnalyticsExportRepository, RollupsRepository, RollupFlusher, AnalyticsRollupService, RollupListener, AnalyticsBackfillService,
    AnalyticsContextService, AnalyticsLoader, AnalyticsService, AnalyticsExportService,
  ],
  exports: [AnalyticsBackfillService],
})
export class AnalyticsModule {}
