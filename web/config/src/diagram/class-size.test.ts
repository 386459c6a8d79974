import { describe, expect, it } from 'vitest';
import { BOX, classSize, cssFont, estimateText, FONTS, fieldRowText, type TextMeasure } from './class-size';
import type { DiagramClass } from './diagram-model';

const cls = (fields: DiagramClass['fields'], name = 'Order'): DiagramClass => ({
  name,
  label: name,
  area: 'commercial',
  description: '',
  fields,
});

/** Four pixels per character: makes the arithmetic of a test obvious. */
const perChar: TextMeasure = (text) => text.length * 4;

describe('classSize', () => {
  it('is one header and one row per field high', () => {
    const fields = [
      { name: 'id', type: 'string', required: true, key: 'primary' as const },
      { name: 'total', type: 'money', required: true },
      { name: 'note', type: 'string', required: false },
    ];
    expect(classSize(cls(fields), perChar).height).toBe(
      BOX.headerHeight + 2 * BOX.rowPadding + 3 * BOX.rowHeight,
    );
  });

  it('keeps one empty row for a class without fields', () => {
    expect(classSize(cls([]), perChar).height).toBe(BOX.headerHeight + 2 * BOX.rowPadding + BOX.rowHeight);
  });

  it('is as wide as the longest row (badge column and padding included), at least the minimum', () => {
    const long = { name: 'aVeryLongFieldNameThatNeedsRoomToBreathe', type: 'datetime', required: false };
    const size = classSize(cls([long]), perChar);
    expect(size.width).toBe(fieldRowText(long).length * 4 + BOX.gutter + 2 * BOX.paddingX);
    expect(fieldRowText(long)).toBe('aVeryLongFieldNameThatNeedsRoomToBreathe: datetime [0..1]');
    expect(classSize(cls([{ name: 'id', type: 'string', required: true }]), perChar).width).toBe(
      BOX.minWidth,
    );
  });

  it('fits a long class name', () => {
    const name = 'X'.repeat(100);
    expect(classSize(cls([], name), perChar).width).toBe(400 + 2 * BOX.paddingX);
  });

  it('estimates wider text for more characters', () => {
    expect(estimateText('abcdef', 'field')).toBeGreaterThan(estimateText('abc', 'field'));
  });
});

describe('cssFont', () => {
  it('writes the canvas font shorthand', () => {
    expect(cssFont(FONTS.name)).toMatch(/^600 13px system-ui/);
    expect(cssFont(FONTS.stereotype)).toMatch(/^italic 10px /);
    expect(cssFont(FONTS.field)).toMatch(/^12px ui-monospace/);
  });
});
