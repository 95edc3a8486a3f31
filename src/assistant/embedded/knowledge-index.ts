import type { KnowledgeDoc, RetrievedPassage } from '../assistant.types';
import { SpellingCorrector } from './spelling-corrector';
import { DEFAULT_RANKING, diceOfSets, phraseBonus, RankingOptions, TermPairs, weightedTermDice } from './ranking';
import { analyze, isLowInformationTerm, topicTrigrams } from './text-analysis';

export { DEFAULT_RANKING, RankingOptions } from './ranking';

/** One ranked document with what the confidence model needs besides the raw score. */
export interface ScoredHit {
  doc: KnowledgeDoc;
  score: number;
  /** Share (0..1) of the query's weighted single terms that this document contains. */
  coverage: number;
}

export interface SearchOutcome {
  hits: ScoredHit[];
  /** Score of a document whose title is the query and whose text repeats each term once: the query's ceiling. */
  idealScore: number;
  /** Distinct single terms the query contributed after analysis; 0 means nothing searchable was asked. */
  queryTermCount: number;
}

interface QueryTerm {
  term: string;
  weight: number;
}

interface IndexedDoc {
  doc: KnowledgeDoc;
  titleLength: number;
  textLength: number;
  /** Distinct terms of both fields, so removal touches only the document's own posting lists. */
  terms: string[];
  titleTerms: string[];
  titleTrigrams: Set<string>;
  /** Term order per field, for phrase matching among the re-ranked leaders (cheaper than indexing every pair). */
  titleSequence: string[];
  textSequence: string[];
}

// Bound once: global lookups are slow inside jest's VM sandbox and these sit in the per-posting loop.
const { log, max, min } = Math;

/** Both fields' term frequencies packed into one 32-bit number (16 bits each), so a posting is two array slots. */
const MAX_FREQUENCY = 0xffff;
const packFrequencies = (title: number, text: number): number =>
  ((min(title, MAX_FREQUENCY) << 16) | min(text, MAX_FREQUENCY)) >>> 0;

/** Terms of one field with their frequencies, in order, and the field length. */
function fieldTerms(value: string): { counts: Map<string, number>; sequence: string[]; length: number } {
  const { sequence, compounds } = analyze(value);
  const counts = new Map<string, number>();
  for (const term of [...sequence, ...compounds]) counts.set(term, (counts.get(term) ?? 0) + 1);
  return { counts, sequence, length: sequence.length + compounds.length };
}

/**
 * In-memory index of one company's knowledge. BM25F over title and text with typo-tolerant query terms picks the
 * leaders; they are re-ranked with phrase matches and with how closely their title matches the question (customers
 * paraphrase FAQ questions). Updates touch only the changed document; idf and average lengths are derived per query.
 */
