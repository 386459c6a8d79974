/**
 * The Licences page as the licence e-mails' renewal link lands on it (`/licenses?license=<id>`), in Chromium,
 * on data made through the real API: a licence issued by ada, a deployment activated with it and validated
 * once online (so the page has a last validation to show).
 */
import type { LicenseView } from '@kpi/shared/contracts/license';
import { beforeAll, describe, expect, it } from 'vitest';
import { poll } from '../../functions/monitoring/monitoring-test-kit';
import { useBrowserSession } from '../ui/testing/browser-session';
import { apiCall, apiGet, signIn, skipReason, type UiStack } from '../ui/testing/browser-stack';

if (skipReason) console.warn(`Monitor licence browser tests skipped: ${skipReason}`);

const ada = 'ada@vendor.example';
const olivia = 'olivia@contoso.example';
const alex = 'alex@fabrikam.example';
const deploymentId = 'contoso-lic-edge';
const DAY = 86_400_000;

async function post(stack: UiStack, path: string, body: unknown, authorization: string) {
  const res = await fetch(`${stack.api}/${path}`, {
    method: 'POST',
    headers: { ...(authorization ? { authorization } : {}), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${path}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as unknown;
}

describe.skipIf(skipReason !== undefined)(
  'Monitor licences page: the renewal link lands on a licence',
  () => {
    const session = useBrowserSession({ expectNoPageErrors: false });
    let licenseId: string;

    beforeAll(async () => {
      const { stack } = session;
      const admin = `Bearer ${await stack.token(ada)}`;
      const issued = (await post(
        stack,
        'license/licenses',
        {
          tenantId: 'contoso',
          configurationId: 'cfg-lic-ui',
          kpiIds: ['revenue-growth'],
          edition: 'standard',
          maxDeployments: 2,
          expiresAt: new Date(Date.now() + 40 * DAY).toISOString().replace(/\.\d{3}Z$/, '.000Z'),
          graceDays: 14,
          contacts: ['olivia@contoso.example'],
        },
        admin,
      )) as { license: { id: string }; key: string };
      licenseId = issued.license.id;
      // The deployment activates (gets its credential once) and validates once online.
      const { credential } = (await post(
        stack,
        'license/activations',
        { key: issued.key, deploymentId },
        '',
      )) as { credential: string };
      await post(stack, 'license/validations', { key: issued.key, deploymentId }, `Deployment ${credential}`);
      await poll(
        'monitoring to track the licence',
        async () => {
          const list = await apiGet<{ items: { id: string }[] }>(stack, 'monitoring/licenses', ada);
          return list.items.some((l) => l.id === licenseId) ? true : undefined;
        },
        30_000,
      );
    }, 300_000);

    const row = () => session.page.locator(`[data-testid="license-row"][data-license-id="${licenseId}"]`);
    const panel = () => session.page.getByTestId('license-detail');
    const renewForm = () => session.page.getByRole('form', { name: 'Renew licence' });

    it('highlights the licence, shows its panel and last validation, and renews it (platform admin)', {
      timeout: 180_000,
    }, async () => {
      const { stack, page, watch } = session;
      await signIn(page, stack.ui.monitor, ada, `/licenses?license=${licenseId}`);
      await panel().waitFor({ timeout: 20_000 });
      expect(await row().getAttribute('data-selected')).toBe('true');
      // Scrolled to: the row lies inside the 800 px viewport.
      await expect
        .poll(
          async () => {
            const box = await row().boundingBox();
            // `nearest` aligns the row's bottom with the viewport's: allow sub-pixel rounding.
            return box !== null && box.y >= -1 && box.y + box.height <= 801 ? true : JSON.stringify(box);
          },
          { timeout: 10_000 },
        )
        .toBe(true);
      expect(await page.locator('[data-testid="timeline-bar"][data-selected="true"]').count()).toBe(1);
      expect(
        await page
          .locator('[data-testid="timeline-bar"][data-selected="true"]')
          .getAttribute('data-license-id'),
      ).toBe(licenseId);
      // Only that licence is highlighted.
      expect(await page.locator('[data-testid="license-row"][data-selected="true"]').count()).toBe(1);

      // Last validation: the one validation above, a moment ago (not "never").
      expect(await row().getByTestId('last-validation').textContent()).toMatch(/^\d+ (s|min) ago$/);
      const deployments = panel().getByRole('table', { name: 'Deployments of the licence' });
      const deploymentRow = deployments.getByRole('row').filter({ hasText: deploymentId });
      expect(await deploymentRow.textContent()).toMatch(/\d+ (s|min) ago/);
      expect(await panel().textContent()).toContain('olivia@contoso.example');
      expect(await page.getByTestId('detail-status').textContent()).toBe('expiring');

      // The API's refusal is shown with its code (a date in the past).
      const expiry = renewForm().getByLabel('New expiry date (UTC)');
      await expiry.fill('2020-01-01');
      await renewForm().getByRole('button', { name: 'Renew' }).click();
      await page.getByTestId('renew-error').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('renew-error').textContent()).toContain('LICENSE.TERM_INVALID');
      const provoked = watch.errors.filter((e) => /status of 422/.test(e));
      expect(provoked).toHaveLength(1);
      watch.errors.splice(0, watch.errors.length, ...watch.errors.filter((e) => !provoked.includes(e)));

      const newDate = new Date(Date.now() + 400 * DAY).toISOString().slice(0, 10);
      await expiry.fill(newDate);
      await renewForm().getByLabel('Grace days (optional)').fill('21');
      await renewForm().getByRole('button', { name: 'Renew' }).click();
      const expected = `${newDate}T00:00:00.000Z`;
      await page
        .locator(`[data-testid="detail-expiry"][data-expires-at="${expected}"]`)
        .waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('renew-error').count()).toBe(0);
      expect(await page.getByTestId('renew-done').textContent()).toContain('Renewed until');
      expect(await page.getByTestId('detail-status').textContent()).toBe('active');
      const view = await apiGet<LicenseView>(stack, `license/licenses/${licenseId}`, ada);
      expect([view.expiresAt, view.graceDays, view.status]).toEqual([expected, 21, 'active']);
      // The table follows once monitoring has tracked the renewal.
      await row().filter({ hasText: 'renewed' }).waitFor({ timeout: 30_000 });
      expect(watch.errors).toEqual([]);
    });

    it('a tenant owner sees the panel but no Renew form, and whom to ask', { timeout: 120_000 }, async () => {
      const { stack, page, watch } = session;
      await apiCall(stack, ada, 'PUT', 'monitoring/vendor/settings', {
        accountManagers: {
          default: 'accounts@vendor.example',
          byTenant: { contoso: 'maria@vendor.example' },
        },
      });
      await signIn(page, stack.ui.monitor, olivia, `/licenses?license=${licenseId}`);
      await panel().waitFor({ timeout: 20_000 });
      expect(await row().getAttribute('data-selected')).toBe('true');
      expect(await renewForm().count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Renew' }).count()).toBe(0);
      const contact = page.getByTestId('renew-contact');
      await expect
        .poll(() => contact.textContent(), { timeout: 20_000 })
        .toBe('To renew, contact your account manager: maria@vendor.example');
      expect(await contact.getByRole('link').getAttribute('href')).toBe('mailto:maria@vendor.example');
      expect(await row().getByTestId('last-validation').textContent()).toMatch(/ago$/);
      expect(watch.errors).toEqual([]);
    });

    it("another tenant's admin is told the licence is not found or not theirs", {
      timeout: 120_000,
    }, async () => {
      const { stack, page, watch } = session;
      await signIn(page, stack.ui.monitor, alex, `/licenses?license=${licenseId}`);
      await page.getByTestId('license-not-found').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('license-not-found').textContent()).toContain('not yours');
      expect(await page.getByTestId('license-detail').count()).toBe(0);
      expect(await page.getByTestId('license-row').count()).toBe(0);
      expect(watch.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    });
  },
);
