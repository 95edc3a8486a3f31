import { isLowInformationTerm } from './text-analysis';

/** Ranking parameters; title = the question or heading, text = the answer or passage. */
export interface RankingOptions {
  /** BM25 term-frequency saturation. */
  k1: number;
  titleWeight: number;
  textWeight: number;
  /** BM25F length normalisation per field (0 = none, 1 = full). */
  titleB: number;
  textB: number;
  /** Weight of an adjacent-term phrase match relative to a single term. */
  phraseWeight: number;
  /** Weight of a term reached through spelling correction relative to one typed correctly. */
  correctedWeight: number;
  /** Weight of generic words ("make", "use") relative to topic words. */
  lowInformationWeight: number;
  /** 0..1: how much a document's score shrinks with the share of query terms it lacks (Lucene's coord). */
  coordination: number;
  /** Re-ranking bonus, in units of the query's BM25F ideal, for idf-weighted term overlap (Dice) with the title. */
  titleTermMatchWeight: number;
  /** Re-ranking bonus for character-trigram overlap with the title (word variants: "unfriended" ~ "friend"). */
  titleTrigramMatchWeight: number;
  /** How many BM25F leaders are re-ranked with the title features. */
  rerankDepth: number;
}

export const DEFAULT_RANKING: RankingOptions = {
  k1: 1.2,
  titleWeight: 4,
  textWeight: 1,
  titleB: 0.4,
  textB: 0.75,
  phraseWeight: 0.25,
  correctedWeight: 0.8,
  lowInformationWeight: 0.4,
  coordination: 0.3,
  titleTermMatchWeight: 0.5,
  titleTrigramMatchWeight: 0.75,
  rerankDepth: 30,
};

/** idf of a term in the collection being ranked. */
export type IdfLookup = (term: string) => number;

/** Query word pairs as first term → the terms that follow it, for allocation-free adjacency checks. */
export type TermPairs = Map<string, Set<string>>;

/** The query pairs ("first second") that occur adjacently in `sequence`. */
export function pairsFound(sequence: string[], pairs: TermPairs): Set<string> {
  const found = new Set<string>();
  for (let i = 1; i < sequence.length; i++) {
    if (pairs.get(sequence[i - 1])?.has(sequence[i])) found.add(`${sequence[i - 1]} ${sequence[i]}`);
  }
  return found;
}

/** BM25-style credit for query word pairs found adjacent in the title or text, at the pair's mean idf. */
export function phraseBonus(
  titleSequence: string[],
  textSequence: string[],
  pairs: TermPairs,
  idf: IdfLookup,
  { k1, titleWeight, textWeight, phraseWeight }: RankingOptions,
): number {
  if (pairs.size === 0 || phraseWeight === 0) return 0;
  const inTitle = pairsFound(titleSequence, pairs);
  const inText = pairsFound(textSequence, pairs);
  let bonus = 0;
  for (const pair of new Set([...inTitle, ...inText])) {
    const [first, second] = pair.split(' ');
    const tf = (inTitle.has(pair) ? titleWeight : 0) + (inText.has(pair) ? textWeight : 0);
    bonus += phraseWeight * ((idf(first) + idf(second)) / 2) * (tf / (k1 + tf));
  }
  return bonus;
}

/** Dice overlap of query and title terms weighted by idf (generic words count less), 0..1. */
export function weightedTermDice(
  titleTerms: string[],
  queryWeights: Map<string, number>,
  queryMass: number,
  idf: IdfLookup,
  { lowInformationWeight }: RankingOptions,
): number {
  let titleMass = 0;
  let sharedMass = 0;
  for (const term of titleTerms) {
    const termIdf = idf(term);
    titleMass += termIdf * (isLowInformationTerm(term) ? lowInformationWeight : 1);
    const queryWeight = queryWeights.get(term);
    if (queryWeight !== undefined) sharedMass += termIdf * queryWeight;
  }
  return titleMass + queryMass > 0 ? (2 * sharedMass) / (titleMass + queryMass) : 0;
}

/** Dice overlap of two sets, 0..1. */
export function diceOfSets(a: Set<string>, b: Set<string>): number {
  if (a.size + b.size === 0) return 0;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return (2 * shared) / (a.size + b.size);
}
