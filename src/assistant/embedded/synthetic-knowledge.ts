import type { KnowledgeDoc } from '../assistant.types';

/** Deterministic filler knowledge for load and latency tests: realistic word statistics, no meaning. */

// Bound once: global lookups are slow inside jest's VM sandbox, and generation calls these millions of times.
const { floor, imul } = Math;

/** Mulberry32: a tiny seeded PRNG, so every run builds the same knowledge base. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = 'ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru'
  .concat(' sa se si so su ta te ti to tu va ve vi vo zu')
  .split(' ');
const FUNCTION_WORDS = 'the a to of and in on for with my your is it can how do i you this that from by'.split(' ');
const SYNTHETIC_WORDS = 4000;

/**
 * `total` documents: `seedDocs` first, then synthetic entries whose words follow a Zipf law over the seed documents'
 * vocabulary mixed with invented words, so common real words get long posting lists as in a large real knowledge base.
 */
export function buildSyntheticKnowledge(seedDocs: KnowledgeDoc[], total: number, seed = 20_251_122): KnowledgeDoc[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[floor(random() * items.length)];
  const realWords = new Set<string>();
  for (const doc of seedDocs) {
    for (const word of `${doc.title} ${doc.text}`.toLowerCase().match(/\p{L}{3,}/gu) ?? []) realWords.add(word);
  }
  const invented = new Set<string>();
  while (invented.size < SYNTHETIC_WORDS) invented.add(pick(SYLLABLES) + pick(SYLLABLES) + pick(SYLLABLES));
  const vocabulary = [...realWords, ...invented];
  // Seeded Fisher–Yates shuffle: which words end up frequent is arbitrary but fixed.
  for (let i = vocabulary.length - 1; i > 0; i--) {
    const j = floor(random() * (i + 1));
    [vocabulary[i], vocabulary[j]] = [vocabulary[j], vocabulary[i]];
  }
  const cumulative: number[] = [];
  let sum = 0;
  for (let rank = 0; rank < vocabulary.length; rank++) cumulative.push((sum += 1 / (rank + 2)));
  const zipfWord = (): string => {
    const target = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo];
  };
  const words = (count: number, functionShare: number): string =>
    Array.from({ length: count }, () => (random() < functionShare ? pick(FUNCTION_WORDS) : zipfWord())).join(' ');

  const docs = seedDocs.slice(0, total);
  for (let i = docs.length; i < total; i++) {
    const title = `How do I ${words(3 + floor(random() * 6), 0.2)}?`;
    const sentences = Array.from({ length: 2 + floor(random() * 6) }, () => `${words(8 + floor(random() * 14), 0.4)}.`);
    docs.push({ id: `entry:synthetic-${i}`, title, text: sentences.join(' ') });
  }
  return docs;
}
