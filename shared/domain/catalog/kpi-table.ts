import {
  type Direction,
  type KpiDefinition,
  type StandardReference,
  TIME_GRAINS,
  type TimeGrain,
  UNIT_KINDS,
  type UnitKind,
} from './types';

/**
 * KPI definitions are kept as compact text tables (three lines per KPI) so that several hundred
 * of them stay reviewable. Format of one entry:
 *
 *   id | Name | unit | + or - | target | good warning critical | grain | dimensions | tags [| Standard; code; title]
 *     formula
 *     description
 *
 * A line `@Object` sets the object that relative dimension paths start from (`carrier.name` →
 * `Shipment.carrier.name`); a dimension with a capitalised first segment is already absolute.
 * Units: `%`, `Δ%` (percent change), `$`, `#`, `d`, `h`, `min`, `x` (ratio), `score`, or
 * `kind:label` (e.g. `ratio:per 1,000 patient days`).
 */
const UNITS: Record<string, { unit: UnitKind; unitLabel: string; format: string }> = {
  '%': { unit: 'percent', unitLabel: '%', format: '.1f' },
  'Δ%': { unit: 'percent-change', unitLabel: '%', format: '+.1f' },
  $: { unit: 'currency', unitLabel: 'currency', format: ',.0f' },
  '$.2': { unit: 'currency', unitLabel: 'currency', format: ',.2f' },
  '#': { unit: 'count', unitLabel: '', format: ',.0f' },
  d: { unit: 'days', unitLabel: 'days', format: '.1f' },
  h: { unit: 'hours', unitLabel: 'h', format: '.1f' },
  min: { unit: 'minutes', unitLabel: 'min', format: '.0f' },
  x: { unit: 'ratio', unitLabel: '×', format: '.2f' },
  score: { unit: 'score', unitLabel: 'points', format: '.1f' },
};

const GRAINS: ReadonlySet<string> = new Set(TIME_GRAINS);

function unitOf(code: string, where: string) {
  const known = UNITS[code];
  if (known) return known;
  const [kind, label] = code.split(':');
  if (!label || !(UNIT_KINDS as readonly string[]).includes(kind as string))
    throw new Error(`CATALOG.BAD_UNIT: ${code} in ${where}`);
  return { unit: kind as UnitKind, unitLabel: label, format: kind === 'quantity' ? ',.1f' : ',.2f' };
}

function num(s: string | undefined, where: string): number {
  const v = Number(s);
  if (s === undefined || s.trim() === '' || !Number.isFinite(v))
    throw new Error(`CATALOG.BAD_NUMBER: '${s}' in ${where}`);
  return v;
}

/** Parses a KPI table (see the format above). Throws with a `CATALOG.*` code on a malformed entry. */
export function kpiTable(text: string): KpiDefinition[] {
  const out: KpiDefinition[] = [];
  let object = '';
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (line.startsWith('@')) {
      object = line.slice(1).trim();
      continue;
    }
    if (/^\s/.test(line))
      throw new Error(`CATALOG.BAD_KPI_TABLE: unexpected indented line ${i + 1}: ${line}`);
    const formula = lines[i + 1]?.trim();
    const description = lines[i + 2]?.trim();
    i += 2;
    const cells = line.split('|').map((c) => c.trim());
    const [id, name, unitCode, dir, target, thresholds, grain, dims, tags, std] = cells;
    const where = `KPI ${id}`;
    if (!id || !name || !formula || !description || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) {
      throw new Error(`CATALOG.BAD_KPI_TABLE: incomplete entry at line ${i - 1}: ${line}`);
    }
    if (dir !== '+' && dir !== '-') throw new Error(`CATALOG.BAD_DIRECTION: ${where}`);
    if (!grain || !GRAINS.has(grain)) throw new Error(`CATALOG.BAD_GRAIN: ${where}`);
    const [good, warning, critical] = (thresholds ?? '').split(/\s+/).map((t) => num(t, where));
    const kpi: KpiDefinition = {
      id,
      name,
      description,
      formula,
      ...unitOf(unitCode ?? '', where),
      direction: (dir === '+' ? 'higher-is-better' : 'lower-is-better') as Direction,
      target: num(target, where),
      thresholds: {
        good: good!,
        warning: num(String(warning), where),
        critical: num(String(critical), where),
      },
      timeGrain: grain as TimeGrain,
      dimensions: (dims ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((d) => (/^[A-Z]/.test(d) ? d : `${object}.${d}`)),
      tags: (tags ?? '').split(/\s+/).filter(Boolean),
    };
    if (std) {
      const [sname, code, title] = std.split(';').map((s) => s.trim());
      if (!sname || !code || !title) throw new Error(`CATALOG.BAD_STANDARD: ${where}`);
      Object.assign(kpi, { standard: { name: sname, code, title } satisfies StandardReference });
    }
    out.push(kpi);
  }
  return out;
}
