import { Optional } from '../../common/decorators/optional.decorator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export class ListAuditLogsQuery {
  @ApiPropertyOptional({ description: 'Super admin only: one company' })
  @Optional() @IsUUID()
  companyId?: string;

  @ApiPropertyOptional() @Optional() @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: 'auth.login_failed' }) @Optional() @IsString() @MaxLength(60)
  action?: string;

  @ApiPropertyOptional({ description: 'Epoch ms, inclusive' }) @Optional() @Type(() => Number) @IsInt() @Min(0)
  from?: number;

  @ApiPropertyOptional({ description: 'Epoch ms, exclusive' }) @Optional() @Type(() => Number) @IsInt() @Min(0)
  to?: number;

  @ApiPropertyOptional({ default: 50 }) @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit = 50;

  @ApiPropertyOptional({ default: 0 }) @Optional() @Type(() => Number) @IsInt() @Min(0)
  offset = 0;
}
