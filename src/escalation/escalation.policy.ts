import type { AssistantReply, AssistantSource } from '../assistant/assistant.types';
import { detectNegativeSentiment } from './sentiment';

/** The public reason codes (ARCHITECTURE: "Escalation reason codes"); `agent_transfer` is set by the chat, never by this policy. */
export const ESCALATION_REASONS = [
  'low_confidence',
  'no_answer',
  'customer_request',
  'keyword',
  'negative_sentiment',
  'repeated_failure',
  'ai_unavailable',
  'agent_transfer',
] as const;

export type EscalationReason = (typeof ESCALATION_REASONS)[number];

export interface EscalationSettings {
  /** 0..1; a reply at or above it is sent. */
  confidenceThreshold: number;
  /** Words or phrases that always bring a human in, matched as whole words, case-insensitively. */
  escalationKeywords: string[];
}

export interface DecideReplyInput {
  /** The customer's message. */
  message: string;
  /** null when no assistant could answer. */
  reply: AssistantReply | null;
  settings: EscalationSettings;
  /** Consecutive unsure bot turns (see isUnsure) just before this one. */
  previousUnsureReplies: number;
}

export type EscalationDecision =
  | { action: 'send' }
  | {
      action: 'escalate';
      reason: EscalationReason;
      confidence: number | null;
      /** The unsent reply for the agent; null when the assistant had nothing worth sending. */
      draft: string | null;
      sources: AssistantSource[];
    };

/** Replies that are conversation, not knowledge: they need no sources to be sent. */
const SMALL_TALK = new Set<AssistantReply['intent']>(['greeting', 'thanks', 'goodbye']);

/** Absorbs float noise so a confidence computed as 0.19999999999999998 counts as "at" a 0.2 threshold. */
const THRESHOLD_EPSILON = 1e-9;

/**
 * Decides whether the assistant's reply goes to the customer or to a human, and why.
 * The first rule that matches wins:
 * 1. ai_unavailable     — no reply at all; nothing else can be judged, and outages must show in analytics.
 * 2. customer_request   — the customer asked for a person: their explicit wish beats every guess of ours.
 * 3. keyword            — the company said these topics always go to people, however sure the bot is.
 * 4. negative_sentiment — an angry customer gets a human even when the bot is sure (it checks the message, not the reply).
 * 5. send small talk    — greetings, thanks and goodbyes need no knowledge, so no sources and any confidence are fine.
 * 6. no_answer          — the bot found nothing (intent unknown, no sources, confidence 0, or empty text); repeated_failure if the previous turn was unsure too.
 * 7. low_confidence     — an answer below the threshold goes to the agent as a draft; repeated_failure if the previous turn was unsure too.
 * 8. send               — a grounded answer at or above the threshold.
 */
export function decideReply(input: DecideReplyInput): EscalationDecision {
  const { message, reply, settings, previousUnsureReplies } = input;
  if (reply === null) return escalate('ai_unavailable', null);
  if (reply.intent === 'human_request') return escalate('customer_request', reply, { withDraft: false });
  if (matchEscalationKeyword(message, settings.escalationKeywords) !== null) return escalate('keyword', reply);
  if (detectNegativeSentiment(message).negative) return escalate('negative_sentiment', reply);
  if (isSmallTalk(reply)) return { action: 'send' };

  const repeated = previousUnsureReplies >= 1;
  if (hasNoAnswer(reply)) return escalate(repeated ? 'repeated_failure' : 'no_answer', reply);
  if (!meetsThreshold(reply, settings.confidenceThreshold)) {
    return escalate(repeated ? 'repeated_failure' : 'low_confidence', reply);
  }
  return { action: 'send' };
}

/**
 * True when this reply, on its own, is one the bot is unsure of (rules 6 and 7 above):
 * the caller counts consecutive unsure turns to feed `previousUnsureReplies`.
 * A missing reply (assistant unavailable) counts as unsure: the customer got no answer either.
 */
export function isUnsure(reply: AssistantReply | null, threshold: number): boolean {
  if (reply === null) return true;
  if (reply.intent === 'human_request' || isSmallTalk(reply)) return false;
  return hasNoAnswer(reply) || !meetsThreshold(reply, threshold);
}

/**
 * The first company keyword found in the message as a whole word or phrase, or null.
 * Case-insensitive; words of a phrase may be separated by any whitespace; a keyword never
 * matches inside a longer word ("refund" does not match "refunded"), so plurals must be listed.
 */
export function matchEscalationKeyword(message: string, keywords: readonly string[]): string | null {
  const text = normalizeApostrophes(message);
  for (const keyword of keywords) {
    const pattern = keywordPattern(keyword);
    if (pattern?.test(text)) return keyword;
  }
  return null;
}

function keywordPattern(keyword: string): RegExp | null {
  const words = normalizeApostrophes(keyword).trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const body = words.map(escapeRegExp).join('\\s+');
  // Boundaries only where the keyword starts or ends with a word character, so "c++" or "#billing" still match.
  const start = /^[\p{L}\p{N}_]/u.test(words[0]) ? '(?<![\\p{L}\\p{N}_])' : '';
  const end = /[\p{L}\p{N}_]$/u.test(words[words.length - 1]) ? '(?![\\p{L}\\p{N}_])' : '';
  return new RegExp(`${start}${body}${end}`, 'iu');
}

function isSmallTalk(reply: AssistantReply): boolean {
  return SMALL_TALK.has(reply.intent) && reply.text.trim() !== '';
}

function hasNoAnswer(reply: AssistantReply): boolean {
  return (
    reply.intent === 'unknown' || reply.sources.length === 0 || safeConfidence(reply) === 0 || reply.text.trim() === ''
  );
}

function meetsThreshold(reply: AssistantReply, threshold: number): boolean {
  return safeConfidence(reply) + THRESHOLD_EPSILON >= threshold;
}

/** A NaN or out-of-range confidence must never look like certainty. */
function safeConfidence(reply: AssistantReply): number {
  const c = reply.confidence;
  return Number.isFinite(c) ? Math.min(1, Math.max(0, c)) : 0;
}

function escalate(
  reason: EscalationReason,
  reply: AssistantReply | null,
  options: { withDraft: boolean } = { withDraft: true },
): EscalationDecision {
  if (reply === null) return { action: 'escalate', reason, confidence: null, draft: null, sources: [] };
  // A reply of intent "unknown" is a canned "I don't know", not a draft worth an agent's time.
  const text = reply.text.trim();
  const draft = options.withDraft && reply.intent !== 'unknown' && text !== '' ? text : null;
  return { action: 'escalate', reason, confidence: safeConfidence(reply), draft, sources: [...reply.sources] };
}

function normalizeApostrophes(text: string): string {
  return text.replace(/[\u2018\u2019\u02bc]/g, "'");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
