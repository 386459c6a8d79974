/**
 * The SOW and Demo pages in Chromium on the seeded configuration: an editor changes a rate and the total
 * follows, previews, generates a version and downloads its DOCX and PDF; a viewer sees the versions and
 * downloads but cannot generate; the demo page shows a tile per selected KPI.
 */
import { readFile } from 'node:fs/promises';
import type { ConfigurationView, DashboardPreview } from '@kpi/shared/contracts/demo-config';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from '../ui/testing/browser-session';
import { apiGet, rememberConfiguration, signIn, skipReason } from '../ui/testing/browser-stack';

if (skipReason) console.warn(`SOW browser tests skipped: ${skipReason}`);

const eddie = 'eddie@contoso.example';
const vera = 'vera@contoso.example';
const configurationId = 'contoso-plant-analytics';
const seeded = `demo-config/tenants/contoso/configurations/${configurationId}`;
const WAIT = { timeout: 30_000 };

describe.skipIf(skipReason !== undefined)('SOW and Demo pages in Chromium', () => {
  // The workspace remembers the chosen configuration per tenant: start on the seeded one.
  const session = useBrowserSession({
    acceptDownloads: true,
    prepareContext: (context) => rememberConfiguration(context, 'contoso', configurationId),
  });

  /** Clicks a download button and returns the saved file's name and bytes. */
  async function download(name: string): Promise<{ file: string; bytes: Buffer }> {
    const { page } = session;
    const [saved] = await Promise.all([
      page.waitForEvent('download', WAIT),
      page.getByRole('button', { name }).click(),
    ]);
    const path = await saved.path();
    return { file: saved.suggestedFilename(), bytes: await readFile(path) };
  }

  it('an editor edits the model, previews, generates a version and downloads DOCX and PDF', {
    timeout: 180_000,
  }, async () => {
    const { stack, page } = session;
    await signIn(page, stack.ui.config, eddie, '/sow');
    const total = page.getByTestId('estimate-total');
    await total.waitFor(WAIT);
    const before = (await total.textContent()) ?? '';
    expect(before).toMatch(/€[\d,]+/);

    const rate = page.getByLabel('Day rate: engineer');
    await rate.fill('2000');
    await expect.poll(() => total.textContent(), WAIT).not.toBe(before);
    const after = (await total.textContent()) ?? '';
    const amount = (s: string) => Number(s.replace(/[^\d.]/g, ''));
    expect(amount(after)).toBeGreaterThan(amount(before));
    // The page shows what the API computes for the same parameters.
    const expected = await fetch(`${stack.api}/${seeded}/estimate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await stack.token(eddie)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ parameters: { rateCard: { consultant: 1200, engineer: 2000, manager: 1300 } } }),
    }).then((r) => r.json() as Promise<{ estimate: { totals: { total: number } } }>);
    expect(amount(after)).toBe(Math.round(expected.estimate.totals.total));

    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const frame = page.locator('iframe[title="SOW preview"]');
    await frame.waitFor(WAIT);
    expect(await frame.getAttribute('sandbox')).toBe('');
    await page.frameLocator('iframe[title="SOW preview"]').getByText('Effort estimate').first().waitFor(WAIT);

    await page.getByRole('button', { name: 'Generate SOW' }).click();
    await page.getByText('Version 1 generated').waitFor(WAIT);
    const row = page.getByTestId('sow-version-1');
    await row.waitFor(WAIT);
    expect(await row.textContent()).toContain(eddie);
    expect(await row.textContent()).toContain(after);

    const docx = await download('Download version 1 as DOCX');
    expect(docx.file).toBe(`${configurationId}-sow-v1.docx`);
    expect(docx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const files = unzipSync(new Uint8Array(docx.bytes));
    expect(Object.keys(files)).toContain('word/document.xml');
    expect(strFromU8(files['word/document.xml'] as Uint8Array)).toContain('Effort estimate');
    const pdf = await download('Download version 1 as PDF');
    expect(pdf.file).toBe(`${configurationId}-sow-v1.pdf`);
    expect(pdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
  });

  it('a viewer sees the estimate, the versions and the downloads, but no Generate', {
    timeout: 120_000,
  }, async () => {
    const { stack, page } = session;
    await signIn(page, stack.ui.config, vera, '/sow');
    await page.getByTestId('estimate-total').waitFor(WAIT);
    await page.getByTestId('sow-version-1').waitFor(WAIT);
    expect(await page.getByRole('button', { name: 'Generate SOW' }).count()).toBe(0);
    const pdf = await download('Download version 1 as PDF');
    expect(pdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
  });

  it('the demo page shows a tile per selected KPI, grouped by value chain, for the chosen month', {
    timeout: 120_000,
  }, async () => {
    const { stack, page } = session;
    const configuration = await apiGet<ConfigurationView>(stack, seeded, vera);
    const preview = await apiGet<DashboardPreview>(stack, `${seeded}/dashboard-preview?month=2024-06`, vera);
    await signIn(page, stack.ui.config, vera, '/demo');
    const tiles = page.getByTestId('kpi-tile');
    await tiles.first().waitFor(WAIT);
    expect(await tiles.count()).toBe(configuration.selectedKpis.length);
    const names = await tiles.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect([...names].sort()).toEqual(preview.kpis.map((k) => k.name).sort());
    expect(await page.locator('[data-testid="kpi-tile"] svg path').count()).toBe(preview.kpis.length);
    expect(await page.getByRole('region').count()).toBeGreaterThanOrEqual(1);

    await page.getByRole('button', { name: 'Previous month' }).click();
    await page.getByTestId('demo-summary').getByText('May 2024').waitFor(WAIT);
  });

  it('vendor staff open a seeded demo tenant of another industry and see its dashboards', {
    timeout: 120_000,
  }, async () => {
    const { stack, context, page } = session;
    const ada = 'ada@vendor.example';
    const demo = 'demo-retail';
    const path = `demo-config/tenants/${demo}/configurations/${demo}-showcase`;
    const preview = await apiGet<DashboardPreview>(stack, `${path}/dashboard-preview`, ada);
    expect(preview.industryId).toBe('retail');
    await context.addInitScript(
      ([tenant, id]) => {
        if (window.top !== window) return;
        window.localStorage.setItem('kpi.config.tenant', tenant as string);
        window.localStorage.setItem(`kpi.config.configuration.${tenant}`, id as string);
      },
      [demo, `${demo}-showcase`],
    );
    await signIn(page, stack.ui.config, ada, '/demo');
    const tiles = page.getByTestId('kpi-tile');
    await tiles.first().waitFor(WAIT);
    expect(await tiles.count()).toBe(preview.kpis.length);
    await page.getByText(/on generated retail and consumer goods sample data/i).waitFor(WAIT);
  });
});
