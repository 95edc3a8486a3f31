import { Optional } from '../../common/decorators/optional.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../common/decorators/trim.decorator';
import { SystemPrompt } from './system-prompt.entity';

export class CreatePromptDto {
  @ApiProperty({ example: 'Friendly and brief' }) @Trim() @IsString() @MinLength(1) @MaxLength(100)
  name: string;

  @ApiProperty({ example: 'You are the support assistant of Acme. Answer in two sentences at most.' })
  @Trim() @IsString() @MinLength(1) @MaxLength(8000)
  content: string;

  @ApiPropertyOptional({ description: 'Make it the prompt in use (deactivates the others)' }) @Optional() @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'Super admin only' }) @Optional() @IsUUID()
  companyId?: string;
}

export class UpdatePromptDto {
  @ApiPropertyOptional() @Optional() @Trim() @IsString() @MinLength(1) @MaxLength(100)
  name?: string;

  @ApiPropertyOptional() @Optional() @Trim() @IsString() @MinLength(1) @MaxLength(8000)
  content?: string;

  @ApiPropertyOptional() @Optional() @IsBoolean()
  active?: boolean;
}

export function toPromptResponse(p: SystemPrompt) {
  return { id: p.id, name: p.name, content: p.content, active: p.isActive, createdAt: new Date(p.createdAt).toISOString(), updatedAt: new Date(p.updatedAt).toISOString() };
}
