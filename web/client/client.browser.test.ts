/**
 * The Client UI in Chromium against client deployments in each licence state (web/client/testing/
 * client-world.ts): full, grace, refused, a renewed key pasted by an admin, and what a viewer may see.
 */
import type { KpiList } from '@kpi/shared/contracts/client-app';
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from '../ui/testing/browser-session';
import { signIn, skipReason } from '../ui/testing/browser-stack';
import {
  type ClientWorld,
  clientGet,
  inDays,
  KPIS,
  signInAhead,
  startClientWorld,
} from './testing/client-world';

if (skipReason) console.warn(`Client browser tests skipped: ${skipReason}`);

const OLIVIA = 'olivia@contoso.example'; // owner
const VERA = 'vera@contoso.example'; // viewer

/** expect.poll with a timeout for a loaded machine (the default is 1 s). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

/** Takes the browser's own log lines of answers a test provoked on purpose out of the page's errors. */
function dropExpected(errors: string[], status: number): void {
  const expected = `status of ${status}`;
  for (let i = errors.length - 1; i >= 0; i--) if (errors[i]?.includes(expected)) errors.splice(i, 1);
}

describe.skipIf(skipReason !== undefined)('Client UI in Chromium', () => {
  const session = useBrowserSession<ClientWorld>({ start: startClientWorld });

  it('full: the owner signs in and sees the entitled KPIs from the snapshot, with their definitions', async () => {
    const { stack: world, page } = session;
    const site = world.full;
    const served = await clientGet<KpiList>(world, site, 'kpis', OLIVIA);
    expect(served.items.map((k) => k.id)).toEqual([...KPIS].sort());

    await signIn(page, site.ui, OLIVIA);
    await page.getByRole('heading', { name: 'Your KPIs' }).waitFor();
    await poll(() => page.getByTestId('kpi-row').count()).toBe(KPIS.length);
    expect(await page.getByTestId('kpi-row').evaluateAll((rows) => rows.map((r) => r.dataset.kpiId))).toEqual(
      served.items.map((k) => k.id),
    );
    expect(await page.getByTestId('catalog-summary').textContent()).toContain(served.catalogVersion);
    expect(await page.getByTestId('license-banner').count()).toBe(0);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['KPIs', 'Dashboards', 'Data', 'Licence']);

    // Search narrows the list; a KPI opens its definition.
    const kpi = served.items.find((k) => k.id === 'otif-rate') ?? served.items[0]!;
    await page.getByLabel('Search KPIs').fill(kpi.name);
    await poll(() => page.getByTestId('kpi-row').count()).toBe(1);
    await page.getByRole('link', { name: kpi.name }).click();
    await page.getByRole('heading', { name: kpi.name, level: 1 }).waitFor();
    expect(await page.getByTestId('kpi-formula').textContent()).toBe(kpi.formula);
    expect(await page.getByTestId('kpi-detail').textContent()).toContain(kpi.description);
    for (const o of kpi.requirements.objects)
      await page.getByRole('list', { name: 'Required objects' }).getByText(o.name, { exact: true }).waitFor();

    // The licence page: state, validation history and the key form for the owner.
    await nav.getByRole('link', { name: 'Licence' }).click();
    await page.getByRole('heading', { name: 'Licence', level: 1 }).waitFor();
    expect(await page.getByTestId('license-state').textContent()).toBe('Licensed');
    expect(await page.getByTestId('license-vendor').textContent()).toBe('Reachable');
    const entitled = page.getByTestId('entitled-kpis').getByRole('link');
    await poll(() => entitled.allTextContents()).toEqual(served.items.map((k) => k.name));
    expect(await entitled.evaluateAll((links) => links.map((a) => a.dataset.kpiId))).toEqual(
      [...KPIS].sort(),
    );
    await page.getByTestId('validation-row').first().waitFor();
    expect(await page.getByRole('table', { name: 'Validation history' }).textContent()).toContain(
      'Activation',
    );
    await page.getByLabel('Renewed licence key').waitFor();
  });

  it('viewer: reads the KPIs and the licence state, but gets no key form, history or Data page', async () => {
    const { stack: world, page } = session;
    await signIn(page, world.full.ui, VERA, '/licence');
    await page.getByTestId('license-state').waitFor();
    expect(await page.getByTestId('license-state').textContent()).toBe('Licensed');
    await page.getByTestId('license-admin-note').waitFor();
    expect(await page.getByLabel('Renewed licence key').count()).toBe(0);
    expect(await page.getByRole('table', { name: 'Validation history' }).count()).toBe(0);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['KPIs', 'Dashboards', 'Licence']);
    await nav.getByRole('link', { name: 'Dashboards' }).click();
    // Viewers read the dashboards: a tile per entitled KPI (values: dashboards.browser.test.ts).
    await page.getByRole('heading', { name: 'Dashboards', level: 1 }).waitFor();
    await poll(() => page.getByTestId('kpi-tile').count()).toBe(KPIS.length);
  });

  it('grace: every page shows the days left in a banner and the data is still served', async () => {
    const { stack: world, page } = session;
    await signInAhead(page, world, world.grace, VERA);
    await page.getByTestId('license-banner').waitFor();
    expect(await page.getByTestId('license-banner').getAttribute('role')).toBe('status');
    expect(await page.getByTestId('license-banner').textContent()).toContain('20 days left');
    await poll(() => page.getByTestId('kpi-row').count()).toBe(KPIS.length);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Licence' }).click();
    expect(await page.getByTestId('license-state').textContent()).toBe('Grace period');
    expect(await page.getByTestId('license-days-left').textContent()).toBe('20 days of grace');
    expect(await page.getByTestId('license-banner').textContent()).toContain('20 days left');
  });

  it('refused: data pages are locked with the reason in words; the licence page still answers', async () => {
    const { stack: world, page, watch } = session;
    const site = world.refused;
    await signIn(page, site.ui, VERA);
    await page.getByTestId('locked-page').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('The KPI catalog is locked');
    expect(await page.getByTestId('locked-reason').textContent()).toBe('LICENSE.SIGNATURE_INVALID');
    expect(await page.getByTestId('locked-page').textContent()).toContain('The licence key is not genuine');
    expect(await page.getByTestId('locked-page').textContent()).toContain('Ask your administrator');
    // Keyboard and screen readers land on the explanation; the banner is an alert.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('locked-title');
    expect(await page.getByTestId('license-banner').getAttribute('role')).toBe('alert');
    expect(await page.getByTestId('kpi-row').count()).toBe(0);

    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Dashboards' }).click();
    await page.getByRole('heading', { name: 'Dashboards is locked', level: 1 }).waitFor();
    await nav.getByRole('link', { name: 'Licence' }).click();
    await page.getByTestId('license-state').waitFor();
    expect(await page.getByTestId('license-state').textContent()).toBe('Refused');
    expect(await page.getByTestId('license-reason').textContent()).toBe('LICENSE.SIGNATURE_INVALID');
    dropExpected(watch.errors, 403);

    // An owner is told to paste a renewed key, and sees the form.
    const owner = await session.openPage();
    try {
      await signIn(owner.page, site.ui, OLIVIA, '/licence');
      await owner.page.getByTestId('license-state').waitFor();
      await owner.page.getByLabel('Renewed licence key').waitFor();
      await owner.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'KPIs' }).click();
      await owner.page.getByTestId('locked-page').waitFor();
      expect(await owner.page.getByTestId('locked-page').textContent()).toContain(
        'Paste a renewed licence key',
      );
      dropExpected(owner.watch.errors, 403);
      expect(owner.watch.errors).toEqual([]);
    } finally {
      await owner.context.close();
    }
  });

  it('renewed key: an owner pastes it, a bad one is refused with its code, and the banner clears without a reload', async () => {
    const { stack: world, page, watch } = session;
    const site = world.grace;
    await signInAhead(page, world, site, OLIVIA, '/licence');
    await page.getByTestId('license-banner').waitFor();
    // Marks this document: a reload would lose it.
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    const renewed = (await (
      await fetch(`${world.vendor.urls.api}/license/licenses/${site.licenseId}/renew`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await world.vendor.token('ada@vendor.example')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ expiresAt: inDays(400) }),
      })
    ).json()) as { key: string };

    const field = page.getByLabel('Renewed licence key');
    await field.fill(`${renewed.key.slice(0, -4)}AAAA`);
    await page.getByRole('button', { name: 'Install key' }).click();
    await page.getByTestId('renew-error').waitFor();
    expect(await page.getByTestId('renew-error-code').textContent()).toBe('LICENSE.SIGNATURE_INVALID');
    expect(await page.getByTestId('renew-error').textContent()).toContain('Nothing was changed');
    expect(await page.getByTestId('license-state').textContent()).toBe('Grace period');
    await page.getByTestId('license-banner').waitFor();
    dropExpected(watch.errors, 422);

    await field.fill(renewed.key);
    await page.getByRole('button', { name: 'Install key' }).click();
    await page.getByTestId('renew-success').waitFor();
    await poll(() => page.getByTestId('license-banner').count()).toBe(0);
    expect(await page.getByTestId('license-state').textContent()).toBe('Licensed');
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
      true,
    );
    // The history shows the installed key.
    await poll(() => page.getByRole('table', { name: 'Validation history' }).textContent()).toContain(
      'Key installed',
    );
    // And the data pages serve without a banner.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'KPIs' }).click();
    await poll(() => page.getByTestId('kpi-row').count()).toBe(KPIS.length);
    expect(await page.getByTestId('license-banner').count()).toBe(0);
  });
});
