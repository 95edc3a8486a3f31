import { Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor, isSuperAdmin } from '../common/actor';
import { DomainEvents } from '../common/events/domain-events.service';
import { resolveCompanyScope } from '../common/tenant-scope';
import { UsageService } from '../usage/usage.service';
import { CreateKnowledgeEntryDto, ListKnowledgeQuery, UpdateKnowledgeEntryDto } from './dto/knowledge.dto';
import { KnowledgeEntry } from './entities/knowledge-entry.entity';
import { entryDocId, KnowledgeRepository } from './knowledge.repository';

const auditOf = (actor: Actor, companyId: string, ip?: string) => ({ actor: { id: actor.id, email: actor.email }, companyId, ip });

/** Curated question/answer entries; every change is published so the assistant's index follows at once. */
@Injectable()
export class KnowledgeService {
  constructor(
    private readonly knowledge: KnowledgeRepository,
    private readonly usage: UsageService,
    private readonly events: DomainEvents,
  ) {}

  async list(actor: Actor, query: ListKnowledgeQuery): Promise<{ items: KnowledgeEntry[]; total: number }> {
    const companyId = resolveCompanyScope(actor, query.companyId);
    const [items, total] = await this.knowledge.entries.findAndCount({
      where: { companyId, ...(query.category ? { category: query.category } : {}) },
      order: { createdAt: 'ASC' }, skip: query.offset, take: query.limit,
    });
    return { items, total };
  }

  async create(actor: Actor, dto: CreateKnowledgeEntryDto, ip?: string): Promise<KnowledgeEntry> {
    const companyId = resolveCompanyScope(actor, dto.companyId);
    await this.usage.assertKnowledgeRoom(companyId, 1);
    const now = Date.now();
    const entry = this.knowledge.entries.create({
      id: randomUUID(), companyId, question: dto.question, answer: dto.answer, category: dto.category || null,
      isActive: dto.active ?? true, createdAt: now, updatedAt: now,
    });
    await this.knowledge.entries.insert(entry);
    await this.events.publish('knowledge.changed', { ...auditOf(actor, companyId, ip), action: 'created', docIds: [entryDocId(entry.id)] });
    return entry;
  }

  async get(actor: Actor, id: string): Promise<KnowledgeEntry> {
    const entry = await this.knowledge.findEntry(isSuperAdmin(actor) ? null : actor.companyId, id);
    if (!entry) throw new NotFoundException('Knowledge entry not found');
    return entry;
  }

  async update(actor: Actor, id: string, dto: UpdateKnowledgeEntryDto, ip?: string): Promise<KnowledgeEntry> {
    const entry = await this.get(actor, id);
    if (dto.question !== undefined) entry.question = dto.question;
    if (dto.answer !== undefined) entry.answer = dto.answer;
    if (dto.category !== undefined) entry.category = dto.category || null;
    if (dto.active !== undefined) entry.isActive = dto.active;
    entry.updatedAt = Date.now();
    await this.knowledge.entries.save(entry);
    await this.events.publish('knowledge.changed', { ...auditOf(actor, entry.companyId, ip), action: 'updated', docIds: [entryDocId(id)] });
    return entry;
  }

  async remove(actor: Actor, id: string, ip?: string): Promise<void> {
    const entry = await this.get(actor, id);
    await this.knowledge.entries.delete({ id: entry.id, companyId: entry.companyId });
    await this.events.publish('knowledge.changed', { ...auditOf(actor, entry.companyId, ip), action: 'deleted', docIds: [entryDocId(id)] });
  }
}
