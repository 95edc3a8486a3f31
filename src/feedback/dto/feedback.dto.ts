import { Optional } from '../../common/decorators/optional.decorator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export class SubmitFeedbackDto {
  @IsUUID()
  conversationId: string;

  @Type(() => Number) @IsInt() @Min(1) @Max(5)
  rating: number;

  @Optional() @IsString() @MaxLength(2000)
  comment?: string;
}

export class ListFeedbackQuery {
  @ApiPropertyOptional({ description: 'Super admin only; omit for all companies' }) @Optional() @IsUUID()
  companyId?: string;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD (company time zone), ISO 8601 or epoch ms' }) @Optional() @IsString() @MaxLength(40)
  from?: string;

  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(40)
  to?: string;

  @ApiPropertyOptional() @Optional() @IsUUID()
  agentId?: string;

  @ApiPropertyOptional({ default: 50 }) @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit = 50;

  @ApiPropertyOptional({ default: 0 }) @Optional() @Type(() => Number) @IsInt() @Min(0)
  offset = 0;
}
