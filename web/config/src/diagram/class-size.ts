/**
 * Geometry of a UML class box: a header (area stereotype and object name) over one row per typed field. The box
 * is sized from its text, measured by the caller (a canvas in the browser, an estimate in tests), so the
 * layout engine gets the real sizes before anything is drawn. Pure.
 */
import type { DiagramClass, DiagramField } from './diagram-model';

const SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
const MONO = 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace';

/** A text style of the diagram; drawing (as SVG presentation attributes) and measuring use the same. */
export interface FontSpec {
  family: string;
  size: number;
  weight?: number;
  style?: 'italic';
}

/** The text styles of a class box and of the multiplicity labels. */
export const FONTS = {
  name: { family: SANS, size: 13, weight: 600 },
  stereotype: { family: SANS, size: 10, style: 'italic' },
  field: { family: MONO, size: 12 },
  badge: { family: SANS, size: 9, weight: 700 },
  cardinality: { family: MONO, size: 11 },
} as const satisfies Record<string, FontSpec>;
/** The CSS `font` shorthand of a style (canvas measuring). */
export const cssFont = (f: FontSpec) =>
  `${f.style ?? ''} ${f.weight ?? ''} ${f.size}px ${f.family}`.trim().replace(/\s+/g, ' ');
export type FontName = keyof typeof FONTS;

/** Width in pixels of `text` drawn in `font`. */
export type TextMeasure = (text: string, font: FontName) => number;

export const BOX = {
  headerHeight: 40,
  rowHeight: 18,
  /** Space above the first and below the last field row. */
  rowPadding: 6,
  paddingX: 10,
  /** Left column holding the PK / FK badge. */
  gutter: 24,
  minWidth: 150,
} as const;

/** Average glyph widths, generous so estimated boxes are never too narrow. */
const ESTIMATE: Record<FontName, number> = {
  name: 8.2,
  stereotype: 5.8,
  field: 7.4,
  badge: 6,
  cardinality: 6.8,
};

/** Text width estimated from the number of characters (tests, and where no canvas exists). */
export const estimateText: TextMeasure = (text, font) => Math.ceil(text.length * ESTIMATE[font]);

/** The main text of a field row: `name: type`. */
export const fieldText = (f: DiagramField) => `${f.name}: ${f.type}`;
/** UML multiplicity of an optional attribute, drawn after its type. */
export const OPTIONAL_SUFFIX = ' [0..1]';
/** The row's full text as measured: with the optional suffix when the field may be missing. */
export const fieldRowText = (f: DiagramField) => fieldText(f) + (f.required ? '' : OPTIONAL_SUFFIX);
/** The badge of a key field. */
export const keyBadge = (f: DiagramField): string | undefined =>
  f.key === 'primary' ? 'PK' : f.key === 'foreign' ? 'FK' : undefined;
export const stereotypeText = (c: DiagramClass) => `«${c.area}»`;

export interface ClassSize {
  width: number;
  height: number;
}

/** Width and height of a class box for its name, area and field rows. */
export function classSize(c: DiagramClass, measure: TextMeasure = estimateText): ClassSize {
  let content = Math.max(measure(c.name, 'name'), measure(stereotypeText(c), 'stereotype'));
  for (const f of c.fields) content = Math.max(content, BOX.gutter + measure(fieldRowText(f), 'field'));
  const rows = Math.max(1, c.fields.length);
  return {
    width: Math.max(BOX.minWidth, Math.ceil(content + 2 * BOX.paddingX)),
    height: BOX.headerHeight + 2 * BOX.rowPadding + rows * BOX.rowHeight,
  };
}

/** Measures text with a shared 2D canvas context (the browser's own font metrics); caches by font and text. */
export function canvasMeasure(): TextMeasure {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return estimateText;
  const cache = new Map<string, number>();
  return (text, font) => {
    const key = `${font}\u0000${text}`;
    let width = cache.get(key);
    if (width === undefined) {
      context.font = cssFont(FONTS[font]);
      // Round up and add a pixel: exported SVGs may be opened where the font is a little wider.
      width = Math.ceil(context.measureText(text).width) + 1;
      cache.set(key, width);
    }
    return width;
  };
}
