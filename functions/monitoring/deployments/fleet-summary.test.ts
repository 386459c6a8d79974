import { describe, expect, it } from 'vitest';
import { fleetSummary } from './fleet-summary';

/** A fake cross-tenant repository over `n` deployments that records the page sizes asked for. */
function fakeFleet(n: number) {
  const statuses = ['up', 'up', 'late', 'down', 'new', 'paused'] as const;
  const all = Array.from({ length: n }, (_, i) => ({
    id: `d${i}`,
    tenantId: `t${i % 7}`,
    status: statuses[i % statuses.length] as (typeof statuses)[number],
  }));
  const sizes: number[] = [];
  const allDeployments = {
    async queryFields(
      fields: string[],
      _filter: unknown,
      page?: { maxItemCount?: number; continuationToken?: string },
    ) {
      expect(fields).toEqual(['tenantId', 'status']);
      const size = page?.maxItemCount ?? 100;
      sizes.push(size);
      const start = Number(page?.continuationToken ?? 0);
      const items = all.slice(start, start + size);
      const next = start + size;
      return { items, ...(next < all.length ? { continuationToken: String(next) } : {}) };
    },
  };
  return { deps: { allDeployments } as never, sizes };
}

describe('fleetSummary', () => {
  it('counts a fleet of 10,000 exactly, by tenant and status, in pages of 1,000 rows of two fields', async () => {
    const { deps, sizes } = fakeFleet(10_000);
    const s = await fleetSummary(deps);
    expect(s.complete).toBe(true);
    expect(s.tenants.map((t) => t.tenantId)).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6']);
    expect(s.tenants.reduce((n, t) => n + t.total, 0)).toBe(10_000);
    expect(s.tenants.reduce((n, t) => n + t.up, 0)).toBe(3334);
    expect(s.tenants.reduce((n, t) => n + t.paused, 0)).toBe(1666);
    for (const t of s.tenants) expect(t.new + t.up + t.late + t.down + t.paused).toBe(t.total);
    // Few large pages: the local Cosmos stand-in evaluates the whole query again for every page.
    expect(sizes).toEqual(Array(10).fill(1000));
  });

  it('says when its page cap cut the count short', async () => {
    const { deps } = fakeFleet(2500);
    const s = await fleetSummary(deps, 2);
    expect(s.complete).toBe(false);
    expect(s.tenants.reduce((n, t) => n + t.total, 0)).toBe(2000);
  });
});
