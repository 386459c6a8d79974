/** Reading results for the dashboards: only the deployment's own tenant, only the KPIs the snapshot entitles. */
import {
  CALCULATION_ERROR_CODES,
  type KpiResult,
  type KpiResultChanges,
  type KpiResultList,
  type ResultGrain,
} from '@kpi/shared/contracts/calculation';
import type { VerifiedSnapshot } from '@kpi/shared/license/catalog-snapshot';
import { ErrorCodes, forbidden, notFound, unavailable } from '@kpi/shared/platform/errors';
import type { SnapshotSource } from '../recompute/calculation';

export interface ResultReader {
  list(q: { grain: ResultGrain; from?: string; to?: string; kpis: readonly string[] }): Promise<KpiResult[]>;
  changes(
    since: number,
    limit: number,
    kpis: readonly string[],
  ): Promise<{ items: KpiResult[]; more: boolean; last: number }>;
  latestSeq(): Promise<number>;
}

export interface ReadDeps {
  tenantId: string;
  snapshots: SnapshotSource;
  reader: ResultReader;
}

/** This deployment serves only its own tenant's users. */
export function checkOwnTenant(caller: { tenantId?: string } | undefined, tenantId: string): void {
  if (!caller || caller.tenantId !== tenantId) {
    throw forbidden(ErrorCodes.tenantForbidden, 'This deployment serves only its own tenant');
  }
}

/** The verified snapshot, or 503 while client-app has not stored one. */
export async function snapshotOf(snapshots: SnapshotSource): Promise<VerifiedSnapshot> {
  const s = await snapshots.current();
  if (!s) throw unavailable(CALCULATION_ERROR_CODES.noSnapshot, 'No catalog snapshot has been stored yet');
  return s;
}

/** The requested KPIs (all entitled ones when none is named); 404 for one the snapshot does not entitle. */
export function entitled(snapshot: VerifiedSnapshot, requested: readonly string[] | undefined): string[] {
  if (!requested?.length) return [...snapshot.selected].sort();
  const missing = requested.filter((id) => !snapshot.selected.has(id));
  if (missing.length) {
    throw notFound(CALCULATION_ERROR_CODES.kpiNotFound, `Not among the entitled KPIs: ${missing.join(', ')}`);
  }
  return [...new Set(requested)].sort();
}

export async function readResults(
  deps: ReadDeps,
  caller: { tenantId?: string },
  q: { grain: ResultGrain; from?: string | undefined; to?: string | undefined; kpis?: string[] | undefined },
): Promise<KpiResultList> {
  checkOwnTenant(caller, deps.tenantId);
  const snapshot = await snapshotOf(deps.snapshots);
  const kpis = entitled(snapshot, q.kpis);
  // The token first: a write landing between the two reads is then reported again, never missed.
  const token = await deps.reader.latestSeq();
  const items = await deps.reader.list({
    grain: q.grain,
    kpis,
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
  });
  return { catalogVersion: snapshot.catalogVersion, token: String(token), items };
}

export async function readChanges(
  deps: ReadDeps,
  caller: { tenantId?: string },
  q: { since: string; limit: number },
): Promise<KpiResultChanges> {
  checkOwnTenant(caller, deps.tenantId);
  const snapshot = await snapshotOf(deps.snapshots);
  const since = Number(q.since);
  const { items, more, last } = await deps.reader.changes(since, q.limit, [...snapshot.selected]);
  return { token: String(last), more, items };
}
