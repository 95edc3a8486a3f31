import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { Actor, hasRole } from '../common/actor';
import { AppError } from '../common/app-error';
import { DomainEvents } from '../common/events/domain-events.service';
import { KeyedMutex } from '../common/keyed-mutex';
import { ChatService } from '../chat/chat.service';
import { Conversation } from '../chat/entities/conversation.entity';
import { PresenceService } from '../agents/presence.service';
import { CompaniesService } from '../companies/companies.service';
import { UsersRepository } from '../users/users.repository';
import { EscalationRepository } from './escalation.repository';
import { estimateWaitSeconds, RollingAverage } from './queue-estimate';

/**
 * Who holds which conversation. Every change for a company runs under that company's lock, and
 * every status change is a compare-and-set on the row, so no conversation is assigned twice.
 */
@Injectable()
export class RoutingService {
  private readonly companyLock = new KeyedMutex();
  private readonly handleTimes = new Map<string, RollingAverage>();
  // Agents who handed a conversation back are not offered it again by the router.
  private readonly declinedBy = new Map<string, Set<string>>();

  constructor(
    private readonly chat: ChatService,
    private readonly escalations: EscalationRepository,
    private readonly presence: PresenceService,
    private readonly companies: CompaniesService,
    private readonly users: UsersRepository,
    private readonly events: DomainEvents,
  ) {}

  /** Assigns waiting conversations to free agents, oldest first, then republishes the queue. */
  route(companyId: string): Promise<void> {
    return this.companyLock.run(companyId, () => this.routeLocked(companyId));
  }

  /** Puts a bot conversation in the queue (escalation) and routes it. */
  enqueue(conversation: Conversation): Promise<void> {
    return this.companyLock.run(conversation.companyId, async () => {
      const now = Date.now();
      const moved = await this.chat.conversations.transition(conversation.id, ['bot'], { status: 'queued', queuedAt: now, escalatedAt: now, queuePriority: 0 });
      if (!moved) return;
      await this.events.publish('conversation.queued', { conversationId: conversation.id, companyId: conversation.companyId, requeued: false });
      await this.routeLocked(conversation.companyId);
    });
  }

  async claim(actor: Actor, conversationId: string): Promise<Conversation> {
    const conversation = await this.staffConversation(actor, conversationId);
    return this.companyLock.run(conversation.companyId, async () => {
      const fresh = await this.staffConversation(actor, conversationId);
      if (fresh.status !== 'queued' && fresh.status !== 'bot') throw new AppError('not_claimable', `This conversation is ${fresh.status}, not waiting`, 409);
      const company = await this.companies.cached(fresh.companyId);
      const state = this.presence.get(actor.id);
      if (!state?.online) throw new AppError('agent_offline', 'Go online before taking conversations', 409);
      if (state.activeCount >= company.settings.maxChatsPerAgent) {
        throw new AppError('at_capacity', `You already have ${state.activeCount} conversations (the limit is ${company.settings.maxChatsPerAgent})`, 409);
      }
      if (fresh.status === 'bot') await this.escalations.create({ companyId: fresh.companyId, conversationId: fresh.id, messageId: null, reason: 'agent_transfer', confidence: null, draft: null, sources: null });
      await this.assignLocked(fresh, actor.id, actor.name, { manual: true, byActor: actor, from: [fresh.status] });
      await this.publishQueue(fresh.companyId);
      return (await this.chat.conversations.findById(conversationId)) as Conversation;
    });
  }

