import { DEFAULT_RANKING, diceOfSets, pairsFound, phraseBonus, TermPairs, weightedTermDice } from './ranking';

const pairsOf = (...pairs: [string, string][]): TermPairs => {
  const map: TermPairs = new Map();
  for (const [first, second] of pairs) map.set(first, new Set([...(map.get(first) ?? []), second]));
  return map;
};
const idf = (term: string): number => ({ reset: 2, password: 3, account: 1 })[term] ?? 4;

describe('pairsFound', () => {
  it('finds query pairs only where the words are adjacent and in order', () => {
    const pairs = pairsOf(['reset', 'password'], ['delet', 'account']);
    expect(pairsFound(['reset', 'password', 'email'], pairs)).toEqual(new Set(['reset password']));
    expect(pairsFound(['password', 'reset'], pairs).size).toBe(0);
    expect(pairsFound(['reset', 'email', 'password'], pairs).size).toBe(0);
  });
});

describe('phraseBonus', () => {
  const pairs = pairsOf(['reset', 'password']);

  it('credits a title phrase more than a text phrase, and both more than either', () => {
    const inTitle = phraseBonus(['reset', 'password'], [], pairs, idf, DEFAULT_RANKING);
    const inText = phraseBonus([], ['reset', 'password'], pairs, idf, DEFAULT_RANKING);
    const inBoth = phraseBonus(['reset', 'password'], ['reset', 'password'], pairs, idf, DEFAULT_RANKING);
    expect(inText).toBeGreaterThan(0);
    expect(inTitle).toBeGreaterThan(inText);
    expect(inBoth).toBeGreaterThan(inTitle);
  });

  it('gives nothing without a phrase match or with the weight off', () => {
    expect(phraseBonus(['password', 'reset'], [], pairs, idf, DEFAULT_RANKING)).toBe(0);
    expect(phraseBonus(['reset', 'password'], [], pairs, idf, { ...DEFAULT_RANKING, phraseWeight: 0 })).toBe(0);
  });
});

describe('weightedTermDice', () => {
  const queryWeights = new Map([['reset', 1], ['password', 1]]);
  const queryMass = idf('reset') + idf('password');

  it('is 1 for the same terms and 0 for none shared', () => {
    expect(weightedTermDice(['reset', 'password'], queryWeights, queryMass, idf, DEFAULT_RANKING)).toBeCloseTo(1);
    expect(weightedTermDice(['billing'], queryWeights, queryMass, idf, DEFAULT_RANKING)).toBe(0);
  });

  it('values a shared rare term above a shared common one', () => {
    const rare = weightedTermDice(['password', 'account'], queryWeights, queryMass, idf, DEFAULT_RANKING);
    const common = weightedTermDice(['reset', 'account'], queryWeights, queryMass, idf, DEFAULT_RANKING);
    expect(rare).toBeGreaterThan(common);
  });

  it('penalises extra title terms less when they are generic', () => {
    const generic = weightedTermDice(['reset', 'password', 'make'], queryWeights, queryMass, idf, DEFAULT_RANKING);
    const topical = weightedTermDice(['reset', 'password', 'billing'], queryWeights, queryMass, idf, DEFAULT_RANKING);
    expect(generic).toBeGreaterThan(topical);
  });
});

describe('diceOfSets', () => {
  it('measures set overlap', () => {
    expect(diceOfSets(new Set(['a', 'b']), new Set(['b', 'c']))).toBe(0.5);
    expect(diceOfSets(new Set(), new Set())).toBe(0);
  });
});
