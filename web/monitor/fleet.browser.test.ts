import type { RemoteCommand } from '@kpi/shared/contracts/monitoring-command';
import type { HeartbeatInput, HeartbeatResponse } from '@kpi/shared/contracts/monitoring-heartbeat';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { heartbeat } from '../../functions/monitoring/monitoring-test-kit';
import { useBrowserSession } from '../ui/testing/browser-session';
import { apiGet, signIn, skipReason, type UiStack } from '../ui/testing/browser-stack';

if (skipReason) console.warn(`Fleet browser tests skipped: ${skipReason}`);

const ada = 'ada@vendor.example';
const sam = 'sam@vendor.example';
const alex = 'alex@fabrikam.example';

/**
 * A fleet made through the real API, as in production: a platform admin issues a licence per tenant, each
 * deployment activates with the licence key (licence service → deployment credential) and posts heartbeats
 * with that credential.
 */
class FleetMaker {
  private readonly keys = new Map<string, string>();
  private readonly credentials = new Map<string, string>();
  private seq = 0;
  constructor(private readonly stack: UiStack) {}

  private async call<T>(method: string, path: string, body: unknown, authorization?: string): Promise<T> {
    const res = await fetch(`${this.stack.api}/${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async licenseKey(tenantId: string): Promise<string> {
    const known = this.keys.get(tenantId);
    if (known) return known;
    const issued = await this.call<{ key: string }>(
      'POST',
      'license/licenses',
      {
        tenantId,
        configurationId: `cfg-${tenantId}-fleet`,
        kpiIds: ['revenue-growth'],
        edition: 'professional',
        maxDeployments: 20,
        expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
        contacts: [`ops@${tenantId}.example`],
      },
      `Bearer ${await this.stack.token(ada)}`,
    );
    this.keys.set(tenantId, issued.key);
    return issued.key;
  }

  /** Activates the deployment with its tenant's licence key: the licence service hands out its credential. */
  async activate(tenantId: string, deploymentId: string): Promise<void> {
    const key = await this.licenseKey(tenantId);
    const { credential } = await this.call<{ credential: string }>('POST', 'license/activations', {
      key,
      deploymentId,
    });
    this.credentials.set(deploymentId, `Deployment ${credential}`);
  }

  /** Posts a heartbeat with the deployment's credential. */
  heartbeat(deploymentId: string, over: Partial<HeartbeatInput> = {}): Promise<HeartbeatResponse> {
    const authorization = this.credentials.get(deploymentId);
    if (!authorization) throw new Error(`${deploymentId} is not activated`);
    this.seq++;
    // The kit's valid body, its uptime growing a minute a beat.
    const body = heartbeat(deploymentId, { uptimeSeconds: 3600 + this.seq * 60, ...over });
    return this.call<HeartbeatResponse>('POST', 'monitoring/heartbeats', body, authorization);
  }

  /** The deployment answers a command it received. */
  result(deploymentId: string, commandId: string, message: string): Promise<RemoteCommand> {
    return this.call<RemoteCommand>(
      'POST',
      `monitoring/commands/${commandId}/result`,
      { ok: true, message },
      this.credentials.get(deploymentId),
    );
  }

  /** The deployment answers a collect-diagnostics command with a bundle. */
  diagnostics(
    deploymentId: string,
    commandId: string,
    bundle: Record<string, unknown>,
  ): Promise<RemoteCommand> {
    return this.call<RemoteCommand>(
      'POST',
      `monitoring/commands/${commandId}/result`,
      { ok: true, message: 'bundle collected', diagnostics: bundle },
      this.credentials.get(deploymentId),
    );
  }

  /** Support issues a command through the API. */
  async issue(tenantId: string, deploymentId: string, kind: string, reason: string): Promise<RemoteCommand> {
    return this.call<RemoteCommand>(
      'POST',
      `monitoring/tenants/${tenantId}/deployments/${deploymentId}/commands`,
      { command: { kind }, reason },
      `Bearer ${await this.stack.token(sam)}`,
    );
  }

  /** A settings change as a staff user. */
  async settings(tenantId: string, deploymentId: string, body: unknown): Promise<void> {
    await this.call(
      'PUT',
      `monitoring/tenants/${tenantId}/deployments/${deploymentId}`,
      body,
      `Bearer ${await this.stack.token(sam)}`,
    );
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cellIds = (page: Page) =>
  page
    .getByTestId('grid-cell')
    .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-deployment-id') ?? ''));
const rowIds = (page: Page) =>
  page
    .getByTestId('deployment-row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-deployment-id') ?? ''));
type Counts = Record<'new' | 'up' | 'late' | 'down' | 'paused' | 'total', number>;
/** The count tiles as numbers (their `data-count`), keyed like the summary endpoints' counts. */
const tileCounts = (page: Page) =>
  page.getByTestId('status-counts').evaluate((el) => {
    const out: Record<string, number> = {};
    for (const t of el.querySelectorAll('[data-count]')) {
      out[(t.getAttribute('data-testid') ?? '').replace('count-', '')] = Number(t.getAttribute('data-count'));
    }
    return out;
  });
const domainOf = async (page: Page, testId: string) => {
  const chart = page.getByTestId(testId);
  const start = Date.parse((await chart.getAttribute('data-domain-start')) ?? '');
  const end = Date.parse((await chart.getAttribute('data-domain-end')) ?? '');
  return { start, end, width: end - start };
};

describe.skipIf(skipReason !== undefined)('Monitor fleet overview and deployment detail in Chromium', () => {
  const session = useBrowserSession();
  let fleet: FleetMaker;

  beforeAll(async () => {
    const { stack } = session;
    fleet = new FleetMaker(stack);
    for (const [tenant, id] of [
      ['contoso', 'contoso-fleet-a'],
      ['contoso', 'contoso-fleet-b'],
      ['fabrikam', 'fabrikam-fleet-a'],
      ['fabrikam', 'fabrikam-fleet-b'],
    ] as const) {
      await fleet.activate(tenant, id);
      await fleet.heartbeat(id, id.endsWith('-b') ? { appVersion: '1.5.0' } : {});
    }
    // A short history with changing metrics and errors for the charts.
    for (let i = 0; i < 8; i++) {
      await pause(400);
      await fleet.heartbeat('contoso-fleet-a', {
        process: { cpuPercent: 10 + i, memoryRssMb: 200 + i * 15, heapUsedMb: 100, eventLoopLagMs: 2 },
        requests: { count: 100 + i * 10, errors: i % 3, p50Ms: 20 + i, p95Ms: 120 + i * 40 },
        recentErrors:
          i % 2 === 0
            ? [{ key: 'DB.TIMEOUT', message: 'query timed out', count: 2, lastAt: new Date().toISOString() }]
            : [],
      });
    }
  }, 240_000);

  it('shows a tenant admin only their own fleet; support sees every tenant', {
    timeout: 120_000,
  }, async () => {
    const { stack, page } = session;
    await signIn(page, stack.ui.monitor, alex);
    await page.getByRole('heading', { name: 'Fleet', exact: true }).waitFor({ timeout: 20_000 });
    await page.getByTestId('grid-cell').first().waitFor({ timeout: 20_000 });
    expect((await cellIds(page)).sort()).toEqual(['fabrikam-fleet-a', 'fabrikam-fleet-b']);
    expect((await rowIds(page)).sort()).toEqual(['fabrikam-fleet-a', 'fabrikam-fleet-b']);
    expect(await page.getByTestId('count-total').textContent()).toContain('2');
    // Nothing of the other tenant anywhere: not in the grid, the table, the filters or the counts.
    expect((await page.content()).toLowerCase()).not.toContain('contoso');
    expect(await page.getByLabel('Tenant', { exact: true }).count()).toBe(0);

    // Hover shows name, version and last heartbeat.
    await page.locator('[data-testid="grid-cell"][data-deployment-id="fabrikam-fleet-b"]').hover();
    const tooltip = page.getByTestId('grid-tooltip');
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toMatch(/fabrikam-fleet-b.*Version 1\.5\.0.*Last heartbeat/s);

    // The counts are the tenant summary endpoint's, exactly.
    const tenantSummary = await apiGet<Counts>(stack, 'monitoring/tenants/fabrikam/fleet-summary', alex);
    expect(tenantSummary.total).toBeGreaterThanOrEqual(2);
    expect(await tileCounts(page)).toEqual(tenantSummary);

    // One tab stop in the grid (roving tabindex); the arrow keys move focus between cells.
    const cells = page.getByTestId('grid-cell');
    expect(await page.locator('[data-testid="grid-cell"][tabindex="0"]').count()).toBe(1);
    await cells.first().focus();
    await page.keyboard.press('ArrowRight');
    expect(await cells.nth(1).evaluate((el) => el === document.activeElement && el.tabIndex === 0)).toBe(
      true,
    );
    expect(await cells.first().getAttribute('tabindex')).toBe('-1');
    await tooltip.waitFor();

    // Support sees both tenants, counted per tenant, and can filter.
    const { context: staff, page: staffPage, watch: staffWatch } = await session.openPage();
    try {
      await signIn(staffPage, stack.ui.monitor, sam);
      await staffPage.getByTestId('grid-cell').first().waitFor({ timeout: 20_000 });
      const ids = await cellIds(staffPage);
      for (const id of ['contoso-fleet-a', 'contoso-fleet-b', 'fabrikam-fleet-a', 'fabrikam-fleet-b']) {
        expect(ids).toContain(id);
      }
      await staffPage.locator('[data-testid="tenant-counts"][data-tenant="contoso"]').waitFor();
      // Totals and per-tenant counts are the staff summary endpoint's.
      const summary = await apiGet<{ tenants: ({ tenantId: string } & Counts)[] }>(
        stack,
        'monitoring/fleet-summary',
        sam,
      );
      const sum = (k: keyof Counts) => summary.tenants.reduce((n, t) => n + t[k], 0);
      expect(await tileCounts(staffPage)).toEqual({
        total: sum('total'),
        new: sum('new'),
        up: sum('up'),
        late: sum('late'),
        down: sum('down'),
        paused: sum('paused'),
      });
      for (const t of summary.tenants) {
        expect(
          await staffPage
            .locator(`[data-testid="tenant-counts"][data-tenant="${t.tenantId}"]`)
            .getAttribute('data-total'),
        ).toBe(String(t.total));
      }
      await staffPage.getByLabel('Tenant', { exact: true }).selectOption('contoso');
      await staffPage.waitForFunction(() =>
        [...document.querySelectorAll('[data-testid="deployment-row"]')].every((r) =>
          r.getAttribute('data-deployment-id')?.startsWith('contoso-'),
        ),
      );
      await staffPage.getByLabel('Version').selectOption('1.5.0');
      await staffPage.waitForFunction(
        () => document.querySelectorAll('[data-testid="deployment-row"]').length === 1,
      );
      expect(await rowIds(staffPage)).toEqual(['contoso-fleet-b']);
      expect(staffPage.url()).toContain('tenant=contoso');
      await staffPage.getByLabel('Search').fill('no-such-deployment');
      await staffPage.getByText('No deployment matches').waitFor();
      // A row opens the deployment.
      await staffPage.getByRole('button', { name: 'Clear filters' }).click();
      await staffPage.getByRole('link', { name: 'contoso-fleet-b', exact: true }).click();
      await staffPage.getByTestId('deployment-id').getByText('contoso-fleet-b').waitFor({ timeout: 20_000 });
      expect(staffWatch.errors).toEqual([]);
    } finally {
      await staff.close();
    }
  });

  it('draws heartbeats and charts for a deployment; the brush zooms all three charts', {
    timeout: 120_000,
  }, async () => {
    const { stack, page } = session;
    await signIn(page, stack.ui.monitor, sam, '/deployment?tenant=contoso&id=contoso-fleet-a');
    await page.getByTestId('deployment-id').getByText('contoso-fleet-a').waitFor({ timeout: 20_000 });
    await page.getByTestId('heartbeat-tick').first().waitFor({ state: 'attached', timeout: 20_000 });
    expect(await page.getByTestId('heartbeat-tick').count()).toBe(9);
    expect(await page.locator('[data-testid="status-band"][data-status="up"]').count()).toBeGreaterThan(0);
    for (const id of ['chart-latency', 'chart-errors', 'chart-memory']) {
      await page.getByTestId(id).locator('path[data-series]').first().waitFor({ state: 'attached' });
    }
    expect(await page.getByTestId('chart-latency').locator('circle').count()).toBeGreaterThanOrEqual(18);
    // Errors are merged by key with their counts added up (2 in each of 4 heartbeats).
    const errorRow = page.getByTestId('error-row');
    await errorRow.first().waitFor();
    expect(await errorRow.count()).toBe(1);
    expect(await errorRow.locator('td').first().textContent()).toBe('DB.TIMEOUTquery timed out');
    expect(await errorRow.locator('td').nth(1).textContent()).toBe('8');
    expect(await page.getByText('1.4.2', { exact: true }).count()).toBeGreaterThan(0);

    const before = await domainOf(page, 'chart-latency');
    expect(before.width).toBeGreaterThan(0);
    // Brush the middle of the data (the overview's area spans the heartbeats).
    const overlay = page.locator('[data-testid="context-brush"] .overlay');
    await overlay.scrollIntoViewIfNeeded();
    const data = await page.getByTestId('chart-context').locator('path').first().boundingBox();
    const box = await overlay.boundingBox();
    if (!data || !box) throw new Error('no overview chart');
    const y = box.y + box.height / 2;
    await page.mouse.move(data.x + data.width * 0.25, y);
    await page.mouse.down();
    await page.mouse.move(data.x + data.width * 0.5, y, { steps: 5 });
    await page.mouse.move(data.x + data.width * 0.8, y, { steps: 5 });
    await page.mouse.up();
    await page.getByText('zoomed — double-click a chart to show all').waitFor();
    const zoomed = await domainOf(page, 'chart-latency');
    expect(zoomed.width).toBeLessThan(before.width * 0.6);
    expect(zoomed.start).toBeGreaterThan(before.start);
    // Only the heartbeats inside the brushed range are drawn as points (two series, 9 heartbeats in all).
    const dots = await page.getByTestId('chart-latency').locator('circle').count();
    expect(dots).toBeGreaterThan(0);
    expect(dots).toBeLessThan(18);
    // One shared domain: the three focus charts zoom together.
    expect(await domainOf(page, 'chart-errors')).toEqual(zoomed);
    expect(await domainOf(page, 'chart-memory')).toEqual(zoomed);
    // The timeline strip outlines the zoomed range.
    expect(await page.getByTestId('timeline-zoom').count()).toBe(1);

    await page.getByTestId('chart-memory').locator('svg').dblclick();
    await page.getByText('drag across the overview to zoom').waitFor();
    const reset = await domainOf(page, 'chart-latency');
    expect(reset.width).toBeGreaterThanOrEqual(before.width);
    expect(await page.getByTestId('timeline-zoom').count()).toBe(0);
  });

  it('shows a new deployment and a status change live, without a reload', { timeout: 150_000 }, async () => {
    const { stack, page } = session;
    await signIn(page, stack.ui.monitor, sam);
    await page.getByTestId('grid-cell').first().waitFor({ timeout: 20_000 });
    await page.evaluate(() => {
      (window as unknown as { fleetTestMarker: boolean }).fleetTestMarker = true;
    });
    expect(await cellIds(page)).not.toContain('fabrikam-live');

    await fleet.activate('fabrikam', 'fabrikam-live');
    // Register it with a short period and no grace, so the sweep marks it late/down within a minute.
    await fleet.settings('fabrikam', 'fabrikam-live', {
      periodSeconds: 10,
      graceSeconds: 0,
      name: 'Live one',
    });
    await fleet.heartbeat('fabrikam-live');
    const cell = page.locator('[data-testid="grid-cell"][data-deployment-id="fabrikam-live"]');
    await page
      .locator('[data-testid="grid-cell"][data-deployment-id="fabrikam-live"][data-status="up"]')
      .waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: 'Live one', exact: true }).waitFor();

    // No heartbeat follows: the status changes on the page as the sweep (every minute) notices.
    await page.waitForFunction(
      () => {
        const c = document.querySelector('[data-testid="grid-cell"][data-deployment-id="fabrikam-live"]');
        return c && c.getAttribute('data-status') !== 'up';
      },
      undefined,
      { timeout: 110_000 },
    );
    expect(['late', 'down']).toContain(await cell.getAttribute('data-status'));
    expect(
      await page.evaluate(() => (window as unknown as { fleetTestMarker?: boolean }).fleetTestMarker),
    ).toBe(true);
  });

  it('lets support issue a ping and see its result; a tenant admin sees commands but no form', {
    timeout: 120_000,
  }, async () => {
    const { stack, page } = session;
    await signIn(page, stack.ui.monitor, sam, '/deployment?tenant=contoso&id=contoso-fleet-b');
    const form = page.getByRole('form', { name: 'Issue a remote command' });
    await form.waitFor({ timeout: 20_000 });
    await page.getByText('No commands yet').waitFor();
    await form.getByLabel('Command').selectOption('ping');
    await form.getByLabel('Reason').fill('Connectivity check after network change');
    await form.getByRole('button', { name: 'Issue command' }).click();
    const row = page.locator('[data-testid="command-row"][data-kind="ping"]');
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getAttribute('data-state')).toBe('pending');
    expect(await row.textContent()).toContain('Connectivity check after network change');
    expect(await row.textContent()).toContain(sam);

    // The deployment picks it up with its next heartbeat and answers; the page shows the result live.
    const answer = await fleet.heartbeat('contoso-fleet-b');
    const delivered = answer.commands.find((c) => c.command.kind === 'ping');
    expect(delivered).toBeDefined();
    await fleet.result('contoso-fleet-b', delivered?.id ?? '', 'pong in 3 ms');
    await page
      .locator('[data-testid="command-row"][data-kind="ping"][data-state="succeeded"]')
      .waitFor({ timeout: 20_000 });
    await page.getByText('pong in 3 ms').waitFor();

    // Diagnostics: issued from the form, answered with a bundle, downloaded from the list.
    const form2 = page.getByRole('form', { name: 'Issue a remote command' });
    await form2.getByLabel('Command').selectOption('collect-diagnostics');
    await form2.getByLabel('Reason').fill('Slow dashboards reported');
    await form2.getByRole('button', { name: 'Issue command' }).click();
    await page
      .locator('[data-testid="command-row"][data-kind="collect-diagnostics"]')
      .waitFor({ timeout: 20_000 });
    const next = await fleet.heartbeat('contoso-fleet-b');
    const collect = next.commands.find((c) => c.command.kind === 'collect-diagnostics');
    expect(collect).toBeDefined();
    await fleet.diagnostics('contoso-fleet-b', collect?.id ?? '', { heapMb: 123, node: 'v20' });
    const download = page
      .locator('[data-testid="command-row"][data-kind="collect-diagnostics"]')
      .getByRole('button', { name: 'Download diagnostics' });
    await download.waitFor({ timeout: 20_000 });
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toBe(`diagnostics-${collect?.id}.json`);
    const path = await file.path();
    const { readFile } = await import('node:fs/promises');
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ heapMb: 123, node: 'v20' });

    // What support runs on a fabrikam deployment shows to fabrikam's admin.
    await fleet.issue('fabrikam', 'fabrikam-fleet-a', 'refresh-catalog', 'Catalog 2026.11.2 published');

    // A tenant admin sees what ran on their deployments, but cannot issue commands.
    const { context: tenant, page: tenantPage, watch: tenantWatch } = await session.openPage();
    try {
      await signIn(tenantPage, stack.ui.monitor, alex, '/deployment?tenant=fabrikam&id=fabrikam-fleet-a');
      await tenantPage.getByRole('heading', { name: 'Remote commands' }).waitFor({ timeout: 20_000 });
      await tenantPage.getByTestId('heartbeat-tick').first().waitFor({ state: 'attached', timeout: 20_000 });
      const seen = tenantPage.locator('[data-testid="command-row"][data-kind="refresh-catalog"]');
      await seen.waitFor({ timeout: 20_000 });
      expect(await seen.textContent()).toContain('Catalog 2026.11.2 published');
      expect(await tenantPage.getByRole('form', { name: 'Issue a remote command' }).count()).toBe(0);
      expect(await tenantPage.getByRole('button', { name: 'Issue command' }).count()).toBe(0);
      // Settings stay editable for the tenant's admin.
      await tenantPage.getByRole('button', { name: 'Edit settings' }).click();
      await tenantPage.getByLabel('Grace (s)').fill('240');
      await tenantPage.getByRole('button', { name: 'Save settings' }).click();
      await tenantPage.getByTestId('timing').getByText('1 min · 4 min').waitFor({ timeout: 15_000 });
      // Another tenant's deployment is refused, not shown.
      await tenantPage.evaluate(() => {
        window.history.pushState(null, '', '/deployment?tenant=contoso&id=contoso-fleet-a');
        window.dispatchEvent(new PopStateEvent('popstate'));
      });
      await tenantPage.getByRole('heading', { name: 'Not allowed' }).waitFor({ timeout: 20_000 });
      expect((await tenantPage.content()).includes('query timed out')).toBe(false);
      expect(tenantWatch.errors).toEqual([]);
    } finally {
      await tenant.close();
    }
  });
});
