/**
 * Confidence of an embedded-retrieval answer, 0..1, read as "how likely the best document answers the question":
 * (is anything in the knowledge base about this?) × (is the best document clearly the one?).
 */

/** What retrieval knows about one question, all taken from a single query's ranking. */
export interface RetrievalEvidence {
  /** Score of the best document. */
  topScore: number;
  /** Score of the second-best document; 0 when there is none. */
  runnerUpScore: number;
  /** Score a document whose title is exactly the question would get (see KnowledgeIndex.rank). */
  idealScore: number;
  /** Share (0..1) of the question's idf-weighted terms found in the best document. */
  coverage: number;
}

/** Share of the ideal below which the best match is word-overlap noise: confidence is 0 and the answer is "unknown". */
export const RELEVANCE_FLOOR = 0.1;
/** Share of the ideal at which relevance counts as certain; paraphrases rarely reach the ideal itself. */
export const RELEVANCE_FULL = 0.5;
/** How much unmatched question terms lower relevance on top of the score (the score already reflects most of it). */
export const COVERAGE_INFLUENCE = 0.25;
/** Confidence that the leader is right when two documents tie: one of a near-duplicate pair is often wrong. */
export const TIE_CONFIDENCE = 0.3;
/** Relative lead over the runner-up that removes about two thirds of the doubt about which document is meant. */
export const MARGIN_SCALE = 0.15;

/** Relevance and distinctiveness rise together, so their plain product understates; one exponent fitted on StackFAQ. */
export const CALIBRATION_EXPONENT = 0.7;

/**
 * Company default for sending an answer without a human, read off the `npm run eval:faq` sweep (StackFAQ paraphrases
 * plus 100 out-of-scope questions): answered precision a few points clear of 0.9 while two thirds are still answered.
 */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.65;

const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));

/** 0..1: how much of the question the best document accounts for, relative to a perfect match. */
export function relevance({ topScore, idealScore, coverage }: RetrievalEvidence): number {
  if (!(idealScore > 0) || !(topScore > 0)) return 0;
  // Coverage tempers a high score earned by a few matched terms while others found nothing.
  const share = (topScore / idealScore) * (1 - COVERAGE_INFLUENCE + COVERAGE_INFLUENCE * clamp01(coverage));
  return clamp01((share - RELEVANCE_FLOOR) / (RELEVANCE_FULL - RELEVANCE_FLOOR));
}

/** 0..1: how clearly the best document beats the runner-up; TIE_CONFIDENCE when they tie, 1 for a clear winner. */
export function distinctiveness({ topScore, runnerUpScore }: RetrievalEvidence): number {
  if (!(topScore > 0)) return 0;
  const margin = clamp01((topScore - Math.max(0, runnerUpScore)) / topScore);
  return 1 - (1 - TIE_CONFIDENCE) * Math.exp(-margin / MARGIN_SCALE);
}

/** Calibrated confidence: (relevance × distinctiveness)^CALIBRATION_EXPONENT, 0 when nothing relevant matched. */
export function calibrateConfidence(evidence: RetrievalEvidence): number {
  const value = (relevance(evidence) * distinctiveness(evidence)) ** CALIBRATION_EXPONENT;
  // Rounded so stored and displayed values agree with what the escalation policy compared.
  return Math.round(value * 1000) / 1000;
}
