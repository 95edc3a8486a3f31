import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import { EntityStatements } from '../database/entity-statements';
import { Message } from './entities/message.entity';

@Injectable()
export class MessageRepository {
  // The per-message INSERT: one constant statement, prepared once.
  private readonly statements: EntityStatements<Message>;

  constructor(@InjectRepository(Message) readonly repo: Repository<Message>) {
    this.statements = new EntityStatements(repo);
  }

  async findLastSeq(conversationId: string): Promise<number> {
    const row = await this.repo.createQueryBuilder('m').select('MAX(m.seq)', 'max').where('m.conversation_id = :conversationId', { conversationId }).getRawOne<{ max: number | string | null }>();
    return Number(row?.max ?? 0);
  }

  findByClientId(conversationId: string, clientMessageId: string): Promise<Message | null> {
    return this.repo.findOneBy({ conversationId, clientMessageId });
  }

  /** Messages after `afterSeq`, in order: the reconnect/sync read, served by the (conversation_id, seq) index. */
  findAfterSeq(conversationId: string, afterSeq: number, limit = 500): Promise<Message[]> {
    return this.repo.find({ where: { conversationId, seq: MoreThan(afterSeq) }, order: { seq: 'ASC' }, take: limit });
  }

  /** The newest `limit` messages, oldest first. */
  async findRecent(conversationId: string, limit: number): Promise<Message[]> {
    const rows = await this.repo.find({ where: { conversationId }, order: { seq: 'DESC' }, take: limit });
    return rows.reverse();
  }

  insert(message: Message): Promise<void> {
    return this.statements.insert(message);
  }
}