  /** Hands the conversation to a named online agent, or back to the front of the queue. */
  async transfer(actor: Actor, conversationId: string, toAgentId?: string): Promise<Conversation> {
    const conversation = await this.heldConversation(actor, conversationId);
    return this.companyLock.run(conversation.companyId, async () => {
      const fresh = await this.heldConversation(actor, conversationId);
      const fromAgentId = fresh.assignedAgentId as string;
      const company = await this.companies.cached(fresh.companyId);
      if (toAgentId) {
        const colleague = await this.users.findInCompany(toAgentId, fresh.companyId);
        if (!colleague || !colleague.isActive || colleague.role === 'super_admin') throw new NotFoundException('No such agent in your company');
        const target = this.presence.get(toAgentId);
        if (!target?.online) throw new AppError('agent_offline', `${colleague.name} is offline`, 409);
        if (toAgentId === fromAgentId) throw new AppError('same_agent', 'The conversation is already with that agent', 409);
        if (target.activeCount >= company.settings.maxChatsPerAgent) throw new AppError('at_capacity', `${target.name} is at the limit of ${company.settings.maxChatsPerAgent} conversations`, 409);
        await this.escalations.create({ companyId: fresh.companyId, conversationId, messageId: null, reason: 'agent_transfer', confidence: null, draft: null, sources: null });
        await this.release(fresh, fromAgentId, 'transferred');
        await this.assignLocked(fresh, toAgentId, target.name, { manual: true, byActor: actor, fromAgentId, from: ['assigned'] });
      } else {
        this.declined(conversationId).add(fromAgentId);
        await this.escalations.create({ companyId: fresh.companyId, conversationId, messageId: null, reason: 'agent_transfer', confidence: null, draft: null, sources: null });
        await this.requeueLocked(fresh, 'transferred', `${actor.name} handed your conversation to the team; you are at the front of the queue.`);
        await this.routeLocked(fresh.companyId);
      }
      return (await this.chat.conversations.findById(conversationId)) as Conversation;
    });
  }

  async resolve(actor: Actor, conversationId: string): Promise<Conversation> {
    const conversation = await this.staffConversation(actor, conversationId);
    return this.companyLock.run(conversation.companyId, async () => {
      const fresh = await this.staffConversation(actor, conversationId);
      if (fresh.status === 'resolved') return fresh;
      if (fresh.status === 'assigned' && fresh.assignedAgentId !== actor.id && !hasRole(actor, 'admin')) {
        throw new ForbiddenException('Only the assigned agent or an admin can resolve this conversation');
      }
      await this.chat.append(fresh, { senderType: 'system', text: 'This conversation has been resolved. How did we do? You can rate it below.' });
      const now = Date.now();
      if (!(await this.chat.conversations.transition(fresh.id, [fresh.status], { status: 'resolved', resolvedAt: now }))) {
        throw new ConflictException('The conversation changed meanwhile; try again');
      }
      if (fresh.assignedAgentId) {
        if (fresh.assignedAt) this.handleTime(fresh.companyId).add((now - fresh.assignedAt) / 1000);
        await this.events.publish('conversation.released', { conversationId: fresh.id, companyId: fresh.companyId, agentId: fresh.assignedAgentId, reason: 'resolved' });
      }
      this.chat.forget(fresh.id);
      this.declinedBy.delete(fresh.id);
      await this.events.publish('conversation.resolved', { conversationId: fresh.id, companyId: fresh.companyId, agentId: fresh.assignedAgentId });
      await this.routeLocked(fresh.companyId);
      return (await this.chat.conversations.findById(conversationId)) as Conversation;
    });
  }

  /** An agent is gone (offline, grace expired, deactivated): their conversations go to the front of the queue. */
  requeueAgent(companyId: string, agentId: string, why: string): Promise<void> {
    return this.companyLock.run(companyId, async () => {
      for (const conversation of await this.chat.conversations.findAssignedTo(agentId)) {
        await this.requeueLocked(conversation, 'requeued', why);
      }
      await this.routeLocked(companyId);
    });
  }

  /** The queue as customers and staff see it (positions are 1-based). */
  async queueOf(companyId: string) {
    const queued = await this.chat.conversations.findQueued(companyId);
    const agentsOnline = this.presence.companyAgents(companyId).filter((a) => a.online).length;
    const average = this.handleTime(companyId).value;
    const latest = new Map((await this.escalations.findLatestForConversations(queued.map((c) => c.id))).map((e) => [e.conversationId, e]));
    return queued.map((c, i) => ({
      conversationId: c.id, position: i + 1, estimatedWaitSeconds: estimateWaitSeconds(i + 1, agentsOnline, average),
      queuedAt: c.queuedAt ?? c.updatedAt, visitorName: c.visitorName, reason: latest.get(c.id)?.reason ?? null,
    }));
  }

