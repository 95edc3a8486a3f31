/**
 * Lexicon-based detector for angry, frustrated or abusive wording.
 *
 * Every signal adds a weight; a message is negative at NEGATIVE_SCORE or more.
 * Strong signals (profanity, insults, "this is ridiculous", "I've asked three times",
 * ALL CAPS shouting with "!") reach it alone; mild ones ("terrible", "frustrated",
 * "!!!", "still not working") need a second signal, so an ordinary problem report
 * ("my payment failed!!!") or a self-deprecating aside ("I'm terrible with computers")
 * does not send a calm customer to a human.
 */

export interface SentimentResult {
  negative: boolean;
  /** Sum of the weights of the signals found; 0 for a neutral message. */
  score: number;
  /** What matched, in order of discovery: lexicon words, phrase labels, 'shouting', '!!!'. */
  matches: string[];
}

export const NEGATIVE_SCORE = 2;

const STRONG = 2;
const MILD = 1;

/** Single words; the weight says whether the word alone is enough. */
const WORDS: ReadonlyMap<string, number> = new Map([
  ...[
    'ridiculous', 'absurd', 'outrageous', 'unacceptable', 'inexcusable', 'useless', 'worthless',
    'pathetic', 'incompetent', 'incompetence', 'worst', 'disgusting', 'disgraceful', 'disgrace',
    'shameful', 'appalling', 'appalled', 'atrocious', 'abysmal', 'horrendous', 'laughable',
    'hopeless', 'furious', 'livid', 'infuriating', 'infuriated', 'enraged', 'hate',
    'idiot', 'idiots', 'idiotic', 'stupid', 'dumb', 'moron', 'morons', 'moronic', 'imbecile',
    'clown', 'clowns', 'scam', 'scams', 'scammer', 'scammers', 'scammed', 'thieves', 'crooks',
    'liar', 'liars', 'garbage', 'asshole', 'assholes', 'bastard', 'bastards', 'bitch', 'wtf', 'stfu',
    'goddamn', 'ripoff',
  ].map((w): [string, number] => [w, STRONG]),
  ...[
    'terrible', 'horrible', 'awful', 'annoying', 'annoyed', 'frustrating', 'frustrated',
    'disappointed', 'disappointing', 'upset', 'angry', 'mad', 'unhappy', 'sucks', 'lousy',
    'crap', 'crappy', 'damn', 'dammit', 'bloody', 'rubbish', 'nonsense', 'ugh', 'argh',
  ].map((w): [string, number] => [w, MILD]),
]);

/** Spelled-out and starred profanity ("f*ck", "sh*tty", "bullshit"); never negated. */
const PROFANITY: readonly RegExp[] = [
  /^f[u*]+c?k+(?:ing|in|ed|er|ers|s|up)?$/,
  /^(?:bull)?sh[i*1]t+(?:ty|s|ting|head|show)?$/,
];

/** Words a negator can cancel ("not terrible", "isn't the worst"); profanity and phrases are not. */
const NEGATORS = new Set(['not', 'no', 'never', 'hardly', 'without', 'nothing', 'nobody', 'dont', 'isnt', 'wasnt', 'arent', 'doesnt', 'didnt', 'aint']);
/** Only these may stand between a negator and its word: "not that bad", but not "can't believe how useless". */
const NEGATION_FILLERS = new Set(['the', 'a', 'an', 'that', 'so', 'too', 'very', 'really', 'at', 'all', 'as', 'such', 'quite', 'exactly', 'entirely', 'totally', 'completely', 'is', 'are', 'was', 'were', 'be', 'been', 'it', 'even']);
const NEGATION_WINDOW = 3;

/** Word + next word that is ordinary speech, not anger ("worst case", "hate to bother you"). */
const HARMLESS_BIGRAMS = new Set(['worst case', 'worst-case', 'hate to', 'stupid question', 'dumb question']);

/** Insults aimed at oneself ("I feel so stupid") are embarrassment, not anger at the company. */
const SELF_DIRECTED = new Set(['stupid', 'dumb', 'idiot', 'moron', 'useless', 'hopeless', 'terrible']);
const SELF_WORDS = new Set(['i', "i'm", 'im', 'am', 'me', 'myself', 'feel', 'felt']);

interface PhraseSignal {
  label: string;
  pattern: RegExp;
  weight: number;
}

