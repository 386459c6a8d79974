/** Pure helpers of the KPI catalog: search and the words and numbers of a definition. */
import type { ClientKpi } from '@kpi/shared/contracts/client-app';

/** KPIs whose name, id, description, unit, tags, dimensions or standard match every word of `query`. */
export function searchKpis(kpis: readonly ClientKpi[], query: string): ClientKpi[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...kpis];
  return kpis.filter((k) => {
    const text = [
      k.name,
      k.id,
      k.description,
      k.unit,
      k.unitLabel,
      ...k.tags,
      ...k.dimensions,
      k.standard?.code ?? '',
      k.standard?.name ?? '',
    ]
      .join(' ')
      .toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

// Shared with the Config UI's catalog.
export { directionText, formatValue } from '@kpi/web-ui/catalog';

/** A date and time for people ("7 Dec 2026, 21:15"), or a dash. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A date for people ("7 Dec 2026"), or a dash. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' }).format(d);
}
