import { editDistance, SpellingCorrector } from './spelling-corrector';

describe('editDistance', () => {
  it.each([
    ['recipient', 'recipient', 0],
    ['recepient', 'recipient', 1],
    ['recieve', 'receive', 1],
    ['downlad', 'download', 1],
    ['download', 'downloads', 1],
    ['kitten', 'sitting', 2],
    ['abc', 'abcdef', 2],
  ])('%s → %s = %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
  });
});

describe('SpellingCorrector', () => {
  it('corrects to the most frequent term one edit away', () => {
    const speller = new SpellingCorrector();
    speller.add('attach');
    speller.add('attachment');
    speller.add('spreadsheet');
    speller.add('spreadsheet');
    speller.add('spreadsheets');
    expect(speller.correct('spredsheet')).toBe('spreadsheet');
    expect(speller.correct('attachmnt')).toBe('attachment');
  });

  it('leaves known, short, non-alphabetic and distant terms alone', () => {
    const speller = new SpellingCorrector();
    for (const term of ['gmail', 'filter', 'label']) speller.add(term);
    expect(speller.correct('gmail')).toBeNull();
    expect(speller.correct('lbel')).toBeNull();
    expect(speller.correct('fi1ter')).toBeNull();
    expect(speller.correct('flatter')).toBeNull();
  });

  it('forgets a term once every document holding it is gone', () => {
    const speller = new SpellingCorrector();
    speller.add('archive');
    speller.add('archive');
    speller.delete('archive');
    expect(speller.correct('archve')).toBe('archive');
    speller.delete('archive');
    expect(speller.has('archive')).toBe(false);
    expect(speller.correct('archve')).toBeNull();
  });
});
