import type {
  Assistant,
  AssistantReply,
  AssistantRequest,
  AssistantSource,
  KnowledgeDoc,
  KnowledgeRetriever,
  RetrievedPassage,
} from '../assistant.types';
import { calibrateConfidence, RELEVANCE_FLOOR } from './confidence';
import { ConversationalIntent, recognizeIntent } from './intent';
import { DEFAULT_RANKING, KnowledgeIndex, RankingOptions } from './knowledge-index';

export interface EmbeddedAnswererOptions {
  ranking?: RankingOptions;
  /** How many documents a reply cites at most (the first is the one answered from). */
  maxSources?: number;
}

export const DEFAULT_MAX_SOURCES = 3;

export const UNKNOWN_ANSWER_TEXT =
  "I'm sorry, I don't know the answer to that. I can pass your question on to someone from the team.";
export const HUMAN_REQUEST_TEXT = "I'll connect you with a person.";

function conversationalText(intent: Exclude<ConversationalIntent, 'human_request'>, assistantName?: string): string {
  switch (intent) {
    case 'greeting':
      return assistantName
        ? `Hi! I'm ${assistantName}. What can I help you with?`
        : 'Hi! What can I help you with?';
    case 'thanks':
      return "You're welcome! Is there anything else I can help you with?";
    case 'goodbye':
      return 'Thanks for getting in touch. Goodbye!';
  }
}

/** 0..1 with three decimals, like the confidence. */
const toUnit = (value: number): number => Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;

/**
 * The built-in assistant: answers from each company's knowledge with an in-memory index, no network, no model.
 * Small talk and requests for a person are recognised first; everything else is retrieval with a calibrated
 * confidence that the escalation policy compares with the company's threshold.
 */
export class EmbeddedAnswerer implements Assistant, KnowledgeRetriever {
  private readonly indexes = new Map<string, KnowledgeIndex>();
  private readonly ranking: RankingOptions;
  private readonly maxSources: number;

  constructor(options: EmbeddedAnswererOptions = {}) {
    this.ranking = options.ranking ?? DEFAULT_RANKING;
    this.maxSources = Math.max(1, options.maxSources ?? DEFAULT_MAX_SOURCES);
  }

  /** Replaces the company's whole knowledge (startup, bulk import). */
  load(companyId: string, docs: KnowledgeDoc[]): void {
    this.indexFor(companyId).replaceAll(docs);
  }

  /** Adds or replaces one document; visible to the next question. */
  upsert(companyId: string, doc: KnowledgeDoc): void {
    this.indexFor(companyId).upsert(doc);
  }

  /** Removes one document; returns whether it was indexed. */
  remove(companyId: string, docId: string): boolean {
    return this.indexes.get(companyId)?.remove(docId) ?? false;
  }

  /** Forgets a company entirely (deleted company, or to free memory). */
  unload(companyId: string): void {
    this.indexes.delete(companyId);
  }

  /** How many documents the company has indexed. */
  documentCount(companyId: string): number {
    return this.indexes.get(companyId)?.size ?? 0;
  }

  search(companyId: string, query: string, limit: number): RetrievedPassage[] {
    return this.indexes.get(companyId)?.search(query, limit) ?? [];
  }

  async answer(request: AssistantRequest): Promise<AssistantReply> {
    return this.answerNow(request);
  }

  /** The same as `answer` without the promise: retrieval is synchronous and CPU-only. */
  answerNow(request: AssistantRequest): AssistantReply {
    const intent = recognizeIntent(request.text, { assistantName: request.assistantName });
    if (intent === 'human_request') return this.reply(HUMAN_REQUEST_TEXT, 1, [], intent);
    if (intent !== null) return this.reply(conversationalText(intent, request.assistantName), 1, [], intent);

    const index = this.indexes.get(request.companyId);
    const outcome = index?.rank(request.text, this.maxSources);
    const [best, runnerUp] = outcome?.hits ?? [];
    if (outcome === undefined || best === undefined) return this.reply(UNKNOWN_ANSWER_TEXT, 0, [], 'unknown');
    const confidence = calibrateConfidence({
      topScore: best.score,
      runnerUpScore: runnerUp?.score ?? 0,
      idealScore: outcome.idealScore,
      coverage: best.coverage,
    });
    if (confidence === 0) return this.reply(UNKNOWN_ANSWER_TEXT, 0, [], 'unknown');
    const sources: AssistantSource[] = outcome.hits
      .map((hit) => ({ id: hit.doc.id, title: hit.doc.title, score: toUnit(hit.score / outcome.idealScore) }))
      // Further sources are cited only when they are relevant in their own right, not as filler.
      .filter((source, i) => i === 0 || source.score >= RELEVANCE_FLOOR);
    return this.reply(best.doc.text, confidence, sources, 'question');
  }

  private indexFor(companyId: string): KnowledgeIndex {
    let index = this.indexes.get(companyId);
    if (index === undefined) this.indexes.set(companyId, (index = new KnowledgeIndex(this.ranking)));
    return index;
  }

  private reply(
    text: string,
    confidence: number,
    sources: AssistantSource[],
    intent: AssistantReply['intent'],
  ): AssistantReply {
    return { text, confidence, sources, intent, provider: 'embedded' };
  }
}
