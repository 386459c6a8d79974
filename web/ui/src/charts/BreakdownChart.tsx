import { type Ref, useMemo, useState } from 'react';
import styles from './BreakdownChart.module.css';
import { type BreakdownItem, type BreakdownSort, nextSort, sortBreakdown } from './breakdown-model';
import { type Bar, HorizontalBarChart } from './HorizontalBarChart';

export interface BreakdownChartProps {
  /** Accessible name, e.g. `OTIF rate by carrier`. */
  title: string;
  /** The dimension's name, the first column's header (e.g. `Carrier`). */
  dimension: string;
  /** The value column's header (e.g. `OTIF rate (%)`). */
  valueLabel?: string;
  /** The members, an `other` bucket among them if any (see `bucketOthers`). */
  items: readonly BreakdownItem[];
  /** Formats a value for the bar ends and the table. */
  format?: (value: number) => string;
  /** The member selected as a filter. */
  selectedKey?: string;
  /** Called with a member's key when its bar or row is pressed, with undefined when the selected one is pressed again. */
  onSelect?: (key: string | undefined) => void;
  /** The order to start with (default: largest value first). */
  initialSort?: BreakdownSort;
  /** Receives the bar chart's `<svg>` element, for PNG and SVG exports. */
  svgRef?: Ref<SVGSVGElement>;
}

const ARIA_SORT = { ascending: 'ascending', descending: 'descending' } as const;

/**
 * A KPI split by one dimension (the drill-down): bars and a table in the same order, sorted by a table
 * header (mouse or keyboard); pressing a bar or a row selects that member as a filter, pressing it again
 * clears it. The "other" bucket is drawn apart (muted, dashed, italic) and always listed last.
 */
export function BreakdownChart({
  title,
  dimension,
  valueLabel = 'Value',
  items,
  format = String,
  selectedKey,
  onSelect,
  initialSort = { by: 'value', order: 'descending' },
  svgRef,
}: BreakdownChartProps) {
  const [sort, setSort] = useState<BreakdownSort>(initialSort);
  const sorted = useMemo(() => sortBreakdown(items, sort), [items, sort]);
  const bars = useMemo(
    (): Bar[] =>
      sorted.flatMap((d) =>
        d.value === null
          ? []
          : [{ key: d.key, label: d.label, value: d.value, tone: d.other ? 'other' : 'normal' }],
      ),
    [sorted],
  );
  const toggle = onSelect ? (key: string) => onSelect(key === selectedKey ? undefined : key) : undefined;
  const header = (by: BreakdownSort['by'], text: string) => (
    <th scope="col" aria-sort={sort.by === by ? ARIA_SORT[sort.order] : 'none'}>
      <button type="button" className={styles.sortButton} onClick={() => setSort((s) => nextSort(s, by))}>
        {text}
        <span aria-hidden="true">{sort.by === by ? (sort.order === 'ascending' ? ' ▲' : ' ▼') : ' ↕'}</span>
      </button>
    </th>
  );
  return (
    <div className={styles.breakdown} data-testid="breakdown">
      <HorizontalBarChart
        bars={bars}
        title={title}
        format={format}
        selectedKey={selectedKey}
        onSelect={toggle}
        svgRef={svgRef}
      />
      <table className={styles.table}>
        <caption className="kpi-visually-hidden">{title}</caption>
        <thead>
          <tr>
            {header('label', dimension)}
            {header('value', valueLabel)}
          </tr>
        </thead>
        <tbody>
          {sorted.map((d) => (
            <tr
              key={d.key}
              className={[d.other ? styles.other : '', d.key === selectedKey ? styles.selected : '']
                .filter(Boolean)
                .join(' ')}
              aria-selected={onSelect ? d.key === selectedKey : undefined}
            >
              <th scope="row">
                {toggle ? (
                  <button
                    type="button"
                    className={styles.rowButton}
                    aria-pressed={d.key === selectedKey}
                    onClick={() => toggle(d.key)}
                  >
                    {d.label}
                  </button>
                ) : (
                  d.label
                )}
              </th>
              <td>{d.value === null ? '—' : format(d.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
