/**
 * The Client UI's dashboards in Chromium against one licensed client deployment (testing/client-world.ts)
 * whose lake this file writes (testing/deployment-lake.ts) and whose calculation it triggers (POST
 * calculation/recompute as the owner): tiles with values and bands for the entitled KPIs only, the KPI
 * detail with its chart and drill-down, the CSV export's name and content, and a recompute that changes a
 * tile in place without a reload.
 */
import { readFile } from 'node:fs/promises';
import type { KpiResult, KpiResultList } from '@kpi/shared/contracts/calculation';
import type { KpiList } from '@kpi/shared/contracts/client-app';
import { exportFileName } from '@kpi/web-ui/export';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserSession } from '../ui/testing/browser-session';
import { signIn, skipReason } from '../ui/testing/browser-stack';
import { type ClientSite, type ClientWorld, clientGet, KPIS, startClientSites } from './testing/client-world';
import { DeploymentLake } from './testing/deployment-lake';

if (skipReason) console.warn(`Dashboard browser tests skipped: ${skipReason}`);

const OLIVIA = 'olivia@contoso.example'; // owner
const VERA = 'vera@contoso.example'; // viewer
const DAY = 86_400_000;
// The calculation app caches lake files by deployment and path in the machine's temp folder, across runs:
// file names unique to this run keep an earlier run's files out.
const run = Date.now().toString(36);
/** A number as the tiles print it (thousands separators, a typographic minus). */
const shownNumber = (text: string | null) => Number(text?.replace(/,/g, '').replace('\u2212', '-'));
const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
const start = today - 400 * DAY;
const CARRIERS = [
  { id: 'k-1', mode: 'road' },
  { id: 'k-2', mode: 'parcel' },
];

