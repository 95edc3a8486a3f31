import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Not, Repository } from 'typeorm';
import { EntityStatements } from '../database/entity-statements';
import { Conversation, ConversationStatus } from './entities/conversation.entity';

@Injectable()
export class ConversationRepository {
  // Reads by id run for every chat message: constant statements, prepared once.
  private readonly statements: EntityStatements<Conversation>;

  constructor(@InjectRepository(Conversation) readonly repo: Repository<Conversation>) {
    this.statements = new EntityStatements(repo);
  }

  findById(id: string): Promise<Conversation | null> {
    return this.statements.findOne(['id'], [id]);
  }

  findInCompany(id: string, companyId: string | null): Promise<Conversation | null> {
    return companyId ? this.statements.findOne(['id', 'companyId'], [id, companyId]) : this.findById(id);
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
