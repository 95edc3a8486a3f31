import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { Actor, hasRole, isSuperAdmin } from '../common/actor';
import { toCsv } from '../common/csv';
import { resolveCompanyScope } from '../common/tenant-scope';
import { parseRangeBound } from '../common/time-zone';
import { CompaniesService } from '../companies/companies.service';
import { UsersRepository } from '../users/users.repository';
import { HoursQuery, HoursRangeQuery } from './dto/hours.query';
import { PresenceService } from './presence.service';
import { WorkSessionsService } from './work-sessions.service';
import { dailyTotals } from './working-hours';

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** Working hours for people: sessions and daily totals in the company's time zone. */
@Injectable()
export class AgentsService {
  constructor(
    private readonly sessions: WorkSessionsService,
    private readonly presence: PresenceService,
    private readonly users: UsersRepository,
    private readonly companies: CompaniesService,
  ) {}

  /** The company's agents and admins with their live presence. */
  async list(actor: Actor, companyId?: string) {
    const scope = resolveCompanyScope(actor, companyId);
    const staff = (await this.users.list(scope)).filter((u) => u.role !== 'super_admin' && u.isActive);
    return staff.map((u) => {
      const state = this.presence.get(u.id);
      return { id: u.id, name: u.name, email: u.email, role: u.role, status: state?.online ? 'online' : 'offline', activeConversations: state?.activeCount ?? 0, connected: (state?.sockets.size ?? 0) > 0 };
    });
  }

  async workSessions(actor: Actor, agentId: string, query: HoursRangeQuery) {
    const agent = await this.visibleAgent(actor, agentId);
    const { from, to, timeZone } = await this.range(agent.companyId as string, query);
    const sessions = await this.sessions.overlapping({ companyId: agent.companyId as string, agentId }, from, to);
    return {
      agentId, timeZone, from: new Date(from).toISOString(), to: new Date(to).toISOString(),
      workedSecondsTotal: agent.workedSecondsTotal,
      sessions: sessions.map((s) => ({
        id: s.id, startedAt: new Date(s.startedAt).toISOString(), endedAt: s.endedAt ? new Date(s.endedAt).toISOString() : null,
        durationSeconds: s.durationSeconds ?? Math.round((Date.now() - s.startedAt) / 1000), endReason: s.endReason, open: s.endedAt === null,
      })),
    };
  }

  async hours(actor: Actor, query: HoursQuery) {
    if (!hasRole(actor, 'admin') && query.agentId && query.agentId !== actor.id) throw new ForbiddenException('Agents can only see their own hours');
    const companyId = resolveCompanyScope(actor, query.companyId);
    const agentId = hasRole(actor, 'admin') ? query.agentId : actor.id;
    const { from, to, timeZone } = await this.range(companyId, query);
    const sessions = await this.sessions.overlapping({ companyId, agentId }, from, to);
    const names = new Map((await this.users.list(companyId)).map((u) => [u.id, u]));
    const rows = dailyTotals(sessions, timeZone, from, to, Date.now()).map((r) => ({
      ...r, agentName: names.get(r.agentId)?.name ?? null, agentEmail: names.get(r.agentId)?.email ?? null, hours: Math.round((r.seconds / 3600) * 100) / 100,
    }));
    if (query.format === 'csv') {
      return toCsv(['date', 'agent_id', 'agent_name', 'agent_email', 'seconds', 'hours'], rows.map((r) => [r.date, r.agentId, r.agentName, r.agentEmail, r.seconds, r.hours]));
    }
    return { timeZone, from: new Date(from).toISOString(), to: new Date(to).toISOString(), days: rows };
  }

  private async visibleAgent(actor: Actor, agentId: string) {
    const agent = await this.users.findInCompany(agentId, isSuperAdmin(actor) ? null : actor.companyId);
    if (!agent || agent.role === 'super_admin') throw new NotFoundException('Agent not found');
    if (!hasRole(actor, 'admin') && agent.id !== actor.id) throw new ForbiddenException('Agents can only see their own work sessions');
    return agent;
  }

  private async range(companyId: string, query: HoursRangeQuery) {
    const timeZone = (await this.companies.cached(companyId)).settings.timeZone;
    const to = parseRangeBound(query.to, timeZone, 'to') ?? Date.now();
    const from = parseRangeBound(query.from, timeZone, 'from') ?? to - WEEK_MS;
    if (from >= to) throw new BadRequestException({ message: 'from must be before to', details: [{ field: 'from', errors: ['from must be before to'] }] });
    return { from, to, timeZone };
  }
}
