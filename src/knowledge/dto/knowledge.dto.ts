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

  @ApiPropertyOptional({ example: 'Account' }) @IsOptional() @Trim() @IsString() @MaxLength(80)
  category?: string;

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Super admin only' }) @IsOptional() @IsUUID()
  companyId?: string;
}

export class UpdateKnowledgeEntryDto {
  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @MinLength(3) @MaxLength(500)
  question?: string;

  @ApiPropertyOptional() @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(10000)
  answer?: string;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @Trim() @IsString() @MaxLength(80)
  category?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  active?: boolean;
}

export class ListKnowledgeQuery {
  @ApiPropertyOptional({ description: 'Super admin only' }) @IsOptional() @IsUUID()
  companyId?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(80)
  category?: string;

  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit = 100;

  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset = 0;
}

export class SearchKnowledgeQuery {
  @ApiProperty({ example: 'reset password' }) @IsString() @MinLength(1) @MaxLength(500)
  q: string;

  @ApiPropertyOptional({ description: 'Super admin only' }) @IsOptional() @IsUUID()
  companyId?: string;

  @ApiPropertyOptional({ default: 5 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(20)
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
