import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PresenceService } from '../../agents/presence.service';
import { ChatService } from '../../chat/chat.service';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import { DomainEventMap } from '../../common/events/domain-events';
import { OnDomainEvent } from '../../common/events/domain-events.service';
import { EscalationRepository } from '../escalation.repository';
import { RoutingService } from '../routing.service';

const WHY: Record<string, string> = {
  offline: 'Your agent had to step away; you are back at the front of the queue and the next person will continue.',
  grace_expired: 'Your agent lost their connection; you are back at the front of the queue and the next person will continue.',
  deactivated: 'Your agent is no longer available; you are back at the front of the queue and the next person will continue.',
};

/** Agents coming and going move the queue: online takes work, gone gives it back. */
@Injectable()
export class AgentAvailabilityListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Routing');
  private orphanTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly routing: RoutingService,
    private readonly presence: PresenceService,
    private readonly chat: ChatService,
    private readonly escalations: EscalationRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @OnDomainEvent('agent.status_changed')
  async onStatus(event: DomainEventMap['agent.status_changed']): Promise<void> {
    if (event.status === 'online') return this.routing.route(event.companyId);
    await this.routing.requeueAgent(event.companyId, event.agentId, WHY[event.reason] ?? WHY.offline);
  }

  /** The first agent reply after an escalation: the first-response time analytics reads. */
  @OnDomainEvent('message.created')
  async onAgentMessage(event: DomainEventMap['message.created']): Promise<void> {
    if (event.senderType !== 'agent' || !event.message.sender.id) return;
    const at = Date.parse(event.message.createdAt);
    await this.chat.conversations.repo.createQueryBuilder().update().set({ firstAgentResponseAt: at })
      .where('id = :id AND first_agent_response_at IS NULL', { id: event.conversationId }).execute();
    await this.escalations.markFirstResponse(event.conversationId, event.message.sender.id, at);
  }

  /** After a restart agents have one grace period to come back; then their conversations are requeued. */
  onApplicationBootstrap(): void {
    this.orphanTimer = setTimeout(() => void this.requeueOrphans(), this.config.presenceGraceSeconds * 1000);
    this.orphanTimer.unref();
  }

  onApplicationShutdown(): void {
    if (this.orphanTimer) clearTimeout(this.orphanTimer);
  }

  async requeueOrphans(): Promise<void> {
    const assigned = await this.chat.conversations.repo.find({ where: { status: 'assigned' }, select: { id: true, companyId: true, assignedAgentId: true } });
    const orphans = new Map<string, string>();
    for (const c of assigned) if (c.assignedAgentId && !this.presence.isOnline(c.assignedAgentId)) orphans.set(c.assignedAgentId, c.companyId);
    for (const [agentId, companyId] of orphans) await this.routing.requeueAgent(companyId, agentId, WHY.grace_expired);
    if (orphans.size) this.logger.warn(`requeued the conversations of ${orphans.size} agent(s) who did not come back after a restart`);
  }
}
