import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { KnowledgeEntry } from '../entities/knowledge-entry.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateKnowledgeEntryDto {
  @ApiProperty({ example: 'How do I reset my password?' }) @Transform(trim) @IsString() @MinLength(3) @MaxLength(500)
  question: string;

  @ApiProperty() @Transform(trim) @IsString() @MinLength(1) @MaxLength(10000)
  answer: string;

  @ApiPropertyOptional({ example: 'Account' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(80)
  category?: string;

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Super admin only' }) @IsOptional() @IsUUID()
  companyId?: string;
}

export class UpdateKnowledgeEntryDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(3) @MaxLength(500)
  question?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(10000)
  answer?: string;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @Transform(trim) @IsString() @MaxLength(80)
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
