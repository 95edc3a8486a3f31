import { Optional } from '../../common/decorators/optional.decorator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CONVERSATION_STATUSES, ConversationStatus } from '../../chat/entities/conversation.entity';

export class ListConversationsQuery {
  @ApiPropertyOptional({ enum: CONVERSATION_STATUSES }) @Optional() @IsIn(CONVERSATION_STATUSES as unknown as string[])
  status?: ConversationStatus;

  @ApiPropertyOptional({ description: 'YYYY-MM-DD (company time zone), ISO 8601 or epoch ms' }) @Optional() @IsString() @MaxLength(40)
  from?: string;

  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(40)
  to?: string;

  @ApiPropertyOptional({ description: "An agent id, or 'me'" }) @Optional() @IsString() @MaxLength(36)
  assignedTo?: string;

  @ApiPropertyOptional({ description: 'Super admin only' }) @Optional() @IsUUID()
  companyId?: string;

  @ApiPropertyOptional({ default: 50 }) @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit = 50;

  @ApiPropertyOptional({ default: 0 }) @Optional() @Type(() => Number) @IsInt() @Min(0)
  offset = 0;
}
