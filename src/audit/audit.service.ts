import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { Actor, isSuperAdmin } from '../common/actor';
import { AuditContext } from '../common/events/domain-events';
import { ListAuditLogsQuery } from './dto/list-audit-logs.query';
import { AuditDetails, AuditLog } from './entities/audit-log.entity';

export interface AuditRecord extends AuditContext {
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  details?: AuditDetails | null;
}

/** Append-only: there is deliberately no update or delete here or anywhere else. */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditLog) private readonly logs: Repository<AuditLog>) {}

  async record(entry: AuditRecord): Promise<void> {
    await this.logs.insert(this.logs.create({
      id: randomUUID(),
      companyId: entry.companyId,
      actorId: entry.actor?.id ?? null,
      actorEmail: entry.actor?.email ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      details: entry.details ?? null,
      ip: entry.ip ?? null,
      createdAt: Date.now(),
    }));
  }

  async list(actor: Actor, query: ListAuditLogsQuery): Promise<{ items: AuditLog[]; total: number }> {
    const qb = this.logs.createQueryBuilder('log');
    if (isSuperAdmin(actor)) {
      if (query.companyId) qb.andWhere('log.company_id = :companyId', { companyId: query.companyId });
    } else {
      if (query.companyId && query.companyId !== actor.companyId) throw new ForbiddenException('You can only read your own company\'s audit log');
      qb.andWhere('log.company_id = :companyId', { companyId: actor.companyId });
    }
    if (query.actorId) qb.andWhere('log.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('log.action = :action', { action: query.action });
    if (query.from !== undefined) qb.andWhere('log.created_at >= :from', { from: query.from });
    if (query.to !== undefined) qb.andWhere('log.created_at < :to', { to: query.to });
    qb.orderBy('log.created_at', 'DESC').addOrderBy('log.id', 'DESC').skip(query.offset).take(query.limit);
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }
}
