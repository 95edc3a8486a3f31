import { Optional } from '../../common/decorators/optional.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../common/decorators/trim.decorator';
import { CannedResponse } from './canned-response.entity';

const SHORTCUT = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export class CreateCannedResponseDto {
  @ApiProperty({ example: 'Refund timing' }) @Trim() @IsString() @MinLength(1) @MaxLength(100)
  title: string;

  @ApiProperty() @Trim() @IsString() @MinLength(1) @MaxLength(5000)
  text: string;

  @ApiPropertyOptional({ example: 'refund' }) @Optional() @Trim() @Matches(SHORTCUT, { message: 'shortcut must be lowercase letters, digits, _ or -' })
  shortcut?: string;

  @ApiPropertyOptional({ description: 'Super admin only' }) @Optional() @IsUUID()
  companyId?: string;
}

export class UpdateCannedResponseDto {
  @ApiPropertyOptional() @Optional() @Trim() @IsString() @MinLength(1) @MaxLength(100)
  title?: string;

  @ApiPropertyOptional() @Optional() @Trim() @IsString() @MinLength(1) @MaxLength(5000)
  text?: string;

  @ApiPropertyOptional() @Optional() @Trim() @Matches(SHORTCUT, { message: 'shortcut must be lowercase letters, digits, _ or -' })
  shortcut?: string;
}

export function toCannedResponse(c: CannedResponse) {
  return { id: c.id, title: c.title, text: c.text, shortcut: c.shortcut, updatedAt: new Date(c.updatedAt).toISOString() };
}
