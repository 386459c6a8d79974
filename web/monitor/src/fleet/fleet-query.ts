/** The fleet table's filter in the page's query string, so Back and shared links keep it. */
import { type DeploymentStatus, emptyFilter, type FleetFilter, STATUS_ORDER } from './fleet-model';

/** Reads `?status=&tenant=&version=&q=`; unknown statuses are ignored. */
export function filterFromSearch(search: string): FleetFilter {
  const q = new URLSearchParams(search);
  const status = q.get('status') ?? '';
  return {
    status: (STATUS_ORDER as readonly string[]).includes(status) ? (status as DeploymentStatus) : '',
    tenant: q.get('tenant') ?? '',
    version: q.get('version') ?? '',
    text: q.get('q') ?? '',
  };
}

/** The query string of a filter ('' when nothing is filtered). */
export function searchFromFilter(filter: FleetFilter): string {
  const q = new URLSearchParams();
  if (filter.status) q.set('status', filter.status);
  if (filter.tenant) q.set('tenant', filter.tenant);
  if (filter.version) q.set('version', filter.version);
  if (filter.text) q.set('q', filter.text);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export { emptyFilter };
