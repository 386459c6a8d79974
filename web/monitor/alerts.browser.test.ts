/**
 * The alert inbox, silences and licences pages in Chromium, on data made through the real API: a licence
 * issued by ada, a deployment activated with it, a heartbeat, then silence and the sweep (run through the
 * host's admin endpoint) → a heartbeat-missing alert for contoso.
 */
import type { Alert } from '@kpi/shared/contracts/monitoring-alert';
import type { MaintenanceWindow, Silence } from '@kpi/shared/contracts/monitoring-rules';
import { beforeAll, describe, expect, it } from 'vitest';
import { poll } from '../../functions/monitoring/monitoring-test-kit';
import { useBrowserSession } from '../ui/testing/browser-session';
import { apiGet, signIn, skipReason } from '../ui/testing/browser-stack';
import { missHeartbeat } from '../ui/testing/missed-heartbeat';

if (skipReason) console.warn(`Monitor alert browser tests skipped: ${skipReason}`);

const ada = 'ada@vendor.example';
const sam = 'sam@vendor.example';
const olivia = 'olivia@contoso.example';
const alex = 'alex@fabrikam.example';
const deploymentId = 'contoso-ui-edge';

describe.skipIf(skipReason !== undefined)('Monitor alerts, silences and licences in Chromium', () => {
  const session = useBrowserSession({ expectNoPageErrors: false });
  let alertId: string;
  let licenseId: string;

  beforeAll(async () => {
    const { stack } = session;
    // A licence for contoso (ada), activated by a new deployment that then misses its heartbeat.
    licenseId = await missHeartbeat(stack, {
      deploymentId,
      configurationId: 'cfg-ui-test',
      expiresInDays: 20,
      contacts: ['olivia@contoso.example'],
    });
    const alert = await poll(
      'the heartbeat-missing alert',
      async () => {
        const list = await apiGet<{ items: Alert[] }>(
          stack,
          `monitoring/tenants/contoso/alerts?deploymentId=${deploymentId}`,
          olivia,
        );
        return list.items.find((a) => a.rule === 'heartbeat-missing' && a.state === 'open');
      },
      30_000,
    );
    alertId = alert.id;
  }, 300_000);

  const row = () => session.page.locator(`[data-testid="alert-row"][data-alert-id="${alertId}"]`);

  it('the inbox acknowledges an alert with a comment', { timeout: 120_000 }, async () => {
    const { stack, page, watch } = session;
    await signIn(page, stack.ui.monitor, olivia, '/alerts');
    await row().waitFor({ timeout: 20_000 });
    expect(await row().getAttribute('data-state')).toBe('open');
    // The subject links to the deployment detail page.
    expect(await row().getByRole('link', { name: deploymentId }).getAttribute('href')).toBe(
      `/deployment?tenant=contoso&id=${deploymentId}`,
    );
    // A tenant user is offered no tenant choice.
    expect(await page.getByRole('combobox', { name: 'Tenant' }).count()).toBe(0);

    await row().getByRole('button', { name: 'Acknowledge' }).click();
    const dialog = page.getByRole('dialog', { name: 'Acknowledge alert' });
    await dialog.waitFor();
    const submit = dialog.getByRole('button', { name: 'Acknowledge' });
    expect(await submit.isDisabled()).toBe(true); // the comment is required
    await dialog.getByLabel('Comment (required)').fill('Restarting the edge node');
    await submit.click();
    await page
      .locator(`[data-testid="alert-row"][data-alert-id="${alertId}"][data-state="acknowledged"]`)
      .waitFor({
        timeout: 20_000,
      });
    expect(await row().getByTestId('alert-state').textContent()).toBe('Acknowledged');
    expect(await row().getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);

    const list = await apiGet<{ items: Alert[] }>(
      stack,
      `monitoring/tenants/contoso/alerts?deploymentId=${deploymentId}`,
      olivia,
    );
    expect(list.items.find((a) => a.id === alertId)).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: olivia,
      comment: 'Restarting the edge node',
    });
    // The history shows who acknowledged and why.
    await row().getByText('History').click();
    await row().getByText('“Restarting the edge node”').waitFor();
    expect(watch.errors).toEqual([]);
  });

  it("a tenant admin of fabrikam sees none of contoso's alerts", { timeout: 120_000 }, async () => {
    const { stack, page, watch } = session;
    await signIn(page, stack.ui.monitor, alex, '/alerts');
    await page.getByRole('heading', { name: 'Inbox' }).waitFor({ timeout: 20_000 });
    await page.getByRole('combobox', { name: 'State' }).selectOption('all');
    await page.getByText('No alerts match').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('alert-row').count()).toBe(0);
    expect(await page.getByText(deploymentId).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Tenant' }).count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('fabrikam');
    // And the API agrees: contoso's alerts are refused to alex.
    await expect(apiGet(stack, 'monitoring/tenants/contoso/alerts', alex)).rejects.toThrow(/HTTP 403/);
    expect(watch.errors).toEqual([]);
  });

  it('a tenant viewer gets no navigation, is told the pages are not for them, and the UI asks the API nothing', {
    timeout: 120_000,
  }, async () => {
    const { stack, page, watch } = session;
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(`${stack.api}/monitoring/`)) asked.push(r.url());
    });
    await signIn(page, stack.ui.monitor, 'vera@contoso.example', '/alerts');
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    await page.goto(`${stack.ui.monitor}/audit`);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
    expect(await page.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    expect(asked.filter((u) => /\/(alerts|audit|silences)/.test(u))).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  it('creates a silence from an alert and shows it on the silences page', { timeout: 120_000 }, async () => {
    const { stack, page, watch } = session;
    await signIn(page, stack.ui.monitor, sam, '/alerts?tenant=contoso');
    await row().waitFor({ timeout: 20_000 });
    await row().getByRole('button', { name: 'Silence' }).click();
    const dialog = page.getByRole('dialog', { name: 'Silence notifications' });
    await dialog.getByRole('button', { name: '1 day' }).click();
    await dialog.getByLabel('Reason (required)').fill('Edge node is being replaced');
    await dialog.getByRole('button', { name: 'Create silence' }).click();
    // The inbox marks the alert as silenced (its e-mails are held back for a day).
    await row().getByTestId('alert-silenced').waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: 'View silences' }).click();
    await page.waitForURL((u) => u.pathname === '/silences');
    const silenceRow = page.getByTestId('silence-row').filter({ hasText: 'Edge node is being replaced' });
    await silenceRow.waitFor({ timeout: 20_000 });
    expect(await silenceRow.getAttribute('data-status')).toBe('active');
    expect(await silenceRow.textContent()).toContain(`deploymentId = ${deploymentId}`);
    expect(await silenceRow.textContent()).toContain('rule = heartbeat-missing');

    const silences = await apiGet<{ items: Silence[] }>(stack, 'monitoring/tenants/contoso/silences', olivia);
    const saved = silences.items.find((s) => s.comment === 'Edge node is being replaced');
    expect(saved?.matchers).toEqual([
      { label: 'deploymentId', op: '=', value: deploymentId },
      { label: 'rule', op: '=', value: 'heartbeat-missing' },
    ]);
    const hours = (Date.parse(saved?.schedule.endsAt ?? '') - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(23);
    expect(hours).toBeLessThan(24.1);
    expect(watch.errors).toEqual([]);
  });

  it('the licences page draws one timeline bar per tracked licence', { timeout: 120_000 }, async () => {
    const { stack, page, watch } = session;
    const tracked = await poll(
      'the tracked licence',
      async () => {
        const list = await apiGet<{ items: { id: string }[] }>(stack, 'monitoring/licenses', ada);
        return list.items.some((l) => l.id === licenseId) ? list.items : undefined;
      },
      30_000,
    );
    await signIn(page, stack.ui.monitor, ada, '/licenses');
    await page.getByTestId('expiry-timeline').waitFor({ timeout: 20_000 });
    await page.locator(`[data-testid="timeline-bar"][data-license-id="${licenseId}"]`).waitFor();
    expect(await page.getByTestId('timeline-bar').count()).toBe(tracked.length);
    expect(await page.getByTestId('license-row').count()).toBe(tracked.length);
    const licenseRow = page.getByTestId('license-row').filter({ hasText: licenseId });
    // Deployments used / allowed come from the licence service, whose answer may arrive after the tracked
    // list has drawn the row: wait for it rather than read the row once. One activation of three.
    await licenseRow.filter({ hasText: '1 / 3' }).waitFor({ timeout: 20_000 });
    await licenseRow.getByRole('link', { name: /open|Tenant alerts/ }).click();
    await page.waitForURL((u) => u.pathname === '/alerts' && u.search === '?tenant=contoso');
    expect(watch.errors).toEqual([]);
  });
  it('creates, edits and deletes a recurring maintenance window through the form', {
    timeout: 120_000,
  }, async () => {
    const { stack, page, watch } = session;
    type Window = MaintenanceWindow;
    const windows = async () =>
      (await apiGet<{ items: Window[] }>(stack, 'monitoring/tenants/contoso/maintenance-windows', olivia))
        .items;
    // Other pages link to a prefilled form; the request leaves the address once the form is open.
    await signIn(page, stack.ui.monitor, olivia, `/silences?new=window&deploymentId=${deploymentId}`);
    let dialog = page.getByRole('dialog', { name: 'New maintenance window' });
    await dialog.waitFor({ timeout: 20_000 });
    expect(await dialog.getByLabel(deploymentId).isChecked()).toBe(true);
    expect(new URL(page.url()).search).toBe('?tenant=contoso');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'New window' }).click();
    dialog = page.getByRole('dialog', { name: 'New maintenance window' });
    await dialog.getByLabel(deploymentId).check();
    await dialog.getByLabel('Recurring').check();
    await dialog.getByLabel('Cron (minute hour day month weekday)').fill('0 3 * * 6');
    await dialog.getByLabel('Time zone').fill('Europe/Berlin');
    expect(await dialog.getByTestId('cron-description').textContent()).toMatch(
      /03:00.*Saturday.*Europe\/Berlin.*2 h/,
    );
    expect(await dialog.getByTestId('next-occurrences').textContent()).toMatch(/^Next: Sat .*Sat .*Sat /);
    await dialog.getByLabel('Reason').fill('Saturday patching');
    await dialog.getByRole('button', { name: 'Save maintenance window' }).click();
    const created = page.getByTestId('window-row').filter({ hasText: 'Saturday patching' });
    await created.waitFor({ timeout: 20_000 });
    expect(['upcoming', 'active']).toContain(await created.getAttribute('data-status'));
    const [saved] = (await windows()).filter((w) => w.reason === 'Saturday patching');
    expect(saved).toMatchObject({
      deploymentIds: [deploymentId],
      schedule: { recurrence: { cron: '0 3 * * 6', timeZone: 'Europe/Berlin', durationMinutes: 120 } },
    });

    await created.getByRole('button', { name: 'Edit' }).click();
    dialog = page.getByRole('dialog', { name: 'Edit maintenance window' });
    await dialog.getByLabel('Duration').selectOption('240');
    await dialog.getByLabel('Reason').fill('Saturday patching, longer');
    await dialog.getByRole('button', { name: 'Save maintenance window' }).click();
    const edited = page.getByTestId('window-row').filter({ hasText: 'Saturday patching, longer' });
    await edited.waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('window-row').count()).toBe(1);
    const afterEdit = await windows();
    // Edited in place: the same window, with who changed it.
    expect(afterEdit).toHaveLength(1);
    expect(afterEdit[0]).toMatchObject({
      id: saved?.id,
      createdBy: saved?.createdBy,
      updatedBy: saved?.createdBy,
    });
    expect(afterEdit[0]?.schedule.recurrence).toMatchObject({ durationMinutes: 240 });
    expect(await edited.textContent()).toContain(`edited by ${saved?.createdBy}`);

    await edited.getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('dialog', { name: 'Delete maintenance window?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await page.getByText('No maintenance windows').waitFor({ timeout: 20_000 });
    expect(await windows()).toEqual([]);
    expect(watch.errors).toEqual([]);
  });
});
