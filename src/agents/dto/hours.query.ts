import { Optional } from '../../common/decorators/optional.decorator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength } from 'class-validator';

export class HoursRangeQuery {
  @ApiPropertyOptional({ description: 'YYYY-MM-DD (company time zone), ISO 8601 or epoch ms; default: 7 days ago' })
  @Optional() @IsString() @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD (inclusive), ISO 8601 or epoch ms; default: now' })
  @Optional() @IsString() @MaxLength(40)
  to?: string;

  @ApiPropertyOptional({ description: 'Super admin only' }) @Optional() @IsUUID()
  companyId?: string;
}

export class HoursQuery extends HoursRangeQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' }) @Optional() @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  @ApiPropertyOptional({ description: 'Only this agent' }) @Optional() @IsUUID()
  agentId?: string;
}
