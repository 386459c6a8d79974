import { describe, expect, it } from 'vitest';
import { fleetAccess } from './fleet-access';
import {
  compareVersions,
  countByStatus,
  type Deployment,
  deploymentPath,
  type FleetFilter,
  filterDeployments,
  groupByTenant,
  latestErrorRate,
  STATUS_ORDER,
  STATUS_STYLES,
  statusStyle,
  versionsOf,
} from './fleet-model';
import { filterFromSearch, searchFromFilter } from './fleet-query';

const at = '2026-11-26T10:00:00.000Z';
function dep(
  tenantId: string,
  id: string,
  status: Deployment['status'],
  over: Partial<Deployment> = {},
): Deployment {
  return {
    id,
    tenantId,
    status,
    statusSince: at,
    periodSeconds: 60,
    graceSeconds: 180,
    recentRequests: [],
    recentTransitions: [],
    flapping: false,
    openAlerts: {},
    commandsPending: false,
    alertSeq: 0,
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}
const hb = (appVersion: string, requestCount = 100, errorCount = 5) => ({
  id: 'h',
  receivedAt: at,
  appVersion,
  uptimeSeconds: 1,
  cpuPercent: 1,
  memoryRssMb: 100,
  eventLoopLagMs: 1,
  requestCount,
  errorCount,
  p50Ms: 10,
  p95Ms: 50,
  recentErrors: [],
});

describe('status styles', () => {
  it('gives every status a distinct colour and label, worst first by rank', () => {
    const colours = STATUS_ORDER.map((s) => STATUS_STYLES[s].colour);
    expect(new Set(colours).size).toBe(5);
    expect(STATUS_ORDER.map((s) => statusStyle(s).label)).toEqual(['New', 'Up', 'Late', 'Down', 'Paused']);
    expect(statusStyle('down').rank).toBeLessThan(statusStyle('late').rank);
    expect(statusStyle('late').rank).toBeLessThan(statusStyle('up').rank);
  });
  it('shows an unknown status like new', () => {
    expect(statusStyle('retired')).toBe(STATUS_STYLES.new);
  });
});

describe('grid grouping', () => {
  const fleet = [
    dep('fabrikam', 'f-1', 'up'),
    dep('contoso', 'c-b', 'up'),
    dep('contoso', 'c-a', 'up'),
    dep('contoso', 'c-z', 'down'),
    dep('contoso', 'c-l', 'late', { name: 'Berlin' }),
  ];
  it('groups by tenant alphabetically, worst status first, then by name', () => {
    const groups = groupByTenant(fleet);
    expect(groups.map((g) => g.tenantId)).toEqual(['contoso', 'fabrikam']);
    expect(groups[0]?.deployments.map((d) => d.id)).toEqual(['c-z', 'c-l', 'c-a', 'c-b']);
    expect(groups[0]?.counts).toEqual({ new: 0, up: 2, late: 1, down: 1, paused: 0, total: 4 });
    expect(groups[1]?.counts.total).toBe(1);
  });
  it('counts the whole fleet', () => {
    expect(countByStatus(fleet)).toEqual({ new: 0, up: 3, late: 1, down: 1, paused: 0, total: 5 });
    expect(countByStatus([])).toEqual({ new: 0, up: 0, late: 0, down: 0, paused: 0, total: 0 });
  });
});

describe('filtering', () => {
  const fleet = [
    dep('contoso', 'contoso-prod', 'up', { name: 'Production', lastHeartbeat: hb('1.4.2') }),
    dep('contoso', 'contoso-lab', 'down', { lastHeartbeat: hb('1.10.0') }),
    dep('fabrikam', 'fabrikam-prod', 'up', { lastHeartbeat: hb('1.4.2') }),
    dep('fabrikam', 'fabrikam-new', 'new'),
  ];
  const none: FleetFilter = { status: '', tenant: '', version: '', text: '' };
  const ids = (f: Partial<FleetFilter>) => filterDeployments(fleet, { ...none, ...f }).map((d) => d.id);

  it('filters on status, tenant and version, all at once', () => {
    expect(ids({ status: 'up' })).toEqual(['contoso-prod', 'fabrikam-prod']);
    expect(ids({ tenant: 'fabrikam' })).toEqual(['fabrikam-prod', 'fabrikam-new']);
    expect(ids({ version: '1.4.2', tenant: 'contoso' })).toEqual(['contoso-prod']);
  });
  it('searches id, name, tenant and version; every word must match', () => {
    expect(ids({ text: 'PRODUCTION' })).toEqual(['contoso-prod']);
    expect(ids({ text: 'prod fabrikam' })).toEqual(['fabrikam-prod']);
    expect(ids({ text: '1.10' })).toEqual(['contoso-lab']);
    expect(ids({ text: 'nothing-like-this' })).toEqual([]);
  });
  it('lists versions newest first, numerically', () => {
    expect(versionsOf(fleet)).toEqual(['1.10.0', '1.4.2']);
    expect(compareVersions('1.9.3', '1.10.0')).toBeLessThan(0);
    expect(compareVersions('2.0.0', '2.0.0')).toBe(0);
  });
  it('computes the latest error rate, none without requests', () => {
    expect(latestErrorRate(fleet[0] as Deployment)).toBeCloseTo(0.05);
    expect(latestErrorRate(dep('t', 'x', 'up', { lastHeartbeat: hb('1', 0, 0) }))).toBeUndefined();
    expect(latestErrorRate(fleet[3] as Deployment)).toBeUndefined();
  });
  it('links to the detail page with tenant and id in the query', () => {
    expect(deploymentPath({ tenantId: 'a b', id: 'x&y' })).toBe('/deployment?tenant=a+b&id=x%26y');
  });
  it('round-trips the filter through the query string', () => {
    const f = { status: 'late', tenant: 'contoso', version: '1.4.2', text: 'prod eu' } as const;
    expect(filterFromSearch(searchFromFilter(f))).toEqual(f);
    expect(searchFromFilter(none)).toBe('');
    expect(filterFromSearch('?status=bogus').status).toBe('');
  });
});

describe('fleet access', () => {
  it('lets staff see everything; support and platform admins issue commands', () => {
    expect(fleetAccess({ roles: ['support'] })).toMatchObject({
      isStaff: true,
      canView: true,
      canIssueCommands: true,
    });
    expect(fleetAccess({ roles: ['platform-admin'] }).canIssueCommands).toBe(true);
  });
  it('lets tenant owners and admins see their own tenant only, without commands', () => {
    const alex = fleetAccess({ roles: ['admin'], tenantId: 'fabrikam' });
    expect(alex).toEqual({
      isStaff: false,
      tenantId: 'fabrikam',
      canView: true,
      canEditSettings: true,
      canIssueCommands: false,
    });
  });
  it('keeps editors and viewers out', () => {
    expect(fleetAccess({ roles: ['editor'], tenantId: 'contoso' }).canView).toBe(false);
    expect(fleetAccess({ roles: ['viewer'], tenantId: 'contoso' }).canEditSettings).toBe(false);
  });
});
