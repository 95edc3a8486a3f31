import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ApiKey } from '../entities/api-key.entity';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Zendesk bridge' }) @IsString() @MinLength(1) @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ description: 'Super admin only: the company the key belongs to' }) @IsOptional() @IsUUID()
  companyId?: string;
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
