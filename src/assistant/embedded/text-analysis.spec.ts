import { analyze, isLowInformationTerm, isStopWord, stem, tokenize, topicTrigrams } from './text-analysis';

describe('tokenize', () => {
  it('lowercases and keeps programming names and dotted or hyphenated words whole', () => {
    expect(tokenize('Using C++, C# and Node.js with E-Mail!')).toEqual(['using', 'c++', 'c#', 'and', 'node.js', 'with', 'e-mail']);
  });

  it('keeps unicode letters and digits and straightens apostrophes', () => {
    expect(tokenize('Über café — user’s 3.5 GB')).toEqual(['über', 'café', "user's", '3.5', 'gb']);
  });

  it('returns nothing for punctuation only', () => {
    expect(tokenize('?!… --')).toEqual([]);
  });
});

describe('stem', () => {
  it('stems plain words and leaves symbols and digits alone', () => {
    expect(stem('archived')).toBe('archiv');
    expect(stem('c++')).toBe('c++');
    expect(stem('mp3')).toBe('mp3');
  });
});

describe('analyze', () => {
  it('drops stop words and question framing, stems the rest in order', () => {
    expect(analyze('Is it possible to export my Trello boards?').sequence).toEqual(['export', 'trello', 'board']);
  });

  it('maps support synonyms and spelling variants onto one term', () => {
    expect(analyze('removing photos').sequence).toEqual(analyze('delete pictures').sequence);
    expect(analyze('favourite colour').sequence).toEqual(analyze('favorite color').sequence);
  });

  it('merges two-word actions before stop words are dropped', () => {
    expect(analyze("I can't log in").sequence).toEqual(['login']);
    expect(analyze('turn off autoplay').sequence).toEqual(['disabl', 'autoplay']);
  });

  it('splits compound words but also keeps their whole form', () => {
    const result = analyze('auto-play on node.js');
    expect(result.sequence).toEqual(['automat', 'play', 'node', 'js']);
    expect(result.compounds).toEqual(['autoplay', 'node.js']);
  });

  it('offers solid spellings of adjacent words, but not of two stop words', () => {
    const { joins } = analyze('how do I strike through text', { joins: true });
    expect(joins).toContain('strikethrough');
    expect(joins).not.toContain('howdo');
    expect(analyze('strike through').joins).toEqual([]);
  });

  it('drops possessives and lone letters', () => {
    expect(analyze("the user's a b 7").sequence).toEqual(['user', '7']);
  });
});

describe('word classes', () => {
  it('knows stop words and generic low-information terms', () => {
    expect(isStopWord('the')).toBe(true);
    expect(isStopWord('gmail')).toBe(false);
    expect(isLowInformationTerm(stem('making'))).toBe(true);
    expect(isLowInformationTerm(stem('spreadsheet'))).toBe(false);
  });

  it('builds trigrams from topic words only', () => {
    const grams = topicTrigrams('How do I make a spreadsheet?');
    expect(grams.has(' sp')).toBe(true);
    expect(grams.has('eet')).toBe(true);
    expect(grams.has('mak')).toBe(false);
    expect(grams.has(' ho')).toBe(false);
  });
});
