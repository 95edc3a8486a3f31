import { Optional } from '../../common/decorators/optional.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import { CONVERSATION_STATUSES, ConversationStatus } from '../../chat/entities/conversation.entity';
import { METRICS, MetricName } from '../analytics-metrics';
import { BucketInterval } from '../time-buckets';

export class AnalyticsRangeQuery {
  @ApiPropertyOptional({ description: 'YYYY-MM-DD (start of that day in the company time zone), ISO 8601 or epoch ms; default: 7 days before `to`' })
  @Optional() @IsString() @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD (inclusive: up to the end of that local day), ISO 8601 or epoch ms; default: now' })
  @Optional() @IsString() @MaxLength(40)
  to?: string;

  @ApiPropertyOptional({ description: 'Super admin only: one company; omit for every company (buckets in UTC)' })
  @Optional() @IsUUID()
  companyId?: string;
}

export class TimeseriesQuery extends AnalyticsRangeQuery {
  @ApiProperty({ enum: METRICS })
  @IsIn(METRICS as unknown as string[], { message: ({ value }) => `${value === undefined ? 'metric is required' : `metric ${JSON.stringify(value)} is not a metric`}: use one of ${METRICS.join(', ')}` })
  metric: MetricName;

  @ApiPropertyOptional({ enum: ['day', 'hour'], default: 'day', description: 'Local days or hours of the company time zone' })
  @Optional() @IsIn(['day', 'hour'], { message: ({ value }) => `interval ${JSON.stringify(value)} is not an interval: use day or hour` })
  interval: BucketInterval = 'day';
}

export class AgentExportQuery extends AnalyticsRangeQuery {
  @ApiPropertyOptional({ description: 'Only this agent' }) @Optional() @IsUUID()
  agentId?: string;
}

export class ConversationsExportQuery extends AgentExportQuery {
  @ApiPropertyOptional({ enum: CONVERSATION_STATUSES }) @Optional() @IsIn(CONVERSATION_STATUSES as unknown as string[])
  status?: ConversationStatus;
}
