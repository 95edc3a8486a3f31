import { Optional } from '../../common/decorators/optional.decorator';
import { Trim } from '../../common/decorators/trim.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ApiKey } from '../entities/api-key.entity';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Zendesk bridge' }) @Trim() @IsString() @MinLength(1) @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ description: 'Super admin only: the company the key belongs to' }) @Optional() @IsUUID()
  companyId?: string;
}

export class RotateApiKeyDto {
  @ApiPropertyOptional({ description: 'How long the old key keeps working, in seconds (0 = revoked now, at most 7 days)', default: 0 })
  @Optional() @IsInt() @Min(0) @Max(7 * 24 * 3600)
  overlapSeconds?: number;
}

export interface ApiKeyResponse {
  id: string;
  name: string;
  prefix: string;
  companyId: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
}

const iso = (ms: number | null) => (ms ? new Date(ms).toISOString() : null);

export function toApiKeyResponse(key: ApiKey, now = Date.now()): ApiKeyResponse {
  const status = key.revokedAt ? 'revoked' : key.expiresAt && key.expiresAt <= now ? 'expired' : 'active';
  return {
    id: key.id, name: key.name, prefix: key.prefix, companyId: key.companyId, createdAt: iso(key.createdAt) as string,
    lastUsedAt: iso(key.lastUsedAt), expiresAt: iso(key.expiresAt), revokedAt: iso(key.revokedAt), status,
  };
}
