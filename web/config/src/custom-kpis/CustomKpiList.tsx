import type { CustomKpi } from '@kpi/shared/contracts/metadata-custom-kpi';
import { EmptyState } from '@kpi/web-ui/layout';
import { useMemo, useState } from 'react';
import styles from './CustomKpis.module.css';
import { StatusBadge } from './StatusBadge';

export interface CustomKpiListProps {
  items: readonly CustomKpi[];
  selectedId: string | undefined;
  onOpen(id: string): void;
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "3 minutes ago", "yesterday", or the date for older changes. */
export function updatedLabel(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return 'just now';
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day');
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** The tenant's custom KPIs, filterable, newest change first. */
export function CustomKpiList({ items, selectedId, onOpen }: CustomKpiListProps) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return [...items]
      .filter((k) => !q || k.definition.name.toLowerCase().includes(q) || k.id.includes(q))
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  }, [items, query]);
  return (
    <div className={styles.listBody}>
      {items.length > 5 && (
        <input
          type="search"
          className={styles.input}
          placeholder="Filter…"
          aria-label="Filter custom KPIs"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      )}
      {shown.length === 0 ? (
        items.length === 0 ? (
          <EmptyState title="No custom KPIs yet" icon="ƒ">
            Define a KPI of your own with a formula over your data objects.
          </EmptyState>
        ) : (
          <p className={styles.muted}>No custom KPI matches.</p>
        )
      ) : (
        <ul className={styles.list} aria-label="Custom KPIs">
          {shown.map((k) => (
            <li key={k.id}>
              <button
                type="button"
                className={styles.listItem}
                aria-current={k.id === selectedId ? 'true' : undefined}
                onClick={() => onOpen(k.id)}
              >
                <span className={styles.listName}>{k.definition.name}</span>
                <span className={styles.listMeta}>
                  <StatusBadge kpi={k} />
                  {k.publishedVersion && <span>v{k.publishedVersion}</span>}
                  <span title={new Date(k.updatedAt).toLocaleString()}>{updatedLabel(k.updatedAt)}</span>
                </span>
                <code className={styles.listId}>{k.id}</code>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
