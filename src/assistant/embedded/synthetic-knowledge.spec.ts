import { buildSyntheticKnowledge, seededRandom } from './synthetic-knowledge';

describe('buildSyntheticKnowledge', () => {
  const seeds = [{ id: 'entry:real', title: 'How do I export my calendar?', text: 'Open settings and choose export.' }];

  it('keeps the seed documents first and fills up to the total with unique ids', () => {
    const docs = buildSyntheticKnowledge(seeds, 500);
    expect(docs).toHaveLength(500);
    expect(docs[0]).toBe(seeds[0]);
    expect(new Set(docs.map((d) => d.id)).size).toBe(500);
    expect(docs[1].title).toMatch(/^How do I .+\?$/);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(buildSyntheticKnowledge(seeds, 50)).toEqual(buildSyntheticKnowledge(seeds, 50));
    expect(buildSyntheticKnowledge(seeds, 50, 1)).not.toEqual(buildSyntheticKnowledge(seeds, 50, 2));
  });

  it('draws numbers in [0, 1)', () => {
    const random = seededRandom(7);
    const values = Array.from({ length: 1000 }, random);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });
});
