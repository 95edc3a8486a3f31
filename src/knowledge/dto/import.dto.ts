import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { Optional } from '../../common/decorators/optional.decorator';

/** `POST /api/knowledge/import`: a multipart `file`, or a JSON (or form) `url`. */
export class ImportKnowledgeDto {
  @ApiPropertyOptional({ example: 'https://example.com/help/shipping', description: 'A web page to import instead of a file' })
  @Optional() @IsString() @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ description: 'Super admin only' }) @Optional() @IsUUID()
  companyId?: string;
}

export class ListImportsQuery {
  @ApiPropertyOptional({ description: 'Super admin only; omitted = every company' }) @Optional() @IsUUID()
  companyId?: string;
}
