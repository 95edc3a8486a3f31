// wink-porter2-stemmer ships no type declarations; it maps a lowercase word to its Porter2 stem.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const porter2: (word: string) => string = require('wink-porter2-stemmer');
// Vocabularies are small next to word counts, so memoised stems make indexing several times faster.
const STEM_CACHE_LIMIT = 100_000;
const stemCache = new Map<string, string>();

/** A text reduced to index terms: ordered content terms plus terms that only count as unigrams. */
export interface AnalyzedText {
  /** Stemmed content terms in reading order (stop words dropped); adjacent pairs form phrases. */
  sequence: string[];
  /** Whole forms of dotted / hyphenated words ("node.js", "autoplay" from "auto-play"). */
  compounds: string[];
  /** Adjacent words written solid ("strike through" → "strikethrough"); a query uses those the index knows. */
  joins: string[];
}

/** Common English function words plus question framing ("is it possible", "is there a way") that carries no topic. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any anybody anyone are aren\'t as at be because been before being below ' +
    'between both but by can can\'t cannot could couldn\'t did didn\'t do does doesn\'t doing don\'t down during each else ' +
    'etc even ever every few for from further get gets getting got had hadn\'t has hasn\'t have haven\'t having he he\'d he\'ll ' +
    'he\'s her here here\'s hers herself him himself his how how\'s i i\'d i\'ll i\'m i\'ve if in into is isn\'t it it\'s its itself ' +
    'just let\'s me might more most must mustn\'t my myself no nor not of off on once only or other ought our ours ourselves ' +
    'out over own really same shall shan\'t she she\'d she\'ll she\'s should shouldn\'t so some somehow someone something ' +
    'such than that that\'s the their theirs them themselves then there there\'s these they they\'d they\'ll they\'re ' +
    'they\'ve this those through to too under until up upon us very was wasn\'t we we\'d we\'ll we\'re we\'ve were weren\'t ' +
    'what what\'s when when\'s where where\'s whether which while who who\'s whom why why\'s will with within won\'t would ' +
    'wouldn\'t you you\'d you\'ll you\'re you\'ve your yours yourself yourselves also anyway may maybe please thanks ' +
    'able possible possibly way ways want wanna wants like need needs try trying know tell help hi hello hey ' +
    'option options exist exists easy easiest simple simplest best better good thing things stuff actually'
  ).split(' '),
);

/**
 * Generic verbs and qualifiers found in questions on any topic; a query leans on them less than on topic words.
 * Words with a synonym group below ("find", "many") are left out: they are analysed into the group's term.
 */
const LOW_INFORMATION_WORDS: readonly string[] = (
  'make makes made making use uses used using see sees seen saw seeing get found look looks looked looking give ' +
  'gives given take takes took taken put keep keeps go goes going went gone come comes came done sure surely one ones ' +
  'kind kinds type types different particular specific specifically certain new old another lot lots much thing ' +
  'something anything everything work works worked working happen happens seem seems currently right now still ' +
  'already instead example exactly actually usually always never often possibility completely totally entirely ' +
  'quickly quick cool nice interested notice noticed wonder wondering curious afraid somewhere anywhere everywhere ' +
  'basically simply'
).split(' ');

/** Stems of LOW_INFORMATION_WORDS, compared against analysed terms. */
const LOW_INFORMATION_TERMS: ReadonlySet<string> = new Set(LOW_INFORMATION_WORDS.map((word) => porter2(word)));

/** True for an analysed term that says little about the topic ("make", "use", "find"). */
export function isLowInformationTerm(term: string): boolean {
  return LOW_INFORMATION_TERMS.has(term);
}

/** Two-word expressions that mean one support action; matched on lowercase words before stop words are dropped. */
const PHRASES: ReadonlyMap<string, string> = new Map([
  ['log in', 'login'], ['logged in', 'login'], ['logging in', 'login'], ['sign in', 'login'], ['signed in', 'login'],
  ['log on', 'login'], ['log out', 'logout'], ['logged out', 'logout'], ['sign out', 'logout'], ['signed out', 'logout'],
  ['sign up', 'register'], ['signed up', 'register'], ['turn off', 'disable'], ['switch off', 'disable'],
  ['turned off', 'disable'], ['turn on', 'enable'], ['switch on', 'enable'], ['turned on', 'enable'],
  ['get rid', 'delete'], ['getting rid', 'delete'], ['got rid', 'delete'], ['set up', 'setup'],
  ['web site', 'website'], ['web page', 'webpage'], ['e mail', 'email'],
]);

/**
 * Words that mean the same thing in support and computing questions, first one canonical: spelling variants,
 * abbreviations and close synonyms. Matched on stems, so every inflection ("removing", "removed") follows.
 */
