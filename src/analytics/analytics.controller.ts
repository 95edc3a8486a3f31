import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../common/actor';
import { CurrentActor, MinRole } from '../common/decorators/auth.decorators';
import { AnalyticsExportService } from './analytics-export.service';
import { AnalyticsService } from './analytics.service';
import { AgentExportQuery, AnalyticsRangeQuery, ConversationsExportQuery, TimeseriesQuery } from './dto/analytics.query';

const csv = 'text/csv; charset=utf-8';

/** CSV headers only on success: set before the handler, they would also label an error's JSON body as CSV. */
async function asCsv(response: Response, name: string, body: Promise<string>): Promise<string> {
  const text = await body;
  response.setHeader('Content-Type', csv);
  response.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  response.setHeader('Cache-Control', 'no-store');
  return text;
}

@ApiTags('analytics')
@ApiBearerAuth()
@Controller('analytics')
@MinRole('admin')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService, private readonly exports: AnalyticsExportService) {}

  @Get('summary')
  @Header('Cache-Control', 'no-store')
  summary(@CurrentActor() actor: Actor, @Query() query: AnalyticsRangeQuery) {
    return this.analytics.summary(actor, query);
  }

  @Get('timeseries')
  @Header('Cache-Control', 'no-store')
  timeseries(@CurrentActor() actor: Actor, @Query() query: TimeseriesQuery) {
    return this.analytics.timeseries(actor, query);
  }

  @Get('export/conversations')
  @ApiProduces(csv)
  exportConversations(@CurrentActor() actor: Actor, @Query() query: ConversationsExportQuery, @Res({ passthrough: true }) response: Response) {
    return asCsv(response, 'conversations', this.exports.conversations(actor, query));
  }

  @Get('export/agent-hours')
  @ApiProduces(csv)
  exportAgentHours(@CurrentActor() actor: Actor, @Query() query: AgentExportQuery, @Res({ passthrough: true }) response: Response) {
    return asCsv(response, 'agent-hours', this.exports.agentHours(actor, query));
  }

  @Get('export/feedback')
  @ApiProduces(csv)
  exportFeedback(@CurrentActor() actor: Actor, @Query() query: AgentExportQuery, @Res({ passthrough: true }) response: Response) {
    return asCsv(response, 'feedback', this.exports.feedback(actor, query));
  }
}
