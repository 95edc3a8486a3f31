import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CONVERSATION_STATUSES, ConversationStatus } from '../../chat/entities/conversation.entity';

export class ListConversationsQuery {
  @ApiPropertyOptional({ enum: CONVERSATION_STATUSES }) @IsOptional() @IsIn(CONVERSATION_STATUSES as unknown as string[])
  status?: ConversationStatus;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD (company time zone), ISO 8601 or epoch ms' }) @IsOptional() @IsString() @MaxLength(40)
  from?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40)
  to?: string;

  @ApiPropertyOptional({ description: "An agent id, or 'me'" }) @IsOptional() @IsString() @MaxLength(36)
  assignedTo?: string;

  @ApiPropertyOptional({ description: 'Super admin only' }) @IsOptional() @IsUUID()
  companyId?: string;

  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit = 50;

  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset = 0;
}
