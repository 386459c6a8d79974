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

export const directionText: Record<ClientKpi['direction'], string> = {
  'higher-is-better': 'Higher is better ↑',
  'lower-is-better': 'Lower is better ↓',
};

/** A value with its unit label ("95 %", "3.2 days"). */
export function formatValue(value: number, unitLabel: string): string {
  const text = new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(value);
  if (!unitLabel) return text;
  return unitLabel === '%' ? `${text} %` : `${text} ${unitLabel}`;
}

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
