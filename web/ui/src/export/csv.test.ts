import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('CSV export', () => {
  it('writes a header and rows with CRLF line ends', () => {
    expect(
      toCsv([
        ['period', 'value'],
        ['2024-05', 95.5],
        ['2024-06', 96],
      ]),
    ).toBe('period,value\r\n2024-05,95.5\r\n2024-06,96\r\n');
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(toCsv([['Acme, Inc.', 'say "hi"', 'two\nlines']])).toBe(
      '"Acme, Inc.","say ""hi""","two\r\nlines"\r\n',
    );
  });

  it('writes missing and non-finite numbers as empty cells, numbers at full precision', () => {
    expect(toCsv([[null, undefined, Number.NaN, Number.POSITIVE_INFINITY, 0.1 + 0.2, -3, true]])).toBe(
      ',,,,0.30000000000000004,-3,true\r\n',
    );
  });

  it('keeps a spreadsheet from running a text cell as a formula', () => {
    expect(toCsv([['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', 'fine']])).toBe(
      `"'=HYPERLINK(""x"")",'+1,'-2,'@SUM(A1),fine\r\n`,
    );
  });
});
