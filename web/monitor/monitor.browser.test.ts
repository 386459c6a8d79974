import { describe, expect, it } from 'vitest';
import { useBrowserSession } from '../ui/testing/browser-session';
import { apiGet, signIn, skipReason } from '../ui/testing/browser-stack';
import type { EventsResponse, HealthResponse } from './src/monitoring-api';

if (skipReason) console.warn(`Monitor browser tests skipped: ${skipReason}`);

const sam = 'sam@vendor.example';
const olivia = 'olivia@contoso.example';

describe.skipIf(skipReason !== undefined)('Monitor UI in Chromium', () => {
  const session = useBrowserSession({ expectNoPageErrors: false });

  it('shows platform events and health to vendor staff and refreshes them live', async () => {
    const { stack, page, watch } = session;
    const events = await apiGet<EventsResponse>(stack, 'monitoring/events', sam);
    const health = await apiGet<HealthResponse>(stack, 'monitoring/health', sam);
    await signIn(page, stack.ui.monitor, sam);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Platform' }).click();
    await page.getByRole('heading', { name: 'Platform overview' }).waitFor();
    await page.getByRole('heading', { name: 'Platform events' }).waitFor();
    if (events.items.length > 0) {
      await page.getByTestId('event-row').first().waitFor();
      expect(await page.getByTestId('event-row').count()).toBeGreaterThanOrEqual(events.items.length);
      await page.getByText(events.items[0]!.type).first().waitFor();
    } else {
      await page.getByText('No events yet').waitFor();
    }
    if (health.items.length > 0) await page.getByTestId('health-row').first().waitFor();
    else await page.getByText('No health reports yet').waitFor();

    // Live: both lists are fetched again within the 10 s period, without a reload.
    const refreshed = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith('/monitoring/health'), { timeout: 15_000 }),
      page.waitForRequest((r) => r.url().endsWith('/monitoring/events'), { timeout: 15_000 }),
    ]);
    expect(refreshed).toHaveLength(2);
    expect(watch.errors).toEqual([]);
  });

  it('offers tenant users no Platform link and tells them the page is not for them (403)', async () => {
    const { stack, page, watch } = session;
    // The fleet at / is open to tenant owners (their own tenant); the platform page is vendor-only.
    await signIn(page, stack.ui.monitor, olivia, '/platform');
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Fleet' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Platform' }).count()).toBe(0);
    expect(await page.getByRole('alert').textContent()).toContain(olivia);
    // The refused calls are the only console errors.
    expect(watch.errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
  });
});
