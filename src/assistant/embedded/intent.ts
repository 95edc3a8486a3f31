import type { AssistantIntent } from '../assistant.types';

/** Intents answered without retrieval. */
export type ConversationalIntent = Extract<AssistantIntent, 'greeting' | 'thanks' | 'goodbye' | 'human_request'>;

export interface IntentOptions {
  /** The bot's display name; customers address it ("hi Sam") and that must not turn a greeting into a question. */
  assistantName?: string;
}

const alternatives = (words: string[]): string => `(?:${words.join('|')})`;

const PEOPLE = alternatives([
  'human being', 'human', 'person', 'agent', 'representative', 'rep', 'operator', 'staff', 'employee', 'manager',
  'support team', 'customer service',
]);
/** Who a customer asks for; "someone" only counts when nothing follows ("talk to someone", not "…someone on Gmail"). */
const PERSON =
  String.raw`(?:a |an |the |your |some |one of your )?(?:real |live |actual |human |customer service |support )?` +
  String.raw`(?:${PEOPLE}|(?:someone|somebody)(?: real)?(?: please| now)?$)`;
const WANTING = alternatives([
  'i want', 'i need', 'i would like', "i'd like", 'can i have', 'can i get', 'could i have', 'could i get', 'give me',
  'get me', 'i demand', 'i prefer',
]);
const BOT = String.raw`(?:a |the |this |your )?(?:bot|robot|machine)\b`;

/** Explicit requests for a person; one anywhere in the message wins, since the customer asked to leave the bot. */
const HUMAN_REQUEST_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`\b(?:talk|speak|chat|get through)(?: directly)? (?:to|with) ${PERSON}`),
  new RegExp(String.raw`\b(?:connect|transfer|put|pass|forward) me (?:to|with|through to) ${PERSON}`),
  new RegExp(String.raw`\b${WANTING} (?:to (?:talk|speak|chat) (?:to|with) )?${PERSON}`),
  new RegExp(String.raw`^(?:a |an )?(?:real |live |actual )?${PEOPLE}(?: please)?$`),
  new RegExp(String.raw`\b(?:human|agent|representative|operator|real person) (?:please|pls|plz|now)\b`),
  new RegExp(String.raw`\b(?:don't|do not|dont) want (?:to (?:talk|speak|chat) (?:to|with) )?${BOT}`),
  new RegExp(String.raw`\bstop talking to ${BOT}`),
];

/** Phrases that make up a greeting, thanks or goodbye; longer alternatives first so they win over their prefixes. */
const PHRASES: Readonly<Record<'greeting' | 'thanks' | 'goodbye', readonly string[]>> = {
  greeting: [
    'good morning', 'good afternoon', 'good evening', 'good day', 'how are you doing', 'how are you', "how's it going",
    'how is it going', "what's up", 'whats up', 'is anyone there', 'is anybody there', 'anyone there', 'anybody there',
    'hello', 'hi', 'hey', 'heya', 'hiya', 'howdy', 'greetings', 'yo', 'sup', 'hallo', 'hola', 'bonjour',
  ],
  thanks: [
    'thank you very much', 'thank you so much', 'thanks a lot', 'thanks a bunch', 'many thanks', 'much appreciated',
    'i appreciate it', 'appreciate it', 'appreciated', 'that helped', 'that helps', 'that was helpful', "that's helpful",
    'very helpful', 'thank you', 'thank u', 'thanks', 'thankyou', 'thx', 'tnx', 'ty', 'cheers', 'merci',
  ],
  goodbye: [
    'talk to you later', 'see you later', 'see you soon', 'see you', 'see ya', 'have a nice day', 'have a good day',
    'have a great day', 'have a good one', 'have a nice evening', 'take care', 'good night', 'goodnight', 'bye bye',
    'good bye', 'goodbye', "that's all", 'that is all', "that's it", "i'm done", 'i am done', 'ttyl', 'cya', 'bye',
    'later', 'ciao',
  ],
};

/** Words that may surround a greeting, thanks or goodbye without making the message a question. */
const FILLER = new Set(
  (
    'so much very a lot again you too guys all everyone everybody folks team there ok okay great perfect awesome cool ' +
    'nice good excellent wonderful fine alright and oh ah well for the your this that help helping bot assistant sir ' +
    'madam mate friend dear please just really lol haha then now yes yeah yep sure thing it worked works solved fixed got'
  ).split(' '),
);

/** Lowercase words only: punctuation, emoji and repeated spaces removed; curly apostrophes straightened. */
function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^\p{L}\p{N}'\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const escapeRegExp = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Phrase patterns compiled once, in the order they are tried: goodbye, thanks, greeting; longest first within each. */
const PHRASE_PATTERNS = (['goodbye', 'thanks', 'greeting'] as const).flatMap((intent) =>
  PHRASES[intent].map((phrase) => ({ intent, pattern: new RegExp(` ${escapeRegExp(phrase)}(?= )`, 'g') })),
);

/**
 * The conversational intent of a message that is essentially a greeting, thanks, goodbye or a request for a person,
 * or null when it asks something ("hi, how do I reset my password?" is a question) and retrieval should answer.
 */
export function recognizeIntent(text: string, options: IntentOptions = {}): ConversationalIntent | null {
  const message = normalize(text);
  if (message === '') return null;
  if (HUMAN_REQUEST_PATTERNS.some((pattern) => pattern.test(message))) return 'human_request';

  let rest = ` ${message} `;
  const found = new Set<keyof typeof PHRASES>();
  for (const { intent, pattern } of PHRASE_PATTERNS) {
    const remaining = rest.replace(pattern, ' ');
    if (remaining !== rest) found.add(intent);
    rest = remaining;
  }
  if (found.size === 0) return null;
  const nameWords = new Set(normalize(options.assistantName ?? '').split(' '));
  const leftover = rest.split(' ').filter((word) => word !== '' && !FILLER.has(word) && !nameWords.has(word));
  if (leftover.length > 0) return null;
  // A closing message often thanks too ("thanks, bye"): the goodbye decides how to reply.
  if (found.has('goodbye')) return 'goodbye';
  return found.has('thanks') ? 'thanks' : 'greeting';
}
