import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, EntityTarget, In, ObjectLiteral, Repository } from 'typeorm';
import type { KnowledgeDoc } from '../assistant/assistant.types';
import { KnowledgeChunk } from './entities/knowledge-chunk.entity';
import { KnowledgeEntry } from './entities/knowledge-entry.entity';

export const entryDocId = (id: string) => `entry:${id}`;
export const chunkDocId = (id: string) => `chunk:${id}`;

const ID_BATCH = 500;
const INSERT_BATCH = 500;

function* batches<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * Multi-row INSERTs straight from entity metadata: the same rows as `manager.insert`, at a fraction of its
 * per-row cost (it matters inside the replace transaction, which holds SQLite's one connection).
 */
async function bulkInsert<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: T[]): Promise<void> {
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const columns = metadata.columns;
  const table = metadata.tablePath.split('.').map((part) => driver.escape(part)).join('.');
  const head = `INSERT INTO ${table} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES `;
  for (const batch of batches(rows, INSERT_BATCH)) {
    const parameters: unknown[] = [];
    const values = batch.map((row) => `(${columns.map((column) => {
      parameters.push(driver.preparePersistentValue(column.getEntityValue(row), column));
      return driver.createParameter(`p${parameters.length}`, parameters.length - 1);
    }).join(', ')})`);
    await manager.query(head + values.join(', '), parameters);
  }
}

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
    // Batched: an import names thousands of documents, more than one statement may bind.
    const entries: KnowledgeEntry[] = [];
    const chunks: KnowledgeChunk[] = [];
    for (const ids of batches(entryIds, ID_BATCH)) entries.push(...(await this.entries.findBy({ companyId, id: In(ids) })));
    for (const ids of batches(chunkIds, ID_BATCH)) chunks.push(...(await this.chunks.findBy({ companyId, id: In(ids) })));
    const upsert = [...entries.filter((e) => e.isActive).map(entryToDoc), ...chunks.map(chunkToDoc)];
    const live = new Set(upsert.map((d) => d.id));
    return { upsert, remove: docIds.filter((id) => !live.has(id)) };
  }

  /** Where some documents came from (imported ones): doc id → source and position. */
  async findSources(companyId: string, docIds: string[]): Promise<Map<string, { source: string; position: number | null }>> {
    const entryIds = docIds.filter((d) => d.startsWith('entry:')).map((d) => d.slice(6));
    const chunkIds = docIds.filter((d) => d.startsWith('chunk:')).map((d) => d.slice(6));
    const [entries, chunks] = await Promise.all([
      entryIds.length ? this.entries.find({ select: { id: true, sourceKey: true }, where: { companyId, id: In(entryIds) } }) : [],
      chunkIds.length ? this.chunks.find({ select: { id: true, sourceKey: true, position: true }, where: { companyId, id: In(chunkIds) } }) : [],
    ]);
    const sources = new Map<string, { source: string; position: number | null }>();
    for (const e of entries) if (e.sourceKey) sources.set(entryDocId(e.id), { source: e.sourceKey, position: null });
    for (const c of chunks) sources.set(chunkDocId(c.id), { source: c.sourceKey, position: c.position });
    return sources;
  }

  /** How many entries and passages one imported source holds now. */
  async countSource(companyId: string, sourceKey: string): Promise<number> {
    const [entries, chunks] = await Promise.all([this.entries.countBy({ companyId, sourceKey }), this.chunks.countBy({ companyId, sourceKey })]);
    return entries + chunks;
  }

  /**
   * Replaces everything imported from one source, in ONE transaction: the old rows go and the new ones
   * arrive together, or nothing changes. Returns the document ids removed and added, for the index.
   * No await in here yields to other I/O (better-sqlite3 is synchronous), so the SQLite connection that
   * everyone shares is never left inside this transaction while other requests run.
   */
  async replaceSource(companyId: string, sourceKey: string, rows: { entries: KnowledgeEntry[]; chunks: KnowledgeChunk[] }): Promise<{ removed: string[]; added: string[] }> {
    return this.entries.manager.transaction(async (manager) => {
      const idsOf = (entity: EntityTarget<ObjectLiteral>) => manager.createQueryBuilder(entity, 'k').select('k.id', 'id')
        .where('k.company_id = :companyId AND k.source_key = :sourceKey', { companyId, sourceKey }).getRawMany<{ id: string }>();
      const oldEntries = await idsOf(KnowledgeEntry);
      const oldChunks = await idsOf(KnowledgeChunk);
      await manager.delete(KnowledgeEntry, { companyId, sourceKey });
      await manager.delete(KnowledgeChunk, { companyId, sourceKey });
      await bulkInsert(manager, KnowledgeEntry, rows.entries);
      await bulkInsert(manager, KnowledgeChunk, rows.chunks);
      return {
        removed: [...oldEntries.map((e) => entryDocId(e.id)), ...oldChunks.map((c) => chunkDocId(c.id))],
        added: [...rows.entries.map((e) => entryDocId(e.id)), ...rows.chunks.map((c) => chunkDocId(c.id))],
      };
    });
  }

  findEntry(companyId: string | null, id: string): Promise<KnowledgeEntry | null> {
    return this.entries.findOneBy(companyId ? { id, companyId } : { id });
  }
}