/** Multi-word expressions, matched on the lower-cased text with normalised apostrophes. */
const PHRASES: readonly PhraseSignal[] = [
  {
    label: 'asked repeatedly',
    pattern:
      /\b(?:asked|told|explained|written|wrote|emailed|called|contacted|messaged|said|requested)\b(?:\s+[\w']+){0,4}?\s+(?:twice|(?:two|three|four|five|six|ten|several|many|multiple|\d+) times|again and again|over and over)\b/,
    weight: STRONG,
  },
  { label: 'how many times', pattern: /\bhow many (?:more )?times\b/, weight: STRONG },
  {
    label: 'nth time',
    pattern: /\b(?:third|fourth|fifth|sixth|tenth|umpteenth|nth|hundredth|millionth|\d+(?:rd|th)) time\b|\bfor the last time\b/,
    weight: STRONG,
  },
  { label: 'waste of time', pattern: /\b(?:waste of (?:my |our )?time|wasting (?:my|our) time)\b/, weight: STRONG },
  { label: 'fed up', pattern: /\b(?:fed up|sick (?:and tired )?of|had enough)\b/, weight: STRONG },
  { label: 'are you kidding', pattern: /\b(?:are you (?:kidding|joking|serious)|you(?:'ve| have)? got to be kidding)\b/, weight: STRONG },
  { label: 'what the hell', pattern: /\bwhat the (?:hell|heck)\b|\bgo to hell\b|\bscrew (?:you|this|that|it)\b|\bshut up\b/, weight: STRONG },
  { label: 'is a joke', pattern: /\b(?:this|that|it|you|they|your [\w-]+)(?:'s| is| are|'re)(?: (?:such|a|an|total|complete|absolute|bloody))* joke\b/, weight: STRONG },
  { label: 'rip-off', pattern: /\brip[\s-]off\b|\bpiece of (?:junk|garbage|crap|shit)\b/, weight: STRONG },
  { label: 'nobody helps', pattern: /\b(?:nobody|no one|no-one)(?: is| ever)? (?:helps|helping|cares|answers|answering|responds|responding|replies|replying)\b/, weight: STRONG },
  { label: 'still not working', pattern: /\bstill (?:not working|doesn'?t work|does not work|broken|not fixed|waiting)\b/, weight: MILD },
];

const TOKEN = /[a-z0-9*'-]+/g;
const CLAUSE_BREAK = /[.,;:!?\n]+|\bbut\b/;

/** Detects anger, frustration and abuse in one customer message. */
export function detectNegativeSentiment(text: string): SentimentResult {
  const normalized = text.replace(/[\u2018\u2019\u02bc]/g, "'");
  const lower = normalized.toLowerCase();
  const matches: string[] = [];
  let score = 0;
  const add = (label: string, weight: number) => {
    matches.push(label);
    score += weight;
  };

  for (const clause of lower.split(CLAUSE_BREAK)) {
    const tokens = (clause.match(TOKEN) ?? []).map((t) => t.replace(/^['-]+|['-]+$/g, '')).filter(Boolean);
    tokens.forEach((token, i) => {
      if (PROFANITY.some((p) => p.test(token))) return add(token, STRONG);
      const weight = WORDS.get(token);
      if (weight === undefined) return;
      if (HARMLESS_BIGRAMS.has(`${token} ${tokens[i + 1] ?? ''}`)) return;
      if (isNegated(tokens, i)) return;
      if (SELF_DIRECTED.has(token) && tokens.slice(Math.max(0, i - 2), i).some((w) => SELF_WORDS.has(w))) return;
      add(token, weight);
    });
  }

  for (const phrase of PHRASES) {
    if (phrase.pattern.test(lower)) add(phrase.label, phrase.weight);
  }

  const shouting = shoutingWeight(normalized);
  if (shouting > 0) add('shouting', shouting);
  if (/!{3,}|(?:\?!|!\?){2,}/.test(normalized)) add('!!!', MILD);

  return { negative: score >= NEGATIVE_SCORE, score, matches };
}

/** True when a negator precedes tokens[i], with at most NEGATION_WINDOW filler words between. */
function isNegated(tokens: string[], i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - 1 - NEGATION_WINDOW; j--) {
    if (NEGATORS.has(tokens[j]) || tokens[j].endsWith("n't")) return true;
    if (!NEGATION_FILLERS.has(tokens[j])) return false;
  }
  return false;
}

/** ALL CAPS over most of the message: strong with an exclamation mark, mild without. */
function shoutingWeight(text: string): number {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 10) return 0;
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  // Several fully capitalised words, so one acronym ("VPN", "SSO") is not shouting.
  const capsWords = (text.match(/\b\p{Lu}{3,}\b/gu) ?? []).length;
  if (upper / letters.length < 0.7 || capsWords < 3) return 0;
  return text.includes('!') ? STRONG : MILD;
}