export class KnowledgeIndex {
  /** Term → flat [slot, packed frequencies, slot, packed frequencies, …]: compact and fast to scan. */
  private readonly postings = new Map<string, number[]>();
  private readonly slotById = new Map<string, number>();
  private readonly docs: (IndexedDoc | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private readonly speller = new SpellingCorrector();
  private titleLengthTotal = 0;
  private textLengthTotal = 0;
  // Reused across queries so a search allocates nothing proportional to the collection.
  private scores = new Float64Array(0);
  private matchedWeight = new Float64Array(0);
  private touched = new Int32Array(0);

  constructor(private readonly options: RankingOptions = DEFAULT_RANKING) {}

  get size(): number {
    return this.slotById.size;
  }

  has(id: string): boolean {
    return this.slotById.has(id);
  }

  /** Adds or replaces one document. */
  upsert(doc: KnowledgeDoc): void {
    this.remove(doc.id);
    const title = fieldTerms(doc.title);
    const text = fieldTerms(doc.text);
    const slot = this.freeSlots.pop() ?? this.docs.length;
    const terms = [...new Set([...title.counts.keys(), ...text.counts.keys()])];
    for (const term of terms) {
      let list = this.postings.get(term);
      if (list === undefined) this.postings.set(term, (list = []));
      list.push(slot, packFrequencies(title.counts.get(term) ?? 0, text.counts.get(term) ?? 0));
      this.speller.add(term);
    }
    this.docs[slot] = {
      doc,
      titleLength: title.length,
      textLength: text.length,
      terms,
      titleTerms: [...title.counts.keys()],
      titleTrigrams: topicTrigrams(doc.title),
      titleSequence: title.sequence,
      textSequence: text.sequence,
    };
    this.slotById.set(doc.id, slot);
    this.titleLengthTotal += title.length;
    this.textLengthTotal += text.length;
  }

  /** Removes a document; returns whether it was present. */
  remove(id: string): boolean {
    const slot = this.slotById.get(id);
    if (slot === undefined) return false;
    const entry = this.docs[slot]!;
    for (const term of entry.terms) {
      const list = this.postings.get(term)!;
      // Order within a list does not matter: the last pair fills the hole.
      let i = 0;
      while (list[i] !== slot) i += 2;
      list[i] = list[list.length - 2];
      list[i + 1] = list[list.length - 1];
      list.length -= 2;
      if (list.length === 0) this.postings.delete(term);
      this.speller.delete(term);
    }
    this.titleLengthTotal -= entry.titleLength;
    this.textLengthTotal -= entry.textLength;
    this.docs[slot] = undefined;
    this.freeSlots.push(slot);
    this.slotById.delete(id);
    return true;
  }

  /** Drops everything and indexes `docs`. */
  replaceAll(docs: KnowledgeDoc[]): void {
    this.postings.clear();
    this.slotById.clear();
    this.docs.length = 0;
    this.freeSlots.length = 0;
    this.speller.clear();
    this.titleLengthTotal = 0;
    this.textLengthTotal = 0;
    for (const doc of docs) this.upsert(doc);
  }

  search(query: string, limit: number): RetrievedPassage[] {
    return this.rank(query, limit).hits.map(({ doc, score }) => ({ doc, score }));
  }

  /** Ranks documents for `query` and reports the evidence the confidence model uses. */
  rank(query: string, limit: number): SearchOutcome {
    const { terms, pairs } = this.queryTerms(query);
    if (this.size === 0 || terms.length === 0 || limit <= 0) {
      return { hits: [], idealScore: 0, queryTermCount: terms.length };
    }
    const { k1, titleWeight, textWeight, coordination, titleTermMatchWeight, titleTrigramMatchWeight } = this.options;
    const saturation = (tf: number): number => tf / (k1 + tf);
    let bm25Ideal = 0;
    let queryMass = 0;
    for (const { term, weight } of terms) {
      bm25Ideal += weight * this.idf(term) * saturation(titleWeight + textWeight);
      queryMass += weight * this.idf(term);
    }
    const touchedCount = this.accumulate(terms);
    const leaders = this.topSlots(this.touched, touchedCount, max(limit, this.options.rerankDepth));
    const queryWeights = new Map(terms.map(({ term, weight }) => [term, weight]));
    const queryTrigrams = topicTrigrams(query);
    for (const slot of leaders) {
      const entry = this.docs[slot]!;
      const coverage = min(1, this.matchedWeight[slot] / queryMass);
      const termMatch = weightedTermDice(entry.titleTerms, queryWeights, queryMass, this.idfOf, this.options);
      const trigramMatch = diceOfSets(queryTrigrams, entry.titleTrigrams);
      this.scores[slot] =
        this.scores[slot] * (1 - coordination + coordination * coverage) +
        phraseBonus(entry.titleSequence, entry.textSequence, pairs, this.idfOf, this.options) +
        bm25Ideal * (titleTermMatchWeight * termMatch + titleTrigramMatchWeight * trigramMatch);
    }
    const hits = this.topSlots(leaders, leaders.length, limit).map((slot) => ({
      doc: this.docs[slot]!.doc,
      score: this.scores[slot],
      coverage: min(1, this.matchedWeight[slot] / queryMass),
    }));
    for (let i = 0; i < touchedCount; i++) {
      const slot = this.touched[i];
      this.scores[slot] = 0;
      this.matchedWeight[slot] = 0;
    }
    const idealScore = bm25Ideal * (1 + titleTermMatchWeight + titleTrigramMatchWeight);
    return { hits, idealScore, queryTermCount: terms.length };
  }

  /** BM25F over the postings of the query terms; the slots that scored are `touched[0 … returned count)`. */
  private accumulate(terms: QueryTerm[]): number {
    const { k1, titleWeight, textWeight, titleB, textB } = this.options;
    const avgTitle = max(this.titleLengthTotal / this.size, 1);
    const avgText = max(this.textLengthTotal / this.size, 1);
    if (this.scores.length < this.docs.length) {
      this.scores = new Float64Array(this.docs.length * 2);
      this.matchedWeight = new Float64Array(this.docs.length * 2);
      this.touched = new Int32Array(this.docs.length * 2);
    }
    let touchedCount = 0;
    for (const { term, weight } of terms) {
      const list = this.postings.get(term);
      if (list === undefined) continue;
      const idf = this.idf(term);
      for (let i = 0; i < list.length; i += 2) {
        const slot = list[i];
        const entry = this.docs[slot]!;
        const titleTf = list[i + 1] >>> 16;
        const textTf = list[i + 1] & MAX_FREQUENCY;
        const tf =
          (titleWeight * titleTf) / (1 - titleB + (titleB * entry.titleLength) / avgTitle) +
          (textWeight * textTf) / (1 - textB + (textB * entry.textLength) / avgText);
        if (this.scores[slot] === 0) this.touched[touchedCount++] = slot;
        this.scores[slot] += weight * idf * (tf / (k1 + tf));
        this.matchedWeight[slot] += weight * idf;
      }
    }
    return touchedCount;
  }

  private readonly idfOf = (term: string): number => this.idf(term);

  /** Robertson–Spärck Jones idf, always positive; unseen terms get the maximum. */
  private idf(term: string): number {
    const df = (this.postings.get(term)?.length ?? 0) / 2;
    return log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** Weighted query terms (typos corrected, solid-written pairs the index knows) and adjacent pairs. */
  private queryTerms(query: string): { terms: QueryTerm[]; pairs: TermPairs } {
    const { sequence, compounds, joins } = analyze(query, { joins: true });
    const byTerm = new Map<string, QueryTerm>();
    const add = (term: string, weight: number): void => {
      if ((byTerm.get(term)?.weight ?? 0) < weight) byTerm.set(term, { term, weight });
    };
    const { correctedWeight, lowInformationWeight } = this.options;
    const typed = sequence.map((typedTerm) => {
      const fix = this.postings.has(typedTerm) ? null : this.speller.correct(typedTerm);
      const term = fix ?? typedTerm;
      add(term, (fix === null ? 1 : correctedWeight) * (isLowInformationTerm(term) ? lowInformationWeight : 1));
      return term;
    });
    for (const term of compounds) add(term, 1);
    for (const term of joins) if (this.postings.has(term)) add(term, 1);
    const pairs: TermPairs = new Map();
    for (let i = 1; i < typed.length; i++) {
      if (!pairs.has(typed[i - 1])) pairs.set(typed[i - 1], new Set());
      pairs.get(typed[i - 1])!.add(typed[i]);
    }
    return { terms: [...byTerm.values()], pairs };
  }

  /** The `limit` best slots by score, ties broken by document id so results are deterministic. */
  private topSlots(slots: ArrayLike<number>, count: number, limit: number): number[] {
    const better = (a: number, b: number): boolean =>
      this.scores[a] !== this.scores[b] ? this.scores[a] > this.scores[b] : this.docs[a]!.doc.id < this.docs[b]!.doc.id;
    const top: number[] = [];
    for (let s = 0; s < count; s++) {
      const slot = slots[s];
      if (top.length === limit && !better(slot, top[limit - 1])) continue;
      let i = top.length === limit ? limit - 1 : top.length;
      while (i > 0 && better(slot, top[i - 1])) {
        top[i] = top[i - 1];
        i--;
      }
      top[i] = slot;
    }
    return top;
  }
}
