/** A KPI split by a dimension (drill-down): sorting and the "other" bucket. Pure. */

/** One member of a dimension with the KPI's value for it. */
export interface BreakdownItem {
  /** Stable key (the member's value), also what a filter uses. */
  key: string;
  /** What the user reads. */
  label: string;
  value: number | null;
  /** The bucket of the members not shown one by one; always listed last. */
  other?: boolean;
}

/** Key of the bucket `bucketOthers` makes. */
export const OTHER_KEY = '\u0000other';

/** How the breakdown is ordered. */
export interface BreakdownSort {
  by: 'label' | 'value';
  order: 'ascending' | 'descending';
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The items in `sort` order; members without a value come after those with one, the "other" bucket last. */
export function sortBreakdown(items: readonly BreakdownItem[], sort: BreakdownSort): BreakdownItem[] {
  const sign = sort.order === 'ascending' ? 1 : -1;
  const rank = (d: BreakdownItem) => (d.other ? 2 : d.value === null ? 1 : 0);
  return [...items].sort((a, b) => {
    const byRank = rank(a) - rank(b);
    if (byRank !== 0) return byRank;
    if (sort.by === 'value' && a.value !== null && b.value !== null && a.value !== b.value)
      return sign * (a.value - b.value);
    const byLabel = collator.compare(a.label, b.label);
    return sort.by === 'label' ? sign * byLabel : byLabel;
  });
}

/** The next sort when a column's header is pressed: the other order on the same column, else its natural one. */
export function nextSort(current: BreakdownSort, by: BreakdownSort['by']): BreakdownSort {
  if (current.by === by) return { by, order: current.order === 'ascending' ? 'descending' : 'ascending' };
  return { by, order: by === 'value' ? 'descending' : 'ascending' };
}

/**
 * The `limit` members of largest value, and the rest (with any "other" item the data already had) as one
 * "other" bucket valued by `combine` (a sum by default: right for counts and amounts; a rate needs its own
 * combination, e.g. the engine's value for the rest). A single member left over is kept as it is.
 */
export function bucketOthers(
  items: readonly BreakdownItem[],
  limit: number,
  { combine = sum, label = 'Other' }: { combine?: (values: number[]) => number | null; label?: string } = {},
): BreakdownItem[] {
  const members = sortBreakdown(
    items.filter((d) => !d.other),
    { by: 'value', order: 'descending' },
  );
  const given = items.filter((d) => d.other);
  const rest = [...members.slice(Math.max(0, limit)), ...given];
  if (rest.length === 0) return members;
  if (rest.length === 1 && given.length === 0) return members;
  const values = rest.flatMap((d) => (d.value === null ? [] : [d.value]));
  const count = rest.length;
  return [
    ...members.slice(0, Math.max(0, limit)),
    {
      key: OTHER_KEY,
      label: given.length === 1 && count === 1 ? (given[0]?.label ?? label) : `${label} (${count})`,
      value: values.length ? combine(values) : null,
      other: true,
    },
  ];
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
