import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Not, Repository } from 'typeorm';
import { EntityStatements } from '../database/entity-statements';
import { Conversation, ConversationStatus } from './entities/conversation.entity';

/** What a customer's own event needs of its conversation: whose it is, its state, the visitor's name. */
const CONVERSATION_ACCESS = ['id', 'companyId', 'visitorId', 'visitorName', 'status'] as const;
export type ConversationAccess = Pick<Conversation, (typeof CONVERSATION_ACCESS)[number]>;

@Injectable()
export class ConversationRepository {
  // Reads by id run for every chat message: constant statements, prepared once.
  private readonly byId: (values: [string]) => Promise<Conversation | null>;
  private readonly byIdInCompany: (values: [string, string]) => Promise<Conversation | null>;
  private readonly accessInCompany: (values: [string, string]) => Promise<ConversationAccess | null>;

  constructor(@InjectRepository(Conversation) readonly repo: Repository<Conversation>) {
    const statements = new EntityStatements(repo);
    this.byId = statements.lookup(['id']);
    this.byIdInCompany = statements.lookup(['id', 'companyId']);
    this.accessInCompany = statements.lookup(['id', 'companyId'], CONVERSATION_ACCESS);
  }

  findById(id: string): Promise<Conversation | null> {
    return this.byId([id]);
  }

  findInCompany(id: string, companyId: string | null): Promise<Conversation | null> {
    return companyId ? this.byIdInCompany([id, companyId]) : this.findById(id);
  }

  /** Only the columns of `ConversationAccess`: the per-message check reads a third of the row. */
  findAccess(id: string, companyId: string): Promise<ConversationAccess | null> {
    return this.accessInCompany([id, companyId]);
  }

  /** The visitor's newest conversation that has not been resolved, if any. */
  findOpenByVisitor(companyId: string, visitorId: string): Promise<Conversation | null> {
    return this.repo.findOne({ where: { companyId, visitorId, status: Not('resolved') }, order: { createdAt: 'DESC' } });
  }

  /** The FIFO queue: requeued conversations (priority 1) first, then by time queued. */
  findQueued(companyId: string): Promise<Conversation[]> {
    return this.repo.find({ where: { companyId, status: 'queued' }, order: { queuePriority: 'DESC', queuedAt: 'ASC', id: 'ASC' } });
  }

  findAssignedTo(agentId: string): Promise<Conversation[]> {
    return this.repo.find({ where: { assignedAgentId: agentId, status: 'assigned' }, order: { assignedAt: 'ASC' } });
  }

  countAssignedTo(agentIds: string[]): Promise<{ agentId: string; count: number }[]> {
    if (!agentIds.length) return Promise.resolve([]);
    return this.repo.createQueryBuilder('c').select('c.assigned_agent_id', 'agentId').addSelect('COUNT(*)', 'count')
      .where({ assignedAgentId: In(agentIds), status: 'assigned' as ConversationStatus }).groupBy('c.assigned_agent_id')
      .getRawMany<{ agentId: string; count: string | number }>()
      .then((rows) => rows.map((r) => ({ agentId: r.agentId, count: Number(r.count) })));
  }

  /** Compare-and-set on status: the update only happens if nobody changed the conversation meanwhile. */
  async transition(id: string, from: ConversationStatus[], changes: Partial<Conversation>): Promise<boolean> {
    const result = await this.repo.update({ id, status: In(from) }, { ...changes, updatedAt: Date.now() });
    return (result.affected ?? 0) > 0;
  }
}