const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['delete', 'remove', 'erase', 'removal', 'deletion'],
  ['email', 'mail', 'e-mail'],
  ['message', 'msg', 'pm', 'dm'],
  ['picture', 'pic', 'photo', 'image'],
  ['password', 'pw', 'pwd', 'passwd', 'passcode'],
  ['account', 'acct', 'acc'],
  ['register', 'signup', 'registration'],
  ['login', 'signin', 'logon'],
  ['computer', 'pc', 'laptop', 'desktop', 'machine'],
  ['phone', 'cellphone', 'smartphone', 'mobile'],
  ['video', 'vid', 'clip'],
  ['document', 'doc'],
  ['folder', 'directory'],
  ['website', 'site', 'webpage'],
  ['app', 'application', 'webapp', 'program', 'software'],
  ['color', 'colour'],
  ['favorite', 'favourite'],
  ['organize', 'organise'],
  ['customize', 'customise'],
  ['license', 'licence'],
  ['buy', 'purchase'],
  ['price', 'cost', 'pricing'],
  ['information', 'info'],
  ['configuration', 'config'],
  ['setting', 'preference', 'pref'],
  ['search', 'find', 'locate', 'lookup'],
  ['show', 'display', 'view'],
  ['create', 'build', 'generate'],
  ['multiple', 'several', 'many'],
  ['disable', 'deactivate'],
  ['enable', 'activate'],
  ['restore', 'recover', 'retrieve', 'undelete'],
  ['accidentally', 'accident', 'mistake', 'inadvertently', 'unintentionally'],
  ['change', 'modify', 'edit', 'alter'],
  ['automatic', 'automatically', 'auto'],
  ['problem', 'issue', 'error', 'trouble'],
  ['notification', 'notify', 'alert'],
  ['sync', 'synchronize', 'synchronise'],
  ['import', 'upload'],
  ['link', 'url', 'hyperlink'],
  ['user', 'person', 'people', 'member'],
  ['conversation', 'thread'],
  ['subscribe', 'follow'],
  ['unsubscribe', 'unfollow'],
  ['size', 'big', 'large'],
  ['sort', 'order', 'arrange'],
  ['copy', 'duplicate'],
  ['private', 'privacy'],
];

/** Stem → canonical stem for SYNONYM_GROUPS (hyphenated members are matched solid, as the tokenizer joins them). */
const SYNONYM_STEMS: ReadonlyMap<string, string> = new Map(
  SYNONYM_GROUPS.flatMap((group) => group.map((word) => [stem(word.replace(/-/g, '')), stem(group[0])] as const)),
);

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?(?:[.\-][\p{L}\p{N}]+(?:['’][\p{L}]+)?)*(?:\+\+|#)?/gu;

/** Lowercase words of the text; dotted and hyphenated words stay whole ("node.js", "e-mail", "c++", "c#"). */
export function tokenize(text: string): string[] {
  return (text.normalize('NFKC').toLowerCase().match(WORD) ?? []).map((word) => word.replace(/’/g, "'"));
}

/** True for words that carry no topic of their own. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Porter2 stem of a plain word; words with digits or symbols ("c++", "mp3") are kept verbatim. */
export function stem(word: string): string {
  let result = stemCache.get(word);
  if (result === undefined) {
    result = /^\p{L}+$/u.test(word) ? porter2(word) : word;
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, result);
  }
  return result;
}

/** The canonical term for a stem with a support synonym or spelling variant, else the stem itself. */
export function canonicalTerm(wordStem: string): string {
  return SYNONYM_STEMS.get(wordStem) ?? wordStem;
}

/** The index term for one word, or null for a stop word or a lone letter; possessive "'s" is dropped. */
export function termOf(rawWord: string): string | null {
  const word = rawWord.replace(/'s$/, '');
  if (isStopWord(word) || isStopWord(rawWord)) return null;
  if (word.length < 2 && !/\p{N}/u.test(word)) return null;
  return canonicalTerm(stem(word));
}

/** Splits compound tokens into parts while remembering the whole form; "www.example.com" → www, example, com. */
function expandCompound(token: string): { parts: string[]; whole: string | null } {
  if (!/[.\-]/.test(token)) return { parts: [token], whole: null };
  const parts = token.split(/[.\-]/).filter(Boolean);
  // Hyphenated words are usually also written solid ("auto-play" / "autoplay"); dotted names keep their dots.
  const whole = token.includes('.') ? token : parts.join('');
  return { parts, whole };
}

/** Two words that may be one written apart; two stop words never make a topic ("how do"), one may ("strike through"). */
function isJoinable(word: string, next: string): boolean {
  const lettersOnly = /^\p{L}{2,}$/u;
  if (!lettersOnly.test(word) || !lettersOnly.test(next)) return false;
  return !isStopWord(word + next) && !(isStopWord(word) && isStopWord(next));
}

/** Tokenize, merge phrases, drop stop words, stem, map synonyms; `joins` only when asked for (queries). */
export function analyze(text: string, options: { joins?: boolean } = {}): AnalyzedText {
  const words: string[] = [];
  const compounds: string[] = [];
  for (const token of tokenize(text)) {
    const { parts, whole } = expandCompound(token);
    words.push(...parts);
    if (whole !== null) {
      const term = termOf(whole);
      if (term !== null && !parts.some((part) => termOf(part) === term)) compounds.push(term);
    }
  }
  const sequence: string[] = [];
  const joins: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const phrase = i + 1 < words.length ? PHRASES.get(`${words[i]} ${words[i + 1]}`) : undefined;
    if (phrase !== undefined) {
      sequence.push(canonicalTerm(stem(phrase)));
      i++;
      continue;
    }
    const term = termOf(words[i]);
    if (term !== null) sequence.push(term);
    const next = options.joins ? words[i + 1] : undefined;
    if (next !== undefined && isJoinable(words[i], next)) joins.push(canonicalTerm(stem(words[i] + next)));
  }
  return { sequence, compounds, joins };
}

/** Character trigrams of the topic words (stop and low-information words left out), for fuzzy title matching. */
export function topicTrigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (const token of tokenize(text)) {
    for (const word of token.split(/[.\-]/)) {
      const term = termOf(word);
      if (term === null || isLowInformationTerm(term)) continue;
      // Padding marks word edges, so "friend" inside "unfriended" shares most but not all of its trigrams.
      const padded = ` ${word} `;
      for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
    }
  }
  return grams;
}
