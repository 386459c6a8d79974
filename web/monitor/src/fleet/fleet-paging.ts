/**
 * Paging of the fleet table and counts from the monitoring service's summary: pure, so unit-tested alone.
 * The table pages AFTER filtering, so a filter finds matches anywhere in a fleet of 10,000.
 */
import type { DeploymentStatus } from './fleet-model';

/** Rows per table page: enough to scan, few enough that React draws them in a frame. */
export const TABLE_PAGE_SIZE = 100;

/** One page of rows, with where it sits in the whole. */
export interface RowPage<T> {
  items: T[];
  /** 0-based page shown (clamped into range). */
  page: number;
  /** Number of pages (at least 1). */
  pages: number;
  /** 1-based index of the first row shown, 0 when there are none. */
  from: number;
  /** 1-based index of the last row shown. */
  to: number;
}

/** Page `page` of `rows`; a page past the end (the filter narrowed) shows the last page. */
export function pageOf<T>(rows: readonly T[], page: number, size = TABLE_PAGE_SIZE): RowPage<T> {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const p = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  const items = rows.slice(p * size, (p + 1) * size);
  return { items, page: p, pages, from: items.length ? p * size + 1 : 0, to: p * size + items.length };
}

export type SummaryCounts = Record<DeploymentStatus, number> & { total: number };

/** A tenant's counts as the summary endpoints return them. */
export interface TenantSummary {
  tenantId: string;
  counts: SummaryCounts;
}

/** The staff summary (`GET fleet-summary`) or a tenant's (`GET tenants/{t}/fleet-summary`), as one shape. */
export type FleetSummaryBody =
  | { tenants: ({ tenantId: string } & SummaryCounts)[]; complete: boolean }
  | SummaryCounts;

/** Totals and per-tenant counts of either summary body. */
export function normaliseSummary(
  body: FleetSummaryBody,
  tenantId?: string,
): { counts: SummaryCounts; tenants: TenantSummary[]; complete: boolean } {
  const pick = (c: SummaryCounts): SummaryCounts => ({
    new: c.new,
    up: c.up,
    late: c.late,
    down: c.down,
    paused: c.paused,
    total: c.total,
  });
  if (!('tenants' in body)) {
    return {
      counts: pick(body),
      tenants: [{ tenantId: tenantId ?? '', counts: pick(body) }],
      complete: true,
    };
  }
  const counts: SummaryCounts = { new: 0, up: 0, late: 0, down: 0, paused: 0, total: 0 };
  const tenants = body.tenants.map((t) => {
    for (const k of Object.keys(counts) as (keyof SummaryCounts)[]) counts[k] += t[k];
    return { tenantId: t.tenantId, counts: pick(t) };
  });
  return { counts, tenants, complete: body.complete };
}

/**
 * A key that changes whenever a count changes: a new deployment or a status change shows in the summary
 * within one 5 s poll, so the page reads the (large) list again only then, not on every poll.
 */
export function summaryKey(tenants: readonly TenantSummary[]): string {
  return tenants
    .map(
      (t) =>
        `${t.tenantId}:${t.counts.new},${t.counts.up},${t.counts.late},${t.counts.down},${t.counts.paused}`,
    )
    .join('|');
}
