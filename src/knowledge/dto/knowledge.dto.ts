import { Optional } from '../../common/decorators/optional.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Trim } from '../../common/decorators/trim.decorator';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { KnowledgeEntry } from '../entities/knowledge-entry.entity';

export class CreateKnowledgeEntryDto {
  @ApiProperty({ example: 'How do I reset my password?' }) @Trim() @IsString() @MinLength(3) @MaxLength(500)
  question: string;

  @ApiProperty() @Trim() @IsString() @MinLength(1) @MaxLength(10000)
  answer: string;

  @ApiPropertyOptional({ example: 'Account' }) @Optional() @Trim() @IsString() @MaxLength(80)
  category?: string;

  @ApiPropertyOptional({ default: true }) @Optional() @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Super admin only' }) @Optional() @IsUUID()
  companyId?: string;
}

export class UpdateKnowledgeEntryDto {
  @ApiPropertyOptional() @Optional() @Trim() @IsString() @MinLength(3) @MaxLength(500)
  question?: string;

  @ApiPropertyOptional() @Optional() @Trim() @IsString() @MinLength(1) @MaxLength(10000)
  answer?: string;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @Trim() @IsString() @MaxLength(80)
  category?: string | null;

  @ApiPropertyOptional() @Optional() @IsBoolean()
  active?: boolean;
}

export class ListKnowledgeQuery {
  @ApiPropertyOptional({ description: 'Super admin only' }) @Optional() @IsUUID()
  companyId?: string;

  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(80)
  category?: string;

  @ApiPropertyOptional({ default: 100 }) @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit = 100;

  @ApiPropertyOptional({ default: 0 }) @Optional() @Type(() => Number) @IsInt() @Min(0)
  offset = 0;
}

export class SearchKnowledgeQuery {
  @ApiProperty({ example: 'reset password' }) @IsString() @MinLength(1) @MaxLength(500)
  q: string;

  @ApiPropertyOptional({ description: 'Super admin only' }) @Optional() @IsUUID()
  companyId?: string;

  @ApiPropertyOptional({ default: 5 }) @Optional() @Type(() => Number) @IsInt() @Min(1) @Max(20)
  limit = 5;
}

export interface KnowledgeEntryResponse {
  id: string;
  question: string;
  answer: string;
  category: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export function toKnowledgeEntryResponse(entry: KnowledgeEntry): KnowledgeEntryResponse {
  return {
    id: entry.id, question: entry.question, answer: entry.answer, category: entry.category, active: entry.isActive,
    createdAt: new Date(entry.createdAt).toISOString(), updatedAt: new Date(entry.updatedAt).toISOString(),
  };
}
