/**
 * The Settings page and the Outbox's HTML view in Chromium. Data made through the real API: vendor support
 * contacts (ada), a licence and an activated contoso deployment whose missed heartbeat opens an alert, so
 * the mailer sends a real e-mail that the outbox shows.
 */
import type { NotificationRecord } from '@kpi/shared/contracts/monitoring-notification';
import type { MonitoringSettings } from '@kpi/shared/contracts/monitoring-rules';
import { beforeAll, describe, expect, it } from 'vitest';
import { poll } from '../../functions/monitoring/monitoring-test-kit';
import { useBrowserSession } from '../ui/testing/browser-session';
import { apiCall, apiGet, signIn, skipReason } from '../ui/testing/browser-stack';
import { missHeartbeat } from '../ui/testing/missed-heartbeat';

if (skipReason) console.warn(`Monitor settings browser tests skipped: ${skipReason}`);

const ada = 'ada@vendor.example';
const sam = 'sam@vendor.example';
const olivia = 'olivia@contoso.example';
const vera = 'vera@contoso.example';
const deploymentId = 'contoso-settings-edge';

describe.skipIf(skipReason !== undefined)('Monitor settings and outbox HTML in Chromium', () => {
  const session = useBrowserSession({ expectNoPageErrors: false });
  let sentMail: NotificationRecord;

  beforeAll(async () => {
    const { stack } = session;
    // Vendor support is e-mailed about every tenant's alerts.
    await apiCall(stack, ada, 'PUT', 'monitoring/vendor/contacts', {
      emails: ['support@vendor.example'],
      severities: ['critical', 'warning', 'info'],
    });
    await missHeartbeat(stack, {
      deploymentId,
      configurationId: 'cfg-settings-test',
      expiresInDays: 200,
      contacts: ['it@contoso.example'],
    });
    sentMail = await poll(
      'the alert e-mail in the outbox',
      async () => {
        const list = await apiGet<{ items: NotificationRecord[] }>(
          stack,
          'monitoring/tenants/contoso/notifications',
          olivia,
        );
        return list.items.find((r) => r.status === 'sent' && r.kind === 'opened');
      },
      60_000,
    );
  }, 300_000);

  it('an owner changes a threshold and a contact; API errors show on their fields', {
    timeout: 120_000,
  }, async () => {
    const { stack, page, watch } = session;
    await signIn(page, stack.ui.monitor, olivia, '/settings');
    const form = page.getByRole('form', { name: 'Settings of contoso' });
    await form.waitFor({ timeout: 20_000 });
    // The built-in default is shown beside the blank field.
    const latencyRow = form.locator('tr[data-threshold="latencyP95Ms"]');
    expect(await latencyRow.getByTestId('threshold-default').textContent()).toBe('2000 ms');
    expect(await page.getByRole('form', { name: 'Vendor settings' }).count()).toBe(0);

    // First with values the API refuses: a window over a day and an address that is not one.
    await form.getByLabel('Error-rate window', { exact: true }).fill('5000');
    await form.getByLabel('Contact e-mails').fill('oncall@contoso.example\nnot-an-address');
    await form.getByRole('button', { name: 'Save tenant settings' }).click();
    await form.getByRole('alert').waitFor({ timeout: 15_000 });
    expect(await form.getByLabel('Error-rate window', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    const contactsField = form.getByLabel('Contact e-mails');
    expect(await contactsField.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await contactsField.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain('not-an-address');

    // Then valid: a threshold, a contact, warnings no longer e-mailed.
    await form.getByLabel('Error-rate window', { exact: true }).fill('');
    await form.getByLabel('Latency p95', { exact: true }).fill('750');
    await form.getByLabel('Contact e-mails').fill('oncall@contoso.example');
    await form.getByRole('checkbox', { name: 'warning', exact: true }).uncheck();
    await form.getByRole('button', { name: 'Save tenant settings' }).click();
    await page.getByRole('status').getByText('Saved the settings of contoso.').waitFor({ timeout: 15_000 });
    expect(await form.getByRole('alert').count()).toBe(0);

    const saved = await apiGet<MonitoringSettings>(stack, 'monitoring/tenants/contoso/settings', olivia);
    expect(saved.thresholds).toEqual({ latencyP95Ms: 750 });
    expect(saved.contacts).toEqual({ emails: ['oncall@contoso.example'], severities: ['critical'] });
    expect(saved.updatedBy).toBe(olivia);

    // A reload shows what was saved; clearing the field goes back to the default.
    await page.reload();
    await form.getByLabel('Latency p95', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await form.getByLabel('Latency p95', { exact: true }).inputValue()).toBe('750');
    await form.getByLabel('Latency p95', { exact: true }).fill('');
    await form.getByRole('button', { name: 'Save tenant settings' }).click();
    await page.getByRole('status').getByText('Saved the settings of contoso.').waitFor({ timeout: 15_000 });
    const cleared = await apiGet<MonitoringSettings>(stack, 'monitoring/tenants/contoso/settings', olivia);
    expect(cleared.thresholds).toEqual({});
    expect(cleared.contacts.emails).toEqual(['oncall@contoso.example']);
    // Chromium logs the deliberately refused save (400) as a console error; that one and nothing else.
    const refused = (e: string) =>
      e.includes('400 (Bad Request)') && e.includes('/monitoring/tenants/contoso/settings');
    expect(watch.errors.filter(refused)).toHaveLength(1);
    expect(watch.errors.filter((e) => !refused(e))).toEqual([]);
  });

  it('a tenant viewer is not allowed (the API refuses viewers the settings)', {
    timeout: 120_000,
  }, async () => {
    const { stack, page, watch } = session;
    await signIn(page, stack.ui.monitor, vera, '/settings');
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('button', { name: /^Save/ }).count()).toBe(0);
    await expect(apiGet(stack, 'monitoring/tenants/contoso/settings', vera)).rejects.toThrow(/HTTP 403/);
    expect(watch.errors).toEqual([]);
  });

  it('support reads tenant and vendor settings without any Save', { timeout: 120_000 }, async () => {
    const { stack, page, watch } = session;
    await signIn(page, stack.ui.monitor, sam, '/settings?tenant=contoso');
    const form = page.getByRole('form', { name: 'Settings of contoso' });
    await form.waitFor({ timeout: 20_000 });
    await page.getByRole('form', { name: 'Vendor settings' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('combobox', { name: 'Tenant', exact: true }).inputValue()).toBe('contoso');
    expect(await page.getByRole('button', { name: /^Save/ }).count()).toBe(0);
    expect(await form.getByLabel('Latency p95', { exact: true }).getAttribute('readonly')).not.toBeNull();
    expect(await page.getByLabel('Support e-mails').inputValue()).toBe('support@vendor.example');
    expect(watch.errors).toEqual([]);
  });

  it('a platform admin sets the account manager for contoso', { timeout: 120_000 }, async () => {
    const { stack, page, watch } = session;
    await signIn(page, stack.ui.monitor, ada, '/settings');
    const vendor = page.getByRole('form', { name: 'Vendor settings' });
    await vendor.waitFor({ timeout: 20_000 });
    // ada may save the picked tenant's settings too.
    await page.getByRole('button', { name: 'Save tenant settings' }).waitFor({ timeout: 20_000 });
    await vendor.getByLabel('Minimum app version', { exact: true }).fill('1.2.0');
    await vendor.getByRole('button', { name: 'Add account manager' }).click();
    await vendor.getByLabel('Tenant of account manager 1').selectOption('contoso');
    await vendor.getByLabel('Account manager for contoso', { exact: true }).fill('maria@vendor.example');
    await vendor.getByRole('button', { name: 'Save vendor settings' }).click();
    await page.getByRole('status').getByText('Saved the vendor settings.').waitFor({ timeout: 15_000 });

    const settings = await apiGet<MonitoringSettings>(stack, 'monitoring/vendor/settings', ada);
    expect(settings.accountManagers?.byTenant).toEqual({ contoso: 'maria@vendor.example' });
    expect(settings.thresholds.minAppVersion).toBe('1.2.0');
    expect(settings.contacts.emails).toEqual(['support@vendor.example']);
    // The tenant section now shows the vendor's minimum version as contoso's default.
    const tenant = page.getByRole('form', { name: 'Settings of contoso' });
    await tenant
      .locator('tr[data-threshold="minAppVersion"]')
      .getByTestId('threshold-default')
      .getByText('1.2.0 semver')
      .waitFor({ timeout: 15_000 });
    expect(watch.errors).toEqual([]);
  });

  it('the outbox record keeps the HTML that was sent', () => {
    expect(sentMail.html).toContain('<html');
    expect(sentMail.html).toContain(deploymentId);
  });

  it('the outbox shows a sent e-mail as HTML in a sandboxed frame, and as text', {
    timeout: 120_000,
  }, async () => {
    const { stack, page, watch } = session;
    await signIn(page, stack.ui.monitor, olivia, '/outbox');
    const row = page
      .getByTestId('notification-row')
      .filter({ hasText: sentMail.recipient ?? '' })
      .filter({ hasText: sentMail.subject });
    await row.first().waitFor({ timeout: 20_000 });
    await row.first().getByRole('button', { name: 'View' }).click();
    const dialog = page.getByRole('dialog', { name: sentMail.subject });
    await dialog.waitFor();
    const frame = dialog.getByTestId('message-html');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('title')).toBe('E-mail as HTML');
    const body = frame.contentFrame().locator('body');
    await body.getByText(deploymentId).first().waitFor({ timeout: 15_000 });
    expect(await dialog.getByRole('button', { name: 'HTML' }).getAttribute('aria-pressed')).toBe('true');
    await dialog.getByRole('button', { name: 'Text' }).click();
    expect(await dialog.getByTestId('message-text').textContent()).toContain(deploymentId);
    expect(await dialog.getByTestId('message-html').count()).toBe(0);
    expect(watch.errors).toEqual([]);
  });
});
