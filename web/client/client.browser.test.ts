import type { CatalogTreeResponse } from '@kpi/web-ui/catalog';
import { flattenKpis } from '@kpi/web-ui/catalog';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import {
  apiGet,
  launchBrowser,
  signIn,
  skipReason,
  startUiStack,
  type UiStack,
  watchPage,
} from '../ui/testing/browser-stack';

if (skipReason) console.warn(`Client browser tests skipped: ${skipReason}`);

const vera = 'vera@contoso.example';

describe.skipIf(skipReason !== undefined)('Client UI in Chromium', () => {
  let stack: UiStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startUiStack();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('signs in and lists the KPIs available from the metadata API', async () => {
    const kpis = flattenKpis((await apiGet<CatalogTreeResponse>(stack, 'metadata/tree', vera)).industries);
    expect(kpis.length).toBeGreaterThan(0);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const watch = watchPage(page, stack.issuer);
    onTestFailed(async () => console.error(await watch.describe()));
    await signIn(page, stack.ui.client, vera);
    await page.getByRole('heading', { name: 'KPIs available' }).waitFor();
    await page.getByTestId('kpi-row').first().waitFor();
    expect(await page.getByTestId('kpi-row').count()).toBe(kpis.length);
    await page.getByText(kpis[0]!.name, { exact: true }).first().waitFor();

    await page.getByLabel('Filter KPIs').fill(kpis[0]!.name);
    await expect.poll(() => page.getByTestId('kpi-row').count()).toBeLessThanOrEqual(kpis.length);
    expect(await page.getByTestId('kpi-row').first().textContent()).toContain(kpis[0]!.name);
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
