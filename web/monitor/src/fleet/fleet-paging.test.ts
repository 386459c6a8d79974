import { describe, expect, it } from 'vitest';
import { normaliseSummary, pageOf, summaryKey, TABLE_PAGE_SIZE } from './fleet-paging';

const rows = Array.from({ length: 10_050 }, (_, i) => i);

describe('pageOf', () => {
  it('cuts 10,050 rows into pages of 100 with 1-based bounds', () => {
    const first = pageOf(rows, 0);
    expect(first).toMatchObject({ page: 0, pages: 101, from: 1, to: 100 });
    expect(first.items).toHaveLength(TABLE_PAGE_SIZE);
    const last = pageOf(rows, 100);
    expect(last).toMatchObject({ page: 100, from: 10_001, to: 10_050 });
    expect(last.items).toEqual([10_000, 10_001, 10_002, ...rows.slice(10_003)]);
  });

  it('clamps a page past the end (a narrower filter) to the last page, and below 0 to the first', () => {
    expect(pageOf(rows.slice(0, 250), 7)).toMatchObject({ page: 2, pages: 3, from: 201, to: 250 });
    expect(pageOf(rows, -3).page).toBe(0);
  });

  it('has one empty page when nothing matches', () => {
    expect(pageOf([], 4)).toEqual({ items: [], page: 0, pages: 1, from: 0, to: 0 });
  });
});

describe('normaliseSummary', () => {
  const t = (tenantId: string, up: number, down: number) => ({
    tenantId,
    new: 0,
    up,
    late: 0,
    down,
    paused: 0,
    total: up + down,
  });

  it('sums the staff summary across tenants', () => {
    const s = normaliseSummary({ tenants: [t('a', 4000, 10), t('b', 990, 0)], complete: true });
    expect(s.counts).toEqual({ new: 0, up: 4990, late: 0, down: 10, paused: 0, total: 5000 });
    expect(s.tenants.map((x) => [x.tenantId, x.counts.total])).toEqual([
      ['a', 4010],
      ['b', 990],
    ]);
    expect(s.complete).toBe(true);
  });

  it("takes a tenant's summary as that one tenant", () => {
    const { tenantId: _, ...counts } = t('x', 3, 1);
    const s = normaliseSummary(counts, 'fabrikam');
    expect(s.tenants).toEqual([{ tenantId: 'fabrikam', counts }]);
    expect(s.counts.total).toBe(4);
  });

  it('changes its key on a status change and a new deployment, not otherwise', () => {
    const key = (up: number, down: number) =>
      summaryKey(normaliseSummary({ tenants: [t('a', up, down)], complete: true }).tenants);
    expect(key(5, 1)).toBe(key(5, 1));
    expect(key(4, 2)).not.toBe(key(5, 1));
    expect(key(6, 1)).not.toBe(key(5, 1));
  });
});
