import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { Actor } from '../common/actor';
import { DomainEvents } from '../common/events/domain-events.service';
import { resolveCompanyScope } from '../common/tenant-scope';
import { CompanySettings, defaultCompanySettings } from './company-settings';
import { CompanySettingsDto } from './dto/company-settings.dto';
import { CreateCompanyDto, UpdateCompanyDto } from './dto/company.dto';
import { Company } from './entities/company.entity';
import { widgetSnippets } from './widget/widget-snippet';

export const newWidgetKey = () => `wk_${randomBytes(18).toString('base64url')}`;

/** The names of the settings that really changed, for the audit log. */
function changedKeys(before: CompanySettings, patch: CompanySettingsDto): string[] {
  return Object.entries(patch)
    .filter(([key, value]) => value !== undefined && JSON.stringify(before[key as keyof CompanySettings]) !== JSON.stringify(value))
    .map(([key]) => key);
}

// Settings are read on every bot turn; a short TTL bounds staleness when several processes share the DB.
const SETTINGS_TTL_MS = 5_000;

@Injectable()
export class CompaniesService {
  private readonly settingsCache = new Map<string, { company: Company; at: number }>();

  constructor(
    @InjectRepository(Company) private readonly companies: Repository<Company>,
    private readonly events: DomainEvents,
  ) {}

  async create(actor: Actor | null, dto: CreateCompanyDto, ip?: string): Promise<Company> {
    const now = Date.now();
    const company = this.companies.create({
      id: randomUUID(),
      name: dto.name.trim(),
      plan: dto.plan ?? 'free',
      widgetKey: newWidgetKey(),
      settings: defaultCompanySettings(stripUndefined(dto.settings)),
      isActive: true,
      createdAt: now,
      updatedAt: now,
    });
    await this.companies.insert(company);
    await this.events.publish('company.created', { actor, companyId: company.id, ip, targetCompanyId: company.id, name: company.name });
    return company;
  }

  list(): Promise<Company[]> {
    return this.companies.find({ order: { createdAt: 'ASC' } });
  }

  async get(id: string): Promise<Company> {
    const company = await this.companies.findOneBy({ id });
    if (!company) throw new NotFoundException('Company not found');
    return company;
  }

  /** The company (with settings) for hot paths: cached, refreshed on change and after a few seconds. */
  async cached(id: string): Promise<Company> {
    const hit = this.settingsCache.get(id);
    if (hit && Date.now() - hit.at < SETTINGS_TTL_MS) return hit.company;
    const company = await this.get(id);
    this.settingsCache.set(id, { company, at: Date.now() });
    return company;
  }

  findActiveByWidgetKey(widgetKey: string): Promise<Company | null> {
    return this.companies.findOneBy({ widgetKey, isActive: true });
  }

  async update(actor: Actor, id: string, dto: UpdateCompanyDto, ip?: string): Promise<Company> {
    const company = await this.get(id);
    const planBefore = company.plan;
    if (dto.name !== undefined) company.name = dto.name.trim();
    if (dto.isActive !== undefined) company.isActive = dto.isActive;
    if (dto.plan !== undefined) company.plan = dto.plan;
    const settingsChanges = dto.settings ? changedKeys(company.settings, dto.settings) : [];
    if (dto.settings) company.settings = { ...company.settings, ...stripUndefined(dto.settings) };
    company.updatedAt = Date.now();
    await this.companies.save(company);
    this.settingsCache.delete(company.id);
    const audit = { actor, companyId: company.id, ip, targetCompanyId: company.id };
    if (dto.plan !== undefined && dto.plan !== planBefore) {
      await this.events.publish('company.plan_changed', { ...audit, from: planBefore, to: dto.plan });
    }
    if (settingsChanges.length) await this.events.publish('company.settings_changed', { ...audit, changes: settingsChanges });
    return company;
  }

  async widgetSnippet(actor: Actor, baseUrl: string, companyId?: string) {
    const company = await this.get(resolveCompanyScope(actor, companyId));
    return widgetSnippets(baseUrl, company.widgetKey);
  }

  async rotateWidgetKey(actor: Actor, baseUrl: string, companyId?: string, ip?: string) {
    const company = await this.get(resolveCompanyScope(actor, companyId));
    company.widgetKey = newWidgetKey();
    company.updatedAt = Date.now();
    await this.companies.update({ id: company.id }, { widgetKey: company.widgetKey, updatedAt: company.updatedAt });
    this.settingsCache.delete(company.id);
    await this.events.publish('widget_key.rotated', { actor: { id: actor.id, email: actor.email }, companyId: company.id, ip, targetCompanyId: company.id });
    return widgetSnippets(baseUrl, company.widgetKey);
  }

  async getSettings(actor: Actor, companyId?: string): Promise<{ companyId: string; settings: CompanySettings }> {
    const company = await this.get(resolveCompanyScope(actor, companyId));
    return { companyId: company.id, settings: company.settings };
  }

  async updateSettings(actor: Actor, patch: CompanySettingsDto, companyId?: string, ip?: string) {
    const company = await this.update(actor, resolveCompanyScope(actor, companyId), { settings: patch }, ip);
    return { companyId: company.id, settings: company.settings };
  }
}

function stripUndefined<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
