import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, Not, Repository } from 'typeorm';
import { Actor, isSuperAdmin } from '../../common/actor';
import { DomainEvents } from '../../common/events/domain-events.service';
import { resolveCompanyScope } from '../../common/tenant-scope';
import { CreatePromptDto, UpdatePromptDto } from './prompts.dto';
import { SystemPrompt } from './system-prompt.entity';

/** A company's system prompts; exactly one (or none) is active and used by the OpenAI answerer. */
@Injectable()
export class PromptsService {
  // The active prompt per company, read on every bot turn; null = none set.
  private readonly active = new Map<string, string | null>();

  constructor(
    @InjectRepository(SystemPrompt) private readonly prompts: Repository<SystemPrompt>,
    private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
  ) {}

  list(actor: Actor, companyId?: string): Promise<SystemPrompt[]> {
    return this.prompts.find({ where: { companyId: resolveCompanyScope(actor, companyId) }, order: { createdAt: 'ASC' } });
  }

  async create(actor: Actor, dto: CreatePromptDto, ip?: string): Promise<SystemPrompt> {
    const companyId = resolveCompanyScope(actor, dto.companyId);
    const now = Date.now();
    const prompt = this.prompts.create({ id: randomUUID(), companyId, name: dto.name, content: dto.content, isActive: false, createdAt: now, updatedAt: now });
    await this.prompts.insert(prompt);
    if (dto.active) await this.activate(prompt);
    await this.changed(actor, companyId, `prompt created: ${prompt.name}`, ip);
    return prompt;
  }

  async update(actor: Actor, id: string, dto: UpdatePromptDto, ip?: string): Promise<SystemPrompt> {
    const prompt = await this.find(actor, id);
    if (dto.name !== undefined) prompt.name = dto.name;
    if (dto.content !== undefined) prompt.content = dto.content;
    prompt.updatedAt = Date.now();
    await this.prompts.update({ id }, { name: prompt.name, content: prompt.content, updatedAt: prompt.updatedAt });
    if (dto.active === true) await this.activate(prompt);
    if (dto.active === false && prompt.isActive) {
      await this.prompts.update({ id }, { isActive: false });
      prompt.isActive = false;
    }
    this.active.delete(prompt.companyId);
    await this.changed(actor, prompt.companyId, `prompt updated: ${prompt.name}`, ip);
    return prompt;
  }

  async remove(actor: Actor, id: string, ip?: string): Promise<void> {
    const prompt = await this.find(actor, id);
    await this.prompts.delete({ id });
    this.active.delete(prompt.companyId);
    await this.changed(actor, prompt.companyId, `prompt deleted: ${prompt.name}`, ip);
  }

  async activeFor(companyId: string): Promise<string | null> {
    if (!this.active.has(companyId)) {
      const prompt = await this.prompts.findOneBy({ companyId, isActive: true });
      this.active.set(companyId, prompt?.content ?? null);
    }
    return this.active.get(companyId) ?? null;
  }

  private async activate(prompt: SystemPrompt): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(SystemPrompt, { companyId: prompt.companyId, id: Not(prompt.id) }, { isActive: false });
      await manager.update(SystemPrompt, { id: prompt.id }, { isActive: true });
    });
    prompt.isActive = true;
    this.active.delete(prompt.companyId);
  }

  private async find(actor: Actor, id: string): Promise<SystemPrompt> {
    const prompt = await this.prompts.findOneBy(isSuperAdmin(actor) ? { id } : { id, companyId: actor.companyId as string });
    if (!prompt) throw new NotFoundException('Prompt not found');
    return prompt;
  }

  private changed(actor: Actor, companyId: string, change: string, ip?: string) {
    return this.events.publish('company.settings_changed', { actor: { id: actor.id, email: actor.email }, companyId, ip, targetCompanyId: companyId, changes: [change] });
  }
}