  private async routeLocked(companyId: string): Promise<void> {
    const company = await this.companies.cached(companyId);
    for (const conversation of await this.chat.conversations.findQueued(companyId)) {
      const declined = this.declinedBy.get(conversation.id);
      const agent = this.presence.available(companyId, company.settings.maxChatsPerAgent).find((a) => !declined?.has(a.agentId));
      if (!agent) {
        if (!this.presence.available(companyId, company.settings.maxChatsPerAgent).length) break;
        continue;
      }
      await this.assignLocked(conversation, agent.agentId, agent.name, { manual: false, from: ['queued'] });
    }
    await this.publishQueue(companyId);
  }

  private async assignLocked(conversation: Conversation, agentId: string, agentName: string, options: { manual: boolean; byActor?: Actor; fromAgentId?: string; from: Conversation['status'][] }): Promise<void> {
    const now = Date.now();
    const moved = await this.chat.conversations.transition(conversation.id, options.from, { status: 'assigned', assignedAgentId: agentId, assignedAt: now });
    if (!moved) return;
    await this.escalations.markAssigned(conversation.id, agentId, now);
    await this.events.publish('conversation.assigned', {
      conversationId: conversation.id, companyId: conversation.companyId, agentId, agentName, manual: options.manual,
      byActorId: options.byActor?.id ?? null, byActorEmail: options.byActor?.email ?? null, fromAgentId: options.fromAgentId ?? null,
    });
    await this.chat.append(conversation, { senderType: 'system', text: `${agentName} joined the conversation.` });
  }

  private async requeueLocked(conversation: Conversation, reason: 'requeued' | 'transferred', why: string): Promise<void> {
    const agentId = conversation.assignedAgentId;
    const moved = await this.chat.conversations.transition(conversation.id, ['assigned'], {
      status: 'queued', assignedAgentId: null, assignedAt: null, queuePriority: 1, queuedAt: conversation.queuedAt ?? Date.now(),
    });
    if (!moved) return;
    if (agentId) await this.release(conversation, agentId, reason);
    await this.chat.append(conversation, { senderType: 'system', text: why });
    await this.events.publish('conversation.queued', { conversationId: conversation.id, companyId: conversation.companyId, requeued: true, fromAgentId: agentId });
  }

  private release(conversation: Conversation, agentId: string, reason: 'requeued' | 'transferred') {
    return this.events.publish('conversation.released', { conversationId: conversation.id, companyId: conversation.companyId, agentId, reason });
  }

  private async publishQueue(companyId: string): Promise<void> {
    await this.events.publish('queue.changed', { companyId, entries: await this.queueOf(companyId) });
  }

  private handleTime(companyId: string): RollingAverage {
    let average = this.handleTimes.get(companyId);
    if (!average) this.handleTimes.set(companyId, (average = new RollingAverage()));
    return average;
  }

  private declined(conversationId: string): Set<string> {
    let set = this.declinedBy.get(conversationId);
    if (!set) this.declinedBy.set(conversationId, (set = new Set()));
    return set;
  }

  /** A conversation of the actor's company (404 otherwise: other tenants' ids do not exist for you). */
  private async staffConversation(actor: Actor, conversationId: string): Promise<Conversation> {
    if (!actor.companyId) throw new ForbiddenException('Super admins do not take conversations; log in as an agent of the company');
    const conversation = await this.chat.conversations.findInCompany(conversationId, actor.companyId);
    if (!conversation) throw new NotFoundException('Conversation not found');
    return conversation;
  }

  private async heldConversation(actor: Actor, conversationId: string): Promise<Conversation> {
    const conversation = await this.staffConversation(actor, conversationId);
    if (conversation.status !== 'assigned') throw new AppError('not_assigned', 'Only a conversation with an agent can be transferred', 409);
    if (conversation.assignedAgentId !== actor.id && !hasRole(actor, 'admin')) throw new ForbiddenException('This conversation is not yours');
    return conversation;
  }
}
