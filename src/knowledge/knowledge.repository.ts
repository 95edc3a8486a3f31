import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { KnowledgeDoc } from '../assistant/assistant.types';
import { KnowledgeChunk } from './entities/knowledge-chunk.entity';
import { KnowledgeEntry } from './entities/knowledge-entry.entity';

export const entryDocId = (id: string) => `entry:${id}`;
export const chunkDocId = (id: string) => `chunk:${id}`;

const entryToDoc = (e: KnowledgeEntry): KnowledgeDoc => ({ id: entryDocId(e.id), title: e.question, text: e.answer, category: e.category });
const chunkToDoc = (c: KnowledgeChunk): KnowledgeDoc => ({ id: chunkDocId(c.id), title: c.title, text: c.text, category: null });

@Injectable()
export class KnowledgeRepository {
  constructor(
    @InjectRepository(KnowledgeEntry) readonly entries: Repository<KnowledgeEntry>,
    @InjectRepository(KnowledgeChunk) readonly chunks: Repository<KnowledgeChunk>,
  ) {}

  /** Everything the assistant may answer from, as index documents. */
  async findActiveDocs(companyId: string): Promise<KnowledgeDoc[]> {
    const [entries, chunks] = await Promise.all([
      this.entries.find({ where: { companyId, isActive: true } }),
      this.chunks.find({ where: { companyId } }),
    ]);
    return [...entries.map(entryToDoc), ...chunks.map(chunkToDoc)];
  }

  /** The current state of some documents: present and active → upsert, otherwise → remove from the index. */
  async findDocsByIds(companyId: string, docIds: string[]): Promise<{ upsert: KnowledgeDoc[]; remove: string[] }> {
    const entryIds = docIds.filter((d) => d.startsWith('entry:')).map((d) => d.slice(6));
    const chunkIds = docIds.filter((d) => d.startsWith('chunk:')).map((d) => d.slice(6));
    const [entries, chunks] = await Promise.all([
      entryIds.length ? this.entries.findBy({ companyId, id: In(entryIds) }) : [],
      chunkIds.length ? this.chunks.findBy({ companyId, id: In(chunkIds) }) : [],
    ]);
    const upsert = [...entries.filter((e) => e.isActive).map(entryToDoc), ...chunks.map(chunkToDoc)];
    const live = new Set(upsert.map((d) => d.id));
    return { upsert, remove: docIds.filter((id) => !live.has(id)) };
  }

  findEntry(companyId: string | null, id: string): Promise<KnowledgeEntry | null> {
    return this.entries.findOneBy(companyId ? { id, companyId } : { id });
  }

  countEntries(companyId: string): Promise<number> {
    return this.entries.countBy({ companyId });
  }
}
