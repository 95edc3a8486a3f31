import { Optional } from '../../common/decorators/optional.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsInt, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_ATTACHMENTS_PER_MESSAGE } from '../../attachments/attachment-limits';

export const MAX_MESSAGE_LENGTH = 5000;
const CLIENT_ID = /^[A-Za-z0-9_:.-]{1,64}$/;

export class OpenConversationDto {
  @Optional() @IsString() @MaxLength(120)
  name?: string;

  @Optional() @IsEmail() @MaxLength(254)
  email?: string;
}

export class SendMessageDto {
  @IsUUID()
  conversationId: string;

  @IsString() @Matches(CLIENT_ID, { message: 'clientMessageId must be 1-64 letters, digits or _:.-' })
  clientMessageId: string;

  @IsString() @MinLength(1) @MaxLength(MAX_MESSAGE_LENGTH)
  text: string;

  /** Files uploaded with POST /api/attachments to this conversation by the sender's side, not yet sent. */
  @Optional() @IsArray() @ArrayMaxSize(MAX_ATTACHMENTS_PER_MESSAGE, { message: `at most ${MAX_ATTACHMENTS_PER_MESSAGE} attachments per message` }) @ArrayUnique() @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

export class SyncDto {
  @IsUUID()
  conversationId: string;

  @Type(() => Number) @IsInt() @Min(0)
  afterSeq: number;
}

export class ConversationRefDto {
  @IsUUID()
  conversationId: string;
}

export class TypingDto {
  @IsUUID()
  conversationId: string;

  @IsBoolean()
  isTyping: boolean;
}

export class StatusDto {
  @Matches(/^(online|offline)$/, { message: "status must be 'online' or 'offline'" })
  status: 'online' | 'offline';
}

export class TransferDto {
  @IsUUID()
  conversationId: string;

  @Optional() @IsUUID()
  agentId?: string;
}

/** `POST /api/v1/chat`: the server-to-server channel. */
export class ApiChatDto {
  @ApiProperty({ example: 'How long does shipping take?' }) @IsString() @MinLength(1) @MaxLength(MAX_MESSAGE_LENGTH)
  message: string;

  @ApiPropertyOptional({ description: 'Continue this conversation' }) @Optional() @IsUUID()
  conversationId?: string;

  @ApiPropertyOptional({ description: 'Your id for the end user; one open conversation per visitor' })
  @Optional() @IsString() @Matches(/^[A-Za-z0-9_:.@-]{1,64}$/, { message: 'visitorId must be 1-64 letters, digits or _:.@-' })
  visitorId?: string;

  @ApiPropertyOptional({ description: 'Idempotency key: a retry with the same id stores nothing new' })
  @Optional() @IsString() @Matches(CLIENT_ID, { message: 'clientMessageId must be 1-64 letters, digits or _:.-' })
  clientMessageId?: string;
}
