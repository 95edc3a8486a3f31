import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes separators, quotes and newlines, and defuses formulas', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['line\nbreak', null], ['=SUM(A1)', -5]]))
      .toBe('a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n\'=SUM(A1),-5\r\n');
  });
});
