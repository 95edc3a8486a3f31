import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class HoursRangeQuery {
  @ApiPropertyOptional({ description: 'YYYY-MM-DD (company time zone), ISO 8601 or epoch ms; default: 7 days ago' })
  @IsOptional() @IsString() @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD (inclusive), ISO 8601 or epoch ms; default: now' })
  @IsOptional() @IsString() @MaxLength(40)
  to?: string;

  @ApiPropertyOptional({ description: 'Super admin only' }) @IsOptional() @IsUUID()
  companyId?: string;
}

export class HoursQuery extends HoursRangeQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' }) @IsOptional() @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  @ApiPropertyOptional({ description: 'Only this agent' }) @IsOptional() @IsUUID()
  agentId?: string;
}
