/**
 * Name similarity for suggestions: column and field names split into tokens (camelCase, snake_case, spaces,
 * digits), lower-cased, stemmed lightly and folded through synonyms (amt → amount, qty → quantity,
 * date/ts/time → at, no/nr/number → id), then compared as token sets and as character bigrams.
 */

const SYNONYMS: Readonly<Record<string, string>> = {
  amt: 'amount',
  amnt: 'amount',
  val: 'amount',
  value: 'amount',
  sum: 'amount',
  total: 'amount',
  qty: 'quantity',
  quant: 'quantity',
  pcs: 'quantity',
  piece: 'quantity',
  no: 'id',
  nr: 'id',
  num: 'id',
  number: 'id',
  identifier: 'id',
  key: 'id',
  ref: 'id',
  date: 'at',
  dt: 'at',
  time: 'at',
  ts: 'at',
  timestamp: 'at',
  on: 'at',
  datetime: 'at',
  cust: 'customer',
  client: 'customer',
  cstmr: 'customer',
  prod: 'product',
  article: 'product',
  item: 'product',
  material: 'product',
  desc: 'description',
  descr: 'description',
  wt: 'weight',
  wgt: 'weight',
  dist: 'distance',
  prc: 'price',
  cnt: 'count',
  pct: 'percent',
  perc: 'percent',
  stat: 'status',
  state: 'status',
  typ: 'type',
  cat: 'category',
  supp: 'supplier',
  vendor: 'supplier',
  wh: 'warehouse',
  whse: 'warehouse',
  loc: 'location',
  emp: 'employee',
  dept: 'department',
  addr: 'address',
  mail: 'email',
  tel: 'phone',
  ccy: 'currency',
  cur: 'currency',
  curr: 'currency',
  disc: 'discount',
  inv: 'invoice',
  ord: 'order',
  po: 'purchase',
  so: 'order',
  ship: 'ship',
  shipment: 'shipment',
};

/** Words that say nothing about which field a column feeds. */
const STOP = new Set(['the', 'of', 'flag', 'ind', 'fld', 'col', 'c', 'f']);

/** Light stemming so that `shipped`/`ship`, `units`/`unit`, `delivered`/`deliver` meet. */
function stem(w: string): string {
  let s = w;
  if (s.length > 4 && s.endsWith('ies')) s = `${s.slice(0, -3)}y`;
  else if (s.length > 3 && s.endsWith('s') && !s.endsWith('ss') && !s.endsWith('us')) s = s.slice(0, -1);
  if (s.length > 4 && s.endsWith('ed')) {
    s = s.slice(0, -2);
    const n = s.length;
    if (n > 2 && s[n - 1] === s[n - 2]) s = s.slice(0, -1);
  } else if (s.length > 5 && s.endsWith('ing')) s = s.slice(0, -3);
  if (s.length > 4 && s.endsWith('e')) s = s.slice(0, -1);
  return s;
}

/** Lower-case letters and digits only (`Shipment ID` → `shipmentid`). */
export const normaliseName = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Raw lower-case words of a name. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** Canonical tokens: synonyms folded, stemmed, stop words dropped (kept when nothing else is left). */
export function canonicalTokens(ws: readonly string[]): string[] {
  const out = ws.map((w) => SYNONYMS[w] ?? SYNONYMS[stem(w)] ?? stem(w));
  const kept = out.filter((w) => !STOP.has(w));
  return kept.length ? kept : out;
}

/** Character bigrams of a normalised name as numbers, for a cheap Dice coefficient. */
export function bigrams(norm: string): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i + 1 < norm.length; i++) out.add(norm.charCodeAt(i) * 128 + norm.charCodeAt(i + 1));
  return out;
}

/** Tokens nearly every name has (`customerId`, `shippedAt`): sharing only them says little. */
const WEAK = new Set(['id', 'at', 'amount']);
const weight = (t: string) => (WEAK.has(t) ? 0.25 : 1);

/** Dice coefficient of two token sets, weak tokens weighted down (0..1). */
export function tokenDice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let common = 0;
  let total = 0;
  for (const x of a) {
    const w = weight(x);
    total += w;
    if (b.has(x)) common += w;
  }
  for (const x of b) total += weight(x);
  return total === 0 ? 0 : (2 * common) / total;
}

/** Dice coefficient of two sets (0..1). */
export function dice<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return (2 * common) / (a.size + b.size);
}

/** A name prepared once for many comparisons. */
export interface NameProfile {
  readonly name: string;
  readonly norm: string;
  readonly tokens: ReadonlySet<string>;
  readonly joined: string;
  readonly bigrams: ReadonlySet<number>;
}

export function profileName(name: string): NameProfile {
  const tokens = canonicalTokens(words(name));
  const norm = normaliseName(name);
  return { name, norm, tokens: new Set(tokens), joined: tokens.join(' '), bigrams: bigrams(norm) };
}

/** Name similarity 0..1 (no allocation: it runs for every column × field pair). */
export function nameScore(column: NameProfile, field: NameProfile): number {
  if (column.norm === field.norm) return 1;
  if (column.joined === field.joined) return 0.92;
  return Math.max(0.85 * tokenDice(column.tokens, field.tokens), 0.75 * dice(column.bigrams, field.bigrams));
}

/** Why `nameScore` gave its score (only for the candidates shown). */
export function nameReason(column: NameProfile, field: NameProfile): string {
  if (column.norm === field.norm) return 'same name';
  if (column.joined === field.joined) return 'same name after synonyms';
  return 0.85 * tokenDice(column.tokens, field.tokens) >= 0.75 * dice(column.bigrams, field.bigrams)
    ? 'shared name parts'
    : 'similar spelling';
}
