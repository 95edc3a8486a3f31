import { Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { Actor, isSuperAdmin } from '../../common/actor';
import { AppError } from '../../common/app-error';
import { DomainEvents } from '../../common/events/domain-events.service';
import { resolveCompanyScope } from '../../common/tenant-scope';
import { CompaniesService } from '../../companies/companies.service';
import { ApiKey } from '../entities/api-key.entity';
import { CreateApiKeyDto } from './api-key.dto';
import { generateApiKey, hashApiKey, looksLikeApiKey } from './api-key-secret';

// last_used_at is advisory: write it at most once a minute per key, not on every request.
const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class ApiKeysService {
  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly companies: CompaniesService,
    private readonly events: DomainEvents,
  ) {}

  /** Returns the plain key: the only time it exists outside the caller's hands. */
  async create(actor: Actor, dto: CreateApiKeyDto, ip?: string): Promise<{ apiKey: ApiKey; key: string }> {
    const companyId = resolveCompanyScope(actor, dto.companyId);
    await this.companies.get(companyId);
    const { key, prefix, hash } = generateApiKey();
    const apiKey = this.keys.create({
      id: randomUUID(), companyId, name: dto.name.trim(), prefix, keyHash: hash, createdBy: actor.id,
      lastUsedAt: null, expiresAt: null, revokedAt: null, createdAt: Date.now(),
    });
    await this.keys.insert(apiKey);
    await this.events.publish('api_key.created', {
      actor: { id: actor.id, email: actor.email }, companyId, ip, apiKeyId: apiKey.id, name: apiKey.name, prefix,
    });
    return { apiKey, key };
  }

  list(actor: Actor, companyId?: string): Promise<ApiKey[]> {
    const scope = resolveCompanyScope(actor, companyId, true);
    return this.keys.find({ where: scope ? { companyId: scope } : {}, order: { createdAt: 'DESC' } });
  }

  async revoke(actor: Actor, id: string, ip?: string): Promise<ApiKey> {
    const apiKey = await this.keys.findOneBy(isSuperAdmin(actor) ? { id } : { id, companyId: actor.companyId as string });
    if (!apiKey) throw new NotFoundException('API key not found');
    if (!apiKey.revokedAt) {
      apiKey.revokedAt = Date.now();
      await this.keys.update({ id, revokedAt: IsNull() }, { revokedAt: apiKey.revokedAt });
      await this.events.publish('api_key.revoked', {
        actor: { id: actor.id, email: actor.email }, companyId: apiKey.companyId, ip, apiKeyId: id, prefix: apiKey.prefix,
      });
    }
    return apiKey;
  }

  /** A new key with the same name; the old one stops now or after the overlap (for a rolling deploy). */
  async rotate(actor: Actor, id: string, overlapSeconds: number, ip?: string): Promise<{ apiKey: ApiKey; key: string; previous: ApiKey }> {
    const previous = await this.keys.findOneBy(isSuperAdmin(actor) ? { id } : { id, companyId: actor.companyId as string });
    if (!previous) throw new NotFoundException('API key not found');
    const now = Date.now();
    if (previous.revokedAt || (previous.expiresAt && previous.expiresAt <= now)) throw new AppError('key_inactive', 'Only an active key can be rotated', 409);
    const { apiKey, key } = await this.create(actor, { name: previous.name, companyId: previous.companyId }, ip);
    if (overlapSeconds > 0) {
      previous.expiresAt = now + overlapSeconds * 1000;
      await this.keys.update({ id }, { expiresAt: previous.expiresAt });
    } else {
      await this.revoke(actor, id, ip);
      previous.revokedAt = now;
    }
    return { apiKey, key, previous };
  }

  /** The server-to-server channel's check: one indexed lookup by hash. */
  async authenticate(key: unknown): Promise<ApiKey> {
    const refused = new UnauthorizedException('Missing, unknown, expired or revoked API key (send it in the X-API-Key header)');
    if (!looksLikeApiKey(key)) throw refused;
    const apiKey = await this.keys.findOneBy({ keyHash: hashApiKey(key) });
    const now = Date.now();
    if (!apiKey || apiKey.revokedAt || (apiKey.expiresAt && apiKey.expiresAt <= now)) throw refused;
    if (!apiKey.lastUsedAt || now - apiKey.lastUsedAt > LAST_USED_RESOLUTION_MS) {
      apiKey.lastUsedAt = now;
      await this.keys.update({ id: apiKey.id }, { lastUsedAt: now });
    }
    return apiKey;
  }
}
