import { intersectSpans, mergeSpans, Span, subtractSpans } from './intervals';

/**
 * Busy time is time an agent was online (in a work session) holding at least one conversation: the
 * union of their assignment spans, inside their sessions. The rollup keeps it incrementally: when a
 * span closes it adds the part of itself, inside sessions, that no already-closed span of the agent
 * covers. A moment covered by several spans is so counted once, by the first of them to close; what
 * open spans cover is computed at read time the same way (`openBusy`).
 */
export function busyAddedByClosing(span: Span, sessions: readonly Span[], closedOthers: readonly Span[]): Span[] {
  return subtractSpans(intersectSpans([span], sessions), closedOthers);
}

/** The busy time of open spans that is not in the rollup yet (no closed span covers it). */
export function openBusy(open: readonly Span[], sessions: readonly Span[], closed: readonly Span[]): Span[] {
  return subtractSpans(intersectSpans(mergeSpans(open), sessions), closed);
}

/** Busy time from scratch, for a backfill or a short range: union of all spans, inside sessions. */
export function busyFromScratch(spans: readonly Span[], sessions: readonly Span[]): Span[] {
  return intersectSpans(mergeSpans(spans), sessions);
}
