import { loadCatalog } from '@kpi/shared/domain/catalog/index';
import { checkFormula } from '@kpi/shared/domain/formula/index';
import { describe, expect, it } from 'vitest';
import { diagnosticRange, lineColumn, segments, tokenize } from './highlight';

const catalog = loadCatalog();

/** The underlined text of each diagnostic, as the editor draws it. */
function underlined(text: string, spans: readonly { offset: number; length: number }[]): string[] {
  const out: string[] = spans.map(() => '');
  for (const s of segments(text, spans)) if (s.diagnostic !== undefined) out[s.diagnostic] += s.text;
  return out;
}

describe('tokenize', () => {
  it('classifies every character and covers the text exactly', () => {
    const text = "sum(WorkOrder.goodQuantity where status = 'done') / 2.5 // note";
    const tokens = tokenize(text);
    expect(tokens.map((t) => text.slice(t.from, t.to)).join('')).toBe(text);
    const kinds = Object.fromEntries(tokens.map((t) => [text.slice(t.from, t.to), t.token]));
    expect(kinds).toMatchObject({
      sum: 'function',
      WorkOrder: 'object',
      goodQuantity: 'name',
      where: 'keyword',
      "'done'": 'string',
      '2.5': 'number',
      '// note': 'comment',
      '/': 'operator',
    });
  });

  it('tolerates an unterminated string and odd characters', () => {
    const text = "count(X where a = 'oops\n) # §";
    const tokens = tokenize(text);
    expect(tokens.map((t) => text.slice(t.from, t.to)).join('')).toBe(text);
    expect(tokens.find((t) => t.token === 'string')).toMatchObject({ from: 18, to: 23 });
  });
});

describe('diagnostic spans', () => {
  it('keeps the text intact and underlines exactly the reported characters', () => {
    const text = 'sum(WorkOrder.goodQantity) / sum(WorkOrder.plannedQuantity)';
    const result = checkFormula(text, catalog.objects);
    expect(result.diagnostics).toHaveLength(1);
    const d = result.diagnostics[0]!;
    const segs = segments(text, result.diagnostics);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(underlined(text, [d])).toEqual(['goodQantity']);
  });

  it('marks at least one character and a blank after the end for a missing token', () => {
    expect(diagnosticRange({ offset: 3, length: 0 }, 10)).toEqual({ from: 3, to: 4 });
    expect(diagnosticRange({ offset: 12, length: 4 }, 10)).toEqual({ from: 10, to: 10 });
    expect(diagnosticRange({ offset: 8, length: 9 }, 10)).toEqual({ from: 8, to: 10 });
    const text = 'sum(WorkOrder.goodQuantity';
    const result = checkFormula(text, catalog.objects);
    const end = result.diagnostics.find((d) => d.offset >= text.length);
    expect(end).toBeDefined();
    const segs = segments(text, [end!]);
    expect(segs.at(-1)).toEqual({ text: ' ', token: 'space', diagnostic: 0 });
    expect(
      segs
        .slice(0, -1)
        .map((s) => s.text)
        .join(''),
    ).toBe(text);
  });

  it('handles overlapping diagnostics and multi-line text', () => {
    const text = 'sum(Foo.bar)\n+ sum(Baz.qux)';
    const result = checkFormula(text, catalog.objects);
    const spans = underlined(text, result.diagnostics);
    expect(spans).toEqual(
      result.diagnostics.map((d) => text.slice(d.offset, d.offset + Math.max(1, d.length))),
    );
    const second = result.diagnostics.find((d) => d.line === 2)!;
    expect(lineColumn(text, second.offset)).toEqual({ line: second.line, column: second.column });
  });
});
