import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export class ListAuditLogsQuery {
  @ApiPropertyOptional({ description: 'Super admin only: one company' })
  @IsOptional() @IsUUID()
  companyId?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: 'auth.login_failed' }) @IsOptional() @IsString() @MaxLength(60)
  action?: string;

  @ApiPropertyOptional({ description: 'Epoch ms, inclusive' }) @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  from?: number;

  @ApiPropertyOptional({ description: 'Epoch ms, exclusive' }) @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  to?: number;

  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit = 50;

  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset = 0;
}
