/**
 * Pure fleet logic for the overview: status colours and order, counts, grouping by tenant, filtering and
 * searching. No React, no D3, so it is unit-tested on its own.
 */
// Type-only: the contracts' runtime values would pull zod into the UI bundle.
import type { Deployment, DeploymentStatus } from '@kpi/shared/contracts/monitoring-deployment';

export type { Deployment, DeploymentStatus };

/** How a status looks: a strong colour (cells, bands, text on soft) and a soft background (pills). */
export interface StatusStyle {
  label: string;
  colour: string;
  soft: string;
  /** Lower sorts first: the statuses that need attention lead. */
  rank: number;
}

/** Colours chosen for contrast on white and for telling the five apart without relying on hue alone. */
export const STATUS_STYLES: Record<DeploymentStatus, StatusStyle> = {
  down: { label: 'Down', colour: '#b3261e', soft: '#fcebea', rank: 0 },
  late: { label: 'Late', colour: '#b26a00', soft: '#fdf1dc', rank: 1 },
  new: { label: 'New', colour: '#2f5bd3', soft: '#e8eefc', rank: 2 },
  paused: { label: 'Paused', colour: '#6b5fa8', soft: '#efedf8', rank: 3 },
  up: { label: 'Up', colour: '#1d7a46', soft: '#e3f4ea', rank: 4 },
};

/** The style of a status; unknown values (a newer API) look like `new`. */
export function statusStyle(status: string): StatusStyle {
  return STATUS_STYLES[status as DeploymentStatus] ?? STATUS_STYLES.new;
}

/** Statuses in display order for counts and legends (the life cycle, not the severity). */
export const STATUS_ORDER: readonly DeploymentStatus[] = ['new', 'up', 'late', 'down', 'paused'];

export type StatusCounts = Record<DeploymentStatus, number> & { total: number };

/** Counts by status. */
export function countByStatus(deployments: readonly Pick<Deployment, 'status'>[]): StatusCounts {
  const counts: StatusCounts = { new: 0, up: 0, late: 0, down: 0, paused: 0, total: 0 };
  for (const d of deployments) {
    if (d.status in counts) counts[d.status]++;
    counts.total++;
  }
  return counts;
}

/** One tenant's block of the status grid. */
export interface TenantGroup {
  tenantId: string;
  deployments: Deployment[];
  counts: StatusCounts;
}

/** Display name of a deployment: its name, else its id. */
export const displayName = (d: Pick<Deployment, 'id' | 'name'>) => d.name ?? d.id;

/** Worst status first, then by name, so a tenant's trouble is at the start of its row. */
export function compareDeployments(a: Deployment, b: Deployment): number {
  return (
    statusStyle(a.status).rank - statusStyle(b.status).rank ||
    displayName(a).localeCompare(displayName(b)) ||
    a.id.localeCompare(b.id)
  );
}

/** Groups deployments by tenant (tenants alphabetically), each sorted worst status first. */
export function groupByTenant(deployments: readonly Deployment[]): TenantGroup[] {
  const byTenant = new Map<string, Deployment[]>();
  for (const d of deployments) {
    const list = byTenant.get(d.tenantId);
    if (list) list.push(d);
    else byTenant.set(d.tenantId, [d]);
  }
  return [...byTenant.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tenantId, list]) => ({
      tenantId,
      deployments: [...list].sort(compareDeployments),
      counts: countByStatus(list),
    }));
}

/** The table's filters; empty strings mean "any". */
export interface FleetFilter {
  status: DeploymentStatus | '';
  tenant: string;
  version: string;
  /** Free text matched against id, name, tenant and versions (case-insensitive, every word must match). */
  text: string;
}

export const emptyFilter: FleetFilter = { status: '', tenant: '', version: '', text: '' };

/** The app version a deployment last reported, or '' when it has not reported yet. */
export const appVersionOf = (d: Deployment) => d.lastHeartbeat?.appVersion ?? '';

/** Deployments matching every set filter. */
export function filterDeployments(deployments: readonly Deployment[], filter: FleetFilter): Deployment[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return deployments.filter((d) => {
    if (filter.status && d.status !== filter.status) return false;
    if (filter.tenant && d.tenantId !== filter.tenant) return false;
    if (filter.version && appVersionOf(d) !== filter.version) return false;
    if (words.length === 0) return true;
    const haystack = [d.id, d.name ?? '', d.tenantId, appVersionOf(d), d.lastHeartbeat?.catalogVersion ?? '']
      .join(' ')
      .toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

/** Compares dotted versions numerically where they are numbers (`1.10.0` after `1.9.3`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const nx = Number(x);
    const ny = Number(y);
    const c = x !== '' && y !== '' && !Number.isNaN(nx) && !Number.isNaN(ny) ? nx - ny : x.localeCompare(y);
    if (c !== 0) return c;
  }
  return 0;
}

/** The distinct app versions reported, newest first. */
export function versionsOf(deployments: readonly Deployment[]): string[] {
  return [...new Set(deployments.map(appVersionOf).filter(Boolean))].sort((a, b) => compareVersions(b, a));
}

/** The distinct tenants, alphabetically. */
export function tenantsOf(deployments: readonly Deployment[]): string[] {
  return [...new Set(deployments.map((d) => d.tenantId))].sort((a, b) => a.localeCompare(b));
}

/** The detail page of a deployment. */
export function deploymentPath(d: Pick<Deployment, 'tenantId' | 'id'>): string {
  return `/deployment?${new URLSearchParams({ tenant: d.tenantId, id: d.id }).toString()}`;
}

/** Error rate of the latest heartbeat (0..1), or undefined without requests. */
export function latestErrorRate(d: Deployment): number | undefined {
  const hb = d.lastHeartbeat;
  if (!hb || hb.requestCount === 0) return undefined;
  return hb.errorCount / hb.requestCount;
}
