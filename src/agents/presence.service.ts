import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app.config';
import { Actor } from '../common/actor';
import { DomainEventMap } from '../common/events/domain-events';
import { DomainEvents, OnDomainEvent } from '../common/events/domain-events.service';
import { startOfLocalDay } from '../common/time-zone';
import { ConversationRepository } from '../chat/conversation.repository';
import { CompaniesService } from '../companies/companies.service';
import { WorkSessionsService } from './work-sessions.service';
import { dailyTotals } from './working-hours';

export type AgentStatus = 'online' | 'offline';

export interface AgentState {
  agentId: string;
  companyId: string;
  name: string;
  sockets: Set<string>;
  online: boolean;
  sessionId: string | null;
  activeCount: number;
  /** For "longest idle first": when the agent last got a conversation (or came online). */
  lastAssignedAt: number;
  graceTimer: NodeJS.Timeout | null;
}

const HEARTBEAT_MS = 30_000;

/** Who is online, on how many tabs, with how many conversations. One presence per agent, however many sockets. */
@Injectable()
export class PresenceService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Presence');
  private readonly agents = new Map<string, AgentState>();
  private heartbeatTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly workSessions: WorkSessionsService,
    private readonly conversations: ConversationRepository,
    private readonly companies: CompaniesService,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.workSessions.closeAbandoned();
    this.heartbeatTimer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.heartbeatTimer.unref();
  }

  /** At shutdown open sessions close now, so working hours never count the time the hub was down. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    const now = Date.now();
    for (const state of this.agents.values()) {
      if (state.graceTimer) clearTimeout(state.graceTimer);
      if (state.online && state.sessionId) await this.workSessions.close(state.sessionId, now, 'shutdown');
      state.online = false;
    }
  }

  connect(actor: Actor, socketId: string): AgentState {
    const state = this.stateOf(actor);
    state.sockets.add(socketId);
    if (state.graceTimer) {
      clearTimeout(state.graceTimer);
      state.graceTimer = null;
    }
    return state;
  }

  /** The last socket gone starts the grace period; coming back within it changes nothing. */
  async disconnect(agentId: string, socketId: string): Promise<void> {
    const state = this.agents.get(agentId);
    if (!state) return;
    state.sockets.delete(socketId);
    if (state.sockets.size > 0 || !state.online || state.graceTimer) return;
    const graceMs = await this.graceMs(state.companyId);
    state.graceTimer = setTimeout(() => {
      state.graceTimer = null;
      if (state.sockets.size === 0) void this.goOffline(agentId, 'grace_expired').catch((e) => this.logger.error(e));
    }, graceMs);
    state.graceTimer.unref();
  }

  async setStatus(actor: Actor, status: AgentStatus): Promise<{ status: AgentStatus; workedSecondsToday: number }> {
    const state = this.stateOf(actor);
    if (status === 'online' && !state.online) {
      const session = await this.workSessions.open(actor.id, state.companyId);
      const [count] = await this.conversations.countAssignedTo([actor.id]);
      Object.assign(state, { online: true, sessionId: session.id, activeCount: count?.count ?? 0, lastAssignedAt: Date.now() });
      await this.events.publish('agent.status_changed', { companyId: state.companyId, agentId: actor.id, status: 'online', reason: 'online' });
    } else if (status === 'offline') {
      await this.goOffline(actor.id, 'offline');
    }
    return { status: state.online ? 'online' : 'offline', workedSecondsToday: await this.workedSecondsToday(state) };
  }

  async goOffline(agentId: string, reason: 'offline' | 'grace_expired' | 'deactivated'): Promise<void> {
    const state = this.agents.get(agentId);
    if (!state?.online) return;
    state.online = false;
    const sessionId = state.sessionId;
    state.sessionId = null;
    if (sessionId) await this.workSessions.close(sessionId, Date.now(), reason);
    await this.events.publish('agent.status_changed', { companyId: state.companyId, agentId, status: 'offline', reason });
  }

  /** Online agents of the company below their limit: fewest active conversations, then longest idle. */
  available(companyId: string, maxChatsPerAgent: number): AgentState[] {
    return [...this.agents.values()]
      .filter((a) => a.companyId === companyId && a.online && a.activeCount < maxChatsPerAgent)
      .sort((a, b) => a.activeCount - b.activeCount || a.lastAssignedAt - b.lastAssignedAt);
  }

  get(agentId: string): AgentState | undefined {
    return this.agents.get(agentId);
  }

  isOnline(agentId: string): boolean {
    return this.agents.get(agentId)?.online ?? false;
  }

  companyAgents(companyId: string): AgentState[] {
    return [...this.agents.values()].filter((a) => a.companyId === companyId);
  }

  @OnDomainEvent('conversation.assigned')
  onAssigned(event: DomainEventMap['conversation.assigned']): void {
    const state = this.agents.get(event.agentId);
    if (!state) return;
    state.activeCount += 1;
    state.lastAssignedAt = Date.now();
  }

  @OnDomainEvent('conversation.released')
  onReleased(event: DomainEventMap['conversation.released']): void {
    const state = this.agents.get(event.agentId);
    if (state) state.activeCount = Math.max(0, state.activeCount - 1);
  }

  @OnDomainEvent('user.deactivated')
  async onDeactivated(event: DomainEventMap['user.deactivated']): Promise<void> {
    await this.goOffline(event.userId, 'deactivated');
  }

  private stateOf(actor: Actor): AgentState {
    let state = this.agents.get(actor.id);
    if (!state) {
      state = {
        agentId: actor.id, companyId: actor.companyId as string, name: actor.name, sockets: new Set(), online: false,
        sessionId: null, activeCount: 0, lastAssignedAt: Date.now(), graceTimer: null,
      };
      this.agents.set(actor.id, state);
    }
    return state;
  }

  private async graceMs(companyId: string): Promise<number> {
    const company = await this.companies.cached(companyId).catch(() => null);
    return (company?.settings.gracePeriodSeconds ?? this.config.presenceGraceSeconds) * 1000;
  }

  private async workedSecondsToday(state: AgentState): Promise<number> {
    const timeZone = (await this.companies.cached(state.companyId)).settings.timeZone;
    const now = Date.now();
    const from = startOfLocalDay(now, timeZone);
    const sessions = await this.workSessions.overlapping({ companyId: state.companyId, agentId: state.agentId }, from, now);
    return dailyTotals(sessions, timeZone, from, now, now).reduce((sum, row) => sum + row.seconds, 0);
  }

  private async beat(): Promise<void> {
    const online = [...this.agents.values()].filter((a) => a.online).map((a) => a.agentId);
    await this.workSessions.heartbeat(online).catch((e) => this.logger.error(`heartbeat failed: ${e}`));
  }
}
