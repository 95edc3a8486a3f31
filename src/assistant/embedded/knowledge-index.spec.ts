import type { KnowledgeDoc } from '../assistant.types';
import { KnowledgeIndex } from './knowledge-index';
import { buildSyntheticKnowledge } from './synthetic-knowledge';

const doc = (id: string, title: string, text: string): KnowledgeDoc => ({ id, title, text });

const FAQ: KnowledgeDoc[] = [
  doc('entry:password', 'How do I reset my password?', 'Open Settings, choose Security and click "Reset password". We email you a link.'),
  doc('entry:invoice', 'Where can I download my invoices?', 'Invoices are under Billing → History as PDF files.'),
  doc('entry:delete', 'How do I delete my account?', 'Go to Settings → Account and press "Delete account". This cannot be undone.'),
  doc('entry:export', 'Can I export my data?', 'Use Settings → Data → Export to receive a ZIP archive of your projects.'),
  doc('entry:team', 'How do I invite a colleague to my team?', 'Team owners can send invitations from the Members page.'),
];

function indexOf(docs: KnowledgeDoc[]): KnowledgeIndex {
  const index = new KnowledgeIndex();
  index.replaceAll(docs);
  return index;
}

const topId = (index: KnowledgeIndex, query: string): string | undefined => index.search(query, 3)[0]?.doc.id;

describe('KnowledgeIndex ranking', () => {
  const index = indexOf(FAQ);

  it('finds paraphrased questions through stemming, synonyms and stop words', () => {
    expect(topId(index, 'resetting passwords')).toBe('entry:password');
    expect(topId(index, 'I want to remove my account')).toBe('entry:delete');
    expect(topId(index, 'where are the invoice PDFs to download?')).toBe('entry:invoice');
  });

  it('matches answer text as well as the question', () => {
    expect(topId(index, 'zip archive of projects')).toBe('entry:export');
  });

  it('tolerates a one-letter typo in a longer word', () => {
    expect(topId(index, 'how to invte a collegue')).toBe('entry:team');
  });

  it('weights the question above the answer', () => {
    const titleVsText = indexOf([doc('entry:a', 'Members page', 'Nothing else here.'), doc('entry:b', 'Other topic', 'See the members page.')]);
    expect(topId(titleVsText, 'members page')).toBe('entry:a');
  });

  it('returns nothing for stop words only or unknown words', () => {
    expect(index.search('how do I do it?', 5)).toEqual([]);
    expect(index.search('sourdough croissant', 5)).toEqual([]);
  });

  it('honours the limit and orders by score', () => {
    const hits = index.search('settings account password data', 2);
    expect(hits).toHaveLength(2);
    expect(hits[0].score).toBeGreaterThanOrEqual(hits[1].score);
  });

  it('reports coverage and an ideal score the best match approaches but an unrelated match does not', () => {
    const exact = index.rank('How do I reset my password?', 1);
    const partial = index.rank('reset my sourdough starter', 1);
    expect(exact.hits[0].coverage).toBe(1);
    expect(exact.hits[0].score / exact.idealScore).toBeGreaterThan(0.6);
    expect(partial.hits[0].coverage).toBeLessThan(0.5);
    expect(partial.hits[0].score / partial.idealScore).toBeLessThan(0.3);
  });

  it('breaks ties by id so results do not depend on insertion order', () => {
    const twins = [doc('entry:b', 'Printer setup', ''), doc('entry:a', 'Printer setup', '')];
    expect(topId(indexOf(twins), 'printer')).toBe('entry:a');
    expect(topId(indexOf([...twins].reverse()), 'printer')).toBe('entry:a');
  });
});

describe('KnowledgeIndex updates', () => {
  it('upsert replaces a document so its old words no longer match', () => {
    const index = indexOf(FAQ);
    index.upsert(doc('entry:invoice', 'Where are my receipts?', 'Receipts are emailed after each payment.'));
    expect(index.size).toBe(FAQ.length);
    expect(index.search('invoices pdf', 5).map((h) => h.doc.id)).not.toContain('entry:invoice');
    expect(topId(index, 'receipts')).toBe('entry:invoice');
  });

  it('remove drops a document and reports whether it existed', () => {
    const index = indexOf(FAQ);
    expect(index.remove('entry:team')).toBe(true);
    expect(index.remove('entry:team')).toBe(false);
    expect(index.has('entry:team')).toBe(false);
    expect(index.search('invite colleague', 5)).toEqual([]);
    index.upsert(doc('entry:new', 'Inviting a colleague', 'Use the invite button.'));
    expect(topId(index, 'invite colleague')).toBe('entry:new');
  });

  it('replaceAll starts over', () => {
    const index = indexOf(FAQ);
    index.replaceAll([doc('entry:only', 'Shipping times', 'Two to five days.')]);
    expect(index.size).toBe(1);
    expect(index.search('password', 5)).toEqual([]);
  });

  it('applies an edit to a 10,000-entry index without rebuilding it', () => {
    const docs = buildSyntheticKnowledge(FAQ, 10_000);
    const index = indexOf(docs);
    const started = process.hrtime.bigint();
    index.upsert(doc('entry:password', 'How do I reset my passphrase?', 'Use the passphrase reset link on the sign-in page.'));
    const hits = index.search('reset passphrase', 1);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    expect(hits[0].doc.id).toBe('entry:password');
    expect(index.size).toBe(10_000);
    // A rebuild of 10,000 entries takes seconds; one edit and one query take milliseconds.
    expect(elapsedMs).toBeLessThan(100);
  });
});
