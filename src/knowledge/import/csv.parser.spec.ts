import { detectDelimiter, detectHeader, parseFaqCsv } from './csv.parser';

describe('FAQ CSV parser', () => {
  it('detects a header by its names (any order, any case) and reads an optional category', async () => {
    const csv = 'Category,ANSWER,Question\nShipping,"3-5 days, tracked",How long is delivery?\nBilling,Card or SEPA,How can I pay?\n';
    const { rows, header, skipped } = await parseFaqCsv(csv, 'faq.csv');
    expect(header).toBe(true);
    expect(skipped).toBe(0);
    expect(rows).toEqual([
      { question: 'How long is delivery?', answer: '3-5 days, tracked', category: 'Shipping' },
      { question: 'How can I pay?', answer: 'Card or SEPA', category: 'Billing' },
    ]);
  });

  it.each([
    ['q,a', { question: 0, answer: 1, category: null }],
    ['Title;Response;Topic', { question: 0, answer: 1, category: 2 }],
    [' Questions , Answers ', { question: 0, answer: 1, category: null }],
    ['How do I log in?,Use your email', null],
  ])('header %j → %j', (line, expected) => {
    expect(detectHeader(line.split(/[,;]/))).toEqual(expected);
  });

  it('takes the first two columns when there is no header; skips rows missing either; handles quotes and newlines', async () => {
    const csv = 'How do I log in?,"Use your email,\nthen the code"\nOrphan question,\n,orphan answer\n"Say ""hi""?",Hello\n';
    const result = await parseFaqCsv(csv, 'faq.csv');
    expect(result.header).toBe(false);
    expect(result.skipped).toBe(2);
    expect(result.rows).toEqual([
      { question: 'How do I log in?', answer: 'Use your email,\nthen the code', category: null },
      { question: 'Say "hi"?', answer: 'Hello', category: null },
    ]);
  });

  it('reads semicolon and tab separated files (spreadsheet exports) and a BOM', async () => {
    expect(detectDelimiter('question;answer\n')).toBe(';');
    expect(detectDelimiter('q\ta\n')).toBe('\t');
    expect(detectDelimiter('"a;b",c\n')).toBe(',');
    const { rows } = await parseFaqCsv('\uFEFFfrage;antwort\nWo?;Hier\n', 'de.csv');
    expect(rows).toEqual([{ question: 'frage', answer: 'antwort', category: null }, { question: 'Wo?', answer: 'Hier', category: null }]);
  });

  it('reads a large file in slices (yielding to the event loop) without losing rows', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `Question number ${i}?,Answer number ${i} with some more words to make it longer`);
    const csv = `question,answer\n${lines.join('\n')}\n`;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const { rows } = await parseFaqCsv(csv, 'big.csv');
    clearInterval(timer);
    expect(rows).toHaveLength(20_000);
    expect(rows[19_999].question).toBe('Question number 19999?');
    expect(ticks).toBeGreaterThan(0);
  });

  it.each([
    ['', 'empty', '"f.csv" has no rows'],
    ['just one column\nanother\n', 'invalid', 'needs two columns'],
    ['question,answer\n,\n', 'empty', 'has no row with both a question and an answer'],
    ['question,answer\n"unclosed,quote\n', 'corrupt', '"f.csv" is not valid CSV: Quote Not Closed'],
    [`question,answer\n${'x'.repeat(501)},a\n`, 'invalid', 'line 2: the question is longer than 500 characters'],
  ])('refuses %j as %s naming the problem', async (csv, problem, message) => {
    await expect(parseFaqCsv(csv, 'f.csv')).rejects.toMatchObject({ problem, message: expect.stringContaining(message) });
  });
});
