import type { CatalogTreeResponse } from '@kpi/web-ui/catalog';
import { flattenKpis } from '@kpi/web-ui/catalog';
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from '../ui/testing/browser-session';
import { apiGet, signIn, skipReason } from '../ui/testing/browser-stack';

if (skipReason) console.warn(`Client browser tests skipped: ${skipReason}`);

const vera = 'vera@contoso.example';

describe.skipIf(skipReason !== undefined)('Client UI in Chromium', () => {
  const session = useBrowserSession({ expectNoPageErrors: false });

  it('signs in and lists the KPIs available from the metadata API', async () => {
    const { stack, page, watch } = session;
    const kpis = flattenKpis((await apiGet<CatalogTreeResponse>(stack, 'metadata/tree', vera)).industries);
    expect(kpis.length).toBeGreaterThan(0);
    await signIn(page, stack.ui.client, vera);
    await page.getByRole('heading', { name: 'KPIs available' }).waitFor();
    await page.getByTestId('kpi-row').first().waitFor();
    expect(await page.getByTestId('kpi-row').count()).toBe(kpis.length);
    await page.getByText(kpis[0]!.name, { exact: true }).first().waitFor();

    await page.getByLabel('Filter KPIs').fill(kpis[0]!.name);
    await expect.poll(() => page.getByTestId('kpi-row').count()).toBeLessThanOrEqual(kpis.length);
    expect(await page.getByTestId('kpi-row').first().textContent()).toContain(kpis[0]!.name);
    expect(watch.errors).toEqual([]);
  });
});
