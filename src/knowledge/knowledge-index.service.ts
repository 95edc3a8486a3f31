import { Injectable, Logger } from '@nestjs/common';
import type { KnowledgeDoc, KnowledgeRetriever, RetrievedPassage } from '../assistant/assistant.types';
import { EmbeddedAnswerer } from '../assistant/embedded/embedded-answerer';
import { DomainEventMap } from '../common/events/domain-events';
import { OnDomainEvent } from '../common/events/domain-events.service';
import { TimeSlicer } from './import/time-slice';
import { KnowledgeRepository } from './knowledge.repository';

/** Documents read from the database per step of a patch. */
const PATCH_BATCH = 200;

export type PatchProgress = (processed: number, total: number) => void;

/**
 * The in-memory retrieval index of every company's knowledge. A company is loaded on first use;
 * after that each `knowledge.changed` event patches just the documents it names. Indexing costs about
 * a millisecond per passage, so loads and patches run in time slices: a large import never stalls the chat.
 */
@Injectable()
export class KnowledgeIndexService implements KnowledgeRetriever {
  private readonly logger = new Logger('KnowledgeIndex');
  readonly engine = new EmbeddedAnswerer();
  private readonly loading = new Map<string, Promise<void>>();
  // Keyed by the event's own docIds array: whoever published the event can follow its patch.
  private readonly watchers = new WeakMap<readonly string[], PatchProgress>();

  constructor(private readonly knowledge: KnowledgeRepository) {}

  /** Resolves once the company's documents are in the index (loads them the first time). */
  ready(companyId: string): Promise<void> {
    let pending = this.loading.get(companyId);
    if (!pending) {
      pending = this.knowledge.findActiveDocs(companyId).then(async (docs) => {
        await this.loadInSlices(companyId, docs);
        this.logger.debug(`indexed ${docs.length} documents for company ${companyId}`);
      });
      pending.catch(() => this.loading.delete(companyId));
      this.loading.set(companyId, pending);
    }
    return pending;
  }

  search(companyId: string, query: string, limit: number): RetrievedPassage[] {
    return this.engine.search(companyId, query, limit);
  }

  async searchReady(companyId: string, query: string, limit: number): Promise<RetrievedPassage[]> {
    await this.ready(companyId);
    return this.search(companyId, query, limit);
  }

  /** `GET /api/knowledge/search`: the passages the assistant would retrieve, with where each came from. */
  async searchWithSources(companyId: string, query: string, limit: number) {
    const passages = await this.searchReady(companyId, query, limit);
    const sources = await this.knowledge.findSources(companyId, passages.map((p) => p.doc.id));
    return {
      query,
      results: passages.map((p) => ({
        id: p.doc.id, title: p.doc.title, text: p.doc.text, category: p.doc.category ?? null, score: p.score,
        source: sources.get(p.doc.id)?.source ?? null, position: sources.get(p.doc.id)?.position ?? null,
      })),
    };
  }

  /** Calls `progress` as the patch for this exact `docIds` array (the one about to be published) advances. */
  watch(docIds: readonly string[], progress: PatchProgress): void {
    this.watchers.set(docIds, progress);
  }

  isLoaded(companyId: string): boolean {
    return this.loading.has(companyId);
  }

  @OnDomainEvent('knowledge.changed')
  async onKnowledgeChanged(event: DomainEventMap['knowledge.changed']): Promise<void> {
    // A company never loaded will read the fresh state when it first is.
    if (!this.loading.has(event.companyId)) return;
    await this.loading.get(event.companyId);
    const progress = this.watchers.get(event.docIds);
    const slicer = new TimeSlicer();
    let processed = 0;
    for (let at = 0; at < event.docIds.length; at += PATCH_BATCH) {
      const batch = event.docIds.slice(at, at + PATCH_BATCH);
      const { upsert, remove } = await this.knowledge.findDocsByIds(event.companyId, batch);
      for (const doc of upsert) {
        this.engine.upsert(event.companyId, doc);
        await slicer.tick();
      }
      for (const id of remove) {
        this.engine.remove(event.companyId, id);
        await slicer.tick();
      }
      processed += batch.length;
      progress?.(processed, event.docIds.length);
    }
  }

  private async loadInSlices(companyId: string, docs: KnowledgeDoc[]): Promise<void> {
    this.engine.load(companyId, []);
    const slicer = new TimeSlicer();
    for (const doc of docs) {
      this.engine.upsert(companyId, doc);
      await slicer.tick();
    }
  }
}