/** expect.poll with a timeout for a loaded machine (the change feed is polled every 5 s). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 60_000, interval: 250 });

const shipments = (from: number, days: number, prefix: string, late: boolean) =>
  Array.from({ length: days }, (_, i) => {
    const t = from + i * DAY + 8 * 3_600_000;
    return {
      id: `${prefix}-${i}`,
      customerId: 'c-1',
      carrierId: CARRIERS[i % 2]!.id,
      mode: CARRIERS[i % 2]!.mode,
      originId: 's-1',
      shippedAt: t,
      promisedAt: t + 2 * DAY,
      deliveredAt: t + (late || i % 4 === 0 ? 3 : 1) * DAY,
      isInFull: !late && i % 6 !== 0,
    };
  });

const lines = (from: number, days: number) =>
  Array.from({ length: days }, (_, i) => {
    const net = 50 + (i % 17) * 10;
    return {
      id: `l-${i}`,
      orderId: `o-${i}`,
      productId: i % 3 === 0 ? 'p-a' : 'p-b',
      orderedAt: from + i * DAY + 9 * 3_600_000,
      quantity: 1,
      netAmount: net,
      costAmount: net * (i % 4 === 0 ? 0.8 : 0.55),
    };
  });

type World = Awaited<ReturnType<typeof startDashboardWorld>>;
const startDashboardWorld = () => startClientSites(['full']);

describe.skipIf(skipReason !== undefined)('Client dashboards in Chromium', { timeout: 120_000 }, () => {
  const session = useBrowserSession<World>({ start: startDashboardWorld, acceptDownloads: true });
  let site: ClientSite;
  let kpis: KpiList;

  const calc = async (method: string, path: string, email: string) => {
    const token = await session.stack.vendor.token(email, { ttlSeconds: 3600 });
    const res = await fetch(`${site.deployment.api}/calculation/${path}`, {
      method,
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  };
  const newest = async (kpiId: string): Promise<KpiResult> => {
    const list = (await calc('GET', `results?grain=month&kpis=${kpiId}`, VERA)) as KpiResultList;
    return list.items.sort((a, b) => (a.periodKey < b.periodKey ? -1 : 1)).at(-1)!;
  };

  beforeAll(async () => {
    site = session.stack.full;
    const world = session.stack as Pick<ClientWorld, 'vendor'>;
    // client-app serves the KPIs once it has stored the snapshot the calculation app reads too.
    for (let end = Date.now() + 120_000; ; ) {
      const list = await clientGet<KpiList>(world, site, 'kpis', VERA).catch(() => undefined);
      if (list) {
        kpis = list;
        break;
      }
      if (Date.now() > end) throw new Error('the deployment never served its KPIs');
      await new Promise((r) => setTimeout(r, 500));
    }
    const lake = await DeploymentLake.open(site.deployment);
    try {
      await lake.load('Shipment', `shp-1-${run}`, shipments(start, 401, 's1', false));
      await lake.load('SalesOrderLine', `sol-1-${run}`, lines(start, 401));
    } finally {
      await lake.close();
    }
    const summary = await calc('POST', 'recompute', OLIVIA);
    expect(summary).toMatchObject({ kind: 'full', kpis: KPIS.length, errors: 0 });
  }, 300_000);

  it('home: a tile per entitled KPI with its value and band, grouped, with the data freshness', async () => {
    const { page } = session;
    await signIn(page, site.ui, VERA, '/dashboards');
    await page.getByRole('heading', { name: 'Dashboards', level: 1 }).waitFor();
    const tiles = page.getByTestId('kpi-tile');
    await poll(() => tiles.count()).toBe(KPIS.length);
    const ids = await page
      .locator('[data-kpi-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-kpi-id')));
    expect([...ids].sort()).toEqual([...KPIS].sort());
    // Only entitled KPIs: revenue-growth reads net-revenue, which the licence does not include.
    expect(ids).not.toContain('net-revenue');
    for (const id of KPIS) {
      const r = await newest(id);
      const cell = page.locator(`[data-kpi-id="${id}"]`);
      await poll(() => cell.getAttribute('data-status')).toBe(r.status);
      expect(['good', 'warning', 'critical']).toContain(r.status);
      expect(await cell.getByTestId('kpi-tile').getAttribute('data-band')).toBe(r.status);
      const value = await cell.getByTestId('kpi-value').textContent();
      expect(value).not.toBe('—');
      expect(shownNumber(value)).toBeCloseTo(r.value!, 0);
      expect(await cell.getByTestId('kpi-band').textContent()).toMatch(/On target|Watch|Off target/);
      expect(await cell.locator('svg[role="img"]').count()).toBe(1); // the sparkline
    }
    const groups = await page.locator('section[aria-label] > h2').allTextContents();
    expect(groups.sort()).toEqual(['Delivery', 'Margin', 'Revenue']);
    expect(await page.getByTestId('freshness').textContent()).toContain('Last computed');
    // Quarters: the picker reads the other grain without leaving the page.
    await page.getByTestId('grain-picker').selectOption('quarter');
    await poll(() => page.getByTestId('period-picker').locator('option').nth(1).textContent()).toMatch(
      /^Q[1-4] \d{4}$/,
    );
    await poll(() => page.locator('[data-status="none"]').count()).toBe(0);
  });

  it('detail: the time series with target, bands and last year, a drill-down, and a CSV named per export rules', async () => {
    const { page } = session;
    const otif = kpis.items.find((k) => k.id === 'otif-rate')!;
    await signIn(page, site.ui, VERA, '/dashboards');
    await page.getByRole('link', { name: `Details of ${otif.name}` }).click();
    await page.getByRole('heading', { name: otif.name, level: 1 }).waitFor();
    const chart = page.getByTestId('kpi-chart');
    await chart.getByTestId('value-line').waitFor();
    await chart.getByTestId('target-line').waitFor();
    await chart.getByTestId('previous-year-line').waitFor();
    expect(await chart.locator('rect[data-band]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('kpi-formula').textContent()).toBe(otif.formula);

    // Drill-down by the KPI's own fields first (mode); pressing a member filters to it.
    const breakdown = page.getByTestId('breakdown');
    await breakdown.waitFor();
    expect(await page.getByTestId('dimension-picker').inputValue()).toBe('Shipment.mode');
    await poll(() =>
      breakdown
        .locator('tbody th')
        .allTextContents()
        .then((t) => t.sort()),
    ).toEqual(['parcel', 'road']);
    await breakdown.getByRole('button', { name: 'road', exact: true }).click();
    await poll(() => page.getByTestId('breakdown-selection').textContent()).toMatch(
      /^Filtered to road: .+ from \d+ records\.$/,
    );

    const r = await newest('otif-rate');
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `SVG of ${otif.name} by month` }).click(),
    ]);
    expect(svg.suggestedFilename()).toBe(
      exportFileName(
        { tenant: 'contoso', dashboard: otif.name, part: 'by month', period: r.periodKey },
        'svg',
      ),
    );
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `PNG of ${otif.name} by month` }).click(),
    ]);
    expect(png.suggestedFilename()).toMatch(/^contoso_.+_by-month_\d{4}-\d{2}\.png$/);
    const bytes = await readFile((await png.path())!);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    const drawing = await readFile((await svg.path())!, 'utf8');
    expect(drawing).toMatch(/^<\?xml/);
    expect(drawing).toContain(`<title>${otif.name.replace(/&/g, '&amp;')} by month</title>`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `CSV of ${otif.name} by month` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(
      exportFileName(
        { tenant: 'contoso', dashboard: otif.name, part: 'by month', period: r.periodKey },
        'csv',
      ),
    );
    const text = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const rows = text.trim().split('\r\n');
    expect(rows[0]).toBe('kpi,grain,period,period_start,period_end,value,unit,target,status,last_year');
    expect(rows).toHaveLength(1 + 25);
    expect(rows.at(-1)?.startsWith(`otif-rate,month,${r.periodKey},`)).toBe(true);
    expect(Number(rows.at(-1)?.split(',')[5])).toBeCloseTo(r.value!, 6);
  });

  it('live: a recompute with new data changes the tile in place, with a marker and no reload', async () => {
    const { page } = session;
    await signIn(page, site.ui, OLIVIA, '/dashboards');
    const cell = page.locator('[data-kpi-id="otif-rate"]');
    await poll(() => cell.getAttribute('data-status')).not.toBe('none');
    const before = await cell.getByTestId('kpi-value').textContent();
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });

    const lake = await DeploymentLake.open(site.deployment);
    try {
      await lake.load(
        'Shipment',
        `shp-late-${run}`,
        shipments(today, 1, 'late', true).flatMap((s) =>
          Array.from({ length: 20 }, (_, i) => ({ ...s, id: `${s.id}-${i}` })),
        ),
      );
    } finally {
      await lake.close();
    }
    await calc('POST', 'recompute', OLIVIA);
    const after = await newest('otif-rate');
    await poll(() => cell.getAttribute('data-updated')).toBe('true');
    const shown = await cell.getByTestId('kpi-value').textContent();
    expect(shown).not.toBe(before);
    expect(shownNumber(shown)).toBeCloseTo(after.value!, 0);
    expect(await cell.getByRole('status').textContent()).toBe('Updated');
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
      true,
    );
    // The marker is brief.
    await poll(() => cell.getAttribute('data-updated')).toBeNull();
  });

  it('a KPI whose calculation fails says so on its tile; the others keep their values', async () => {
    const { page } = session;
    const lake = await DeploymentLake.open(site.deployment);
    try {
      await lake.loadUnreadable('Shipment', `shp-bad-${run}`);
    } finally {
      await lake.close();
    }
    expect(await calc('POST', 'recompute', OLIVIA)).toMatchObject({ kind: 'full', errors: 1 });
    expect((await newest('otif-rate')).status).toBe('error');
    await signIn(page, site.ui, VERA, '/dashboards');
    const otif = page.locator('[data-kpi-id="otif-rate"]');
    await poll(() => otif.getAttribute('data-status')).toBe('error');
    expect(await otif.getByTestId('kpi-note').textContent()).toMatch(/^Could not compute: .+/);
    expect(await otif.getByTestId('kpi-value').textContent()).toBe('—');
    const margin = page.locator('[data-kpi-id="gross-margin"]');
    expect(await margin.getAttribute('data-status')).toMatch(/^(good|warning|critical)$/);
    expect(await margin.getByTestId('kpi-note').count()).toBe(0);
  });
});
