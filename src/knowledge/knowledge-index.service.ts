import { Injectable, Logger } from '@nestjs/common';
import type { KnowledgeRetriever, RetrievedPassage } from '../assistant/assistant.types';
import { EmbeddedAnswerer } from '../assistant/embedded/embedded-answerer';
import { DomainEventMap } from '../common/events/domain-events';
import { OnDomainEvent } from '../common/events/domain-events.service';
import { KnowledgeRepository } from './knowledge.repository';

/**
 * The in-memory retrieval index of every company's knowledge. A company is loaded on first use;
 * after that each `knowledge.changed` event patches just the documents it names.
 */
@Injectable()
export class KnowledgeIndexService implements KnowledgeRetriever {
  private readonly logger = new Logger('KnowledgeIndex');
  readonly engine = new EmbeddedAnswerer();
  private readonly loading = new Map<string, Promise<void>>();

  constructor(private readonly knowledge: KnowledgeRepository) {}

  /** Resolves once the company's documents are in the index (loads them the first time). */
  ready(companyId: string): Promise<void> {
    let pending = this.loading.get(companyId);
    if (!pending) {
      pending = this.knowledge.findActiveDocs(companyId).then((docs) => {
        this.engine.load(companyId, docs);
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

  @OnDomainEvent('knowledge.changed')
  async onKnowledgeChanged(event: DomainEventMap['knowledge.changed']): Promise<void> {
    // A company never loaded will read the fresh state when it first is.
    if (!this.loading.has(event.companyId)) return;
    await this.loading.get(event.companyId);
    const { upsert, remove } = await this.knowledge.findDocsByIds(event.companyId, event.docIds);
    for (const doc of upsert) this.engine.upsert(event.companyId, doc);
    for (const id of remove) this.engine.remove(event.companyId, id);
  }
}
