/** Shortest term the corrector will touch: short words have too many one-edit neighbours to guess safely. */
export const MIN_CORRECTABLE_LENGTH = 5;

/** Optimal-string-alignment distance capped at 2 (adjacent transpositions count as one edit). */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return 2;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      const transposed = i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1];
      if (transposed) value = Math.min(value, prevPrev[j - 2] + 1);
      row.push(value);
    }
    prevPrev = prev;
    prev = row;
  }
  return Math.min(prev[b.length], 2);
}

function deletions(term: string): string[] {
  const result: string[] = [];
  for (let i = 0; i < term.length; i++) result.push(term.slice(0, i) + term.slice(i + 1));
  return result;
}

/**
 * One-edit spelling correction against the index vocabulary (symmetric-delete lookup), so a query costs a few map
 * reads, not a vocabulary scan, and adding or dropping a term is O(term length).
 */
export class SpellingCorrector {
  /** Term minus one character → vocabulary terms that reduce to it. */
  private readonly byDeletion = new Map<string, Set<string>>();
  /** Vocabulary term → how many times it was added (documents holding it). */
  private readonly frequency = new Map<string, number>();

  /** Counts one more document holding `term`. */
  add(term: string): void {
    const count = this.frequency.get(term) ?? 0;
    this.frequency.set(term, count + 1);
    if (count > 0 || term.length < MIN_CORRECTABLE_LENGTH) return;
    for (const key of deletions(term)) {
      let terms = this.byDeletion.get(key);
      if (terms === undefined) this.byDeletion.set(key, (terms = new Set()));
      terms.add(term);
    }
  }

  /** Counts one fewer document holding `term`; forgets it at zero. */
  delete(term: string): void {
    const count = this.frequency.get(term);
    if (count === undefined) return;
    if (count > 1) {
      this.frequency.set(term, count - 1);
      return;
    }
    this.frequency.delete(term);
    for (const key of deletions(term)) {
      const terms = this.byDeletion.get(key);
      terms?.delete(term);
      if (terms?.size === 0) this.byDeletion.delete(key);
    }
  }

  clear(): void {
    this.byDeletion.clear();
    this.frequency.clear();
  }

  has(term: string): boolean {
    return this.frequency.has(term);
  }

  /** The most frequent known term one edit away from an unknown `term`, or null. */
  correct(term: string): string | null {
    if (term.length < MIN_CORRECTABLE_LENGTH || this.frequency.has(term) || !/^\p{L}+$/u.test(term)) return null;
    const candidates = new Set<string>(this.byDeletion.get(term));
    for (const key of deletions(term)) {
      if (this.frequency.has(key)) candidates.add(key);
      for (const known of this.byDeletion.get(key) ?? []) candidates.add(known);
    }
    let best: string | null = null;
    let bestCount = 0;
    for (const candidate of candidates) {
      if (editDistance(term, candidate) !== 1) continue;
      const count = this.frequency.get(candidate)!;
      if (count > bestCount || (count === bestCount && best !== null && candidate < best)) {
        best = candidate;
        bestCount = count;
      }
    }
    return best;
  }
}
