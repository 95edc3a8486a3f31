import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, IsNull, Repository } from 'typeorm';
import type { MessageSource } from '../chat/entities/message.entity';
import { Escalation } from './entities/escalation.entity';

@Injectable()
export class EscalationRepository {
  constructor(@InjectRepository(Escalation) readonly repo: Repository<Escalation>) {}

  async create(input: { companyId: string; conversationId: string; messageId: string | null; reason: string; confidence: number | null; draft: string | null; sources: MessageSource[] | null; agentId?: string | null }): Promise<Escalation> {
    const now = Date.now();
    const escalation = this.repo.create({
      id: randomUUID(), ...input, sources: input.sources?.length ? input.sources : null, agentId: input.agentId ?? null,
      assignedAt: input.agentId ? now : null, firstResponseAt: null, createdAt: now,
    });
    await this.repo.insert(escalation);
    return escalation;
  }

  findLatestForConversation(conversationId: string): Promise<Escalation | null> {
    return this.repo.findOne({ where: { conversationId }, order: { createdAt: 'DESC' } });
  }

  findLatestForConversations(conversationIds: string[]): Promise<Escalation[]> {
    if (!conversationIds.length) return Promise.resolve([]);
    return this.repo.find({ where: { conversationId: In(conversationIds) }, order: { createdAt: 'ASC' } });
  }

  findForConversation(conversationId: string): Promise<Escalation[]> {
    return this.repo.find({ where: { conversationId }, order: { createdAt: 'ASC' } });
  }

  /** The pending escalation (not yet with anyone) gets its agent. */
  async markAssigned(conversationId: string, agentId: string, at: number): Promise<void> {
    await this.repo.update({ conversationId, agentId: IsNull() }, { agentId, assignedAt: at });
  }

  async markFirstResponse(conversationId: string, agentId: string, at: number): Promise<void> {
    await this.repo.update({ conversationId, agentId, firstResponseAt: IsNull() }, { firstResponseAt: at });
  }
}
