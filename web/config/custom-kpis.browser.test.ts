import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from '../ui/testing/browser-session';
import { apiCall, apiGet, rememberConfiguration, signIn, skipReason } from '../ui/testing/browser-stack';

if (skipReason) console.warn(`Custom KPI browser tests skipped: ${skipReason}`);

const eddie = 'eddie@contoso.example'; // editor: saves drafts, may not publish
const vera = 'vera@contoso.example'; // viewer: reads only
const olivia = 'olivia@contoso.example'; // owner: publishes

const kpiId = 'scrap-share-of-output';
const invalid = 'sum(WorkOrder.scrapQantity) / sum(WorkOrder.producedQuantity) * 100';
const fixed = 'sum(WorkOrder.scrapQuantity) / sum(WorkOrder.producedQuantity) * 100';

interface StoredKpi {
  id: string;
  status: string;
  publishedVersion?: number;
  definition: { name: string; formula: string; unit: string };
  diagnostics: unknown[];
}

describe.skipIf(skipReason !== undefined)('Custom KPI editor in Chromium', () => {
  const session = useBrowserSession();

  it('lets an editor write a formula with diagnostics, completion and a preview, and save a draft', async () => {
    const { stack, page } = session;
    await signIn(page, stack.ui.config, eddie, '/custom-kpis');
    await page.getByText('No custom KPIs yet').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Create a custom KPI' }).click();
    await page.getByRole('heading', { name: 'New custom KPI' }).waitFor();
    // An editor may save drafts but not publish.
    expect(await page.getByRole('button', { name: /Publish/ }).count()).toBe(0);

    await page.getByLabel('Name', { exact: true }).fill('Scrap share of output');
    expect(await page.getByLabel('Id', { exact: true }).inputValue()).toBe(kpiId);

    const formula = page.getByRole('combobox', { name: 'Formula' });
    await formula.click();
    await formula.pressSequentially(invalid, { delay: 5 });
    expect(await formula.inputValue()).toBe(invalid);

    // The squiggle sits under exactly the misspelt field, and the problem names line 1, column 15.
    const squiggle = page.locator('[data-diagnostic]');
    await expect.poll(() => squiggle.allTextContents(), { timeout: 15_000 }).toEqual(['scrapQantity']);
    const problem = page.getByRole('list', { name: 'Problems' }).getByRole('button');
    expect(await problem.count()).toBe(1);
    expect(await problem.textContent()).toMatch(/^1:15.*scrapQantity.*FORMULA\.UNKNOWN_FIELD/);
    // Drawn where the textarea shows those characters: 14 monospace columns from the text's left edge.
    const geometry = await page.evaluate(() => {
      const span = document.querySelector('[data-diagnostic]')!.getBoundingClientRect();
      const area = document.querySelector('textarea[aria-label="Formula"]')!.getBoundingClientRect();
      const pre = document.querySelector('pre[aria-hidden="true"]') as HTMLElement;
      const padding = Number.parseFloat(getComputedStyle(pre).paddingLeft);
      const probe = document.createElement('span');
      probe.textContent = 'sum(WorkOrder.';
      pre.appendChild(probe);
      const width = probe.getBoundingClientRect().width;
      probe.remove();
      return { offset: span.left - area.left - padding, width, top: span.top - area.top };
    });
    expect(Math.abs(geometry.offset - geometry.width)).toBeLessThan(1);
    expect(geometry.top).toBeLessThan(20);
    expect(await formula.getAttribute('aria-invalid')).toBe('true');

    // Clicking the problem selects the culprit; typing opens completion, Enter accepts a field.
    await problem.click();
    expect(
      await formula.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd)),
    ).toBe('scrapQantity');
    await formula.pressSequentially('scr', { delay: 20 });
    const listbox = page.getByRole('listbox', { name: 'Completions' });
    await listbox.waitFor();
    const options = listbox.getByRole('option');
    await expect.poll(() => options.first().textContent()).toContain('scrapQuantity');
    expect(await formula.getAttribute('aria-expanded')).toBe('true');
    const activeId = await formula.getAttribute('aria-activedescendant');
    expect(activeId).toBe(await options.first().getAttribute('id'));
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await listbox.waitFor({ state: 'hidden' });
    expect(await formula.inputValue()).toBe(fixed);
    await expect.poll(() => squiggle.count()).toBe(0);
    await expect.poll(() => page.getByTestId('formula-status').textContent()).toBe('✓ No problems');

    // Typing `Obj.` offers that object's fields; Ctrl+Space opens the list anywhere; Escape closes it.
    await formula.press('End');
    await formula.pressSequentially(' + 0 * count(Machine.', { delay: 10 });
    await listbox.waitFor();
    expect(await options.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('isCritical')]),
    );
    await page.keyboard.press('Escape');
    await listbox.waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+Space');
    await listbox.waitFor();
    await page.keyboard.press('Escape');
    await listbox.waitFor({ state: 'hidden' });
    // Inside a string compared with an enum field, the field's values are offered; Tab accepts too.
    await formula.fill('');
    await formula.pressSequentially("count(WorkOrder where status = 'comp", { delay: 10 });
    await listbox.waitFor();
    expect(await options.first().textContent()).toContain('completed');
    await page.keyboard.press('Tab');
    await listbox.waitFor({ state: 'hidden' });
    expect(await formula.inputValue()).toBe("count(WorkOrder where status = 'completed'");
    // Back to the fixed formula.
    await formula.fill(fixed);

    // The preview evaluates the formula on the tenant's sample data and shows it with its unit.
    const preview = page.getByTestId('preview-value');
    await expect
      .poll(() => preview.textContent(), { timeout: 90_000, interval: 500 })
      .toMatch(/^\d[\d,.]* %$/);
    const requirements = page.getByRole('list', { name: 'Required objects' });
    await expect.poll(() => requirements.textContent(), { timeout: 15_000 }).toContain('scrapQuantity');
    expect(await requirements.textContent()).toContain('producedQuantity');

    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved.').waitFor({ timeout: 30_000 });
    await expect.poll(() => new URL(page.url()).search).toBe(`?kpi=${kpiId}`);
    await page.getByRole('list', { name: 'Custom KPIs' }).getByText('Scrap share of output').waitFor();

    const stored = await apiGet<StoredKpi>(stack, `metadata/tenants/contoso/custom-kpis/${kpiId}`, eddie);
    expect(stored).toMatchObject({
      id: kpiId,
      status: 'draft',
      definition: { name: 'Scrap share of output', formula: fixed, unit: 'percent' },
      diagnostics: [],
    });
  }, 240_000);

  it('shows a viewer the KPI without any way to change it', async () => {
    const { stack, page } = session;
    await signIn(page, stack.ui.config, vera, `/custom-kpis?kpi=${kpiId}`);
    await page.getByRole('heading', { name: 'Scrap share of output' }).waitFor({ timeout: 30_000 });
    const formula = page.getByRole('combobox', { name: 'Formula' });
    expect(await formula.inputValue()).toBe(fixed);
    expect(await formula.getAttribute('readonly')).not.toBeNull();
    for (const name of [/Save draft/, /Publish/, /Deprecate/, /^New$/])
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    // Viewers may not run previews (editor+), so the page does not ask.
    expect(await page.getByTestId('preview-value').count()).toBe(0);
    await page
      .getByRole('list', { name: 'Required objects' })
      .getByText('scrapQuantity')
      .waitFor({ timeout: 15_000 });
  }, 120_000);

  it("handles an edit made meanwhile by someone else (412) and keeps the user's edits on request", async () => {
    const { stack, page, watch } = session;
    await signIn(page, stack.ui.config, olivia, `/custom-kpis?kpi=${kpiId}`);
    await page.getByRole('heading', { name: 'Scrap share of output' }).waitFor({ timeout: 30_000 });
    await page.getByLabel('Description').fill('Scrapped units as a share of all units produced.');

    // Eddie saves a change through the API after Olivia opened the KPI.
    const path = `metadata/tenants/contoso/custom-kpis/${kpiId}`;
    const current = await apiGet<StoredKpi>(stack, path, eddie);
    const theirs = await fetch(`${stack.api}/${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${await stack.token(eddie)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...current.definition, description: 'Changed by Eddie meanwhile.' }),
    });
    expect(theirs.status).toBe(200);

    await page.getByRole('button', { name: 'Save draft' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else changed this KPI' });
    await conflict.waitFor({ timeout: 30_000 });
    expect(await conflict.textContent()).toContain('CONCURRENCY.CONFLICT');
    await conflict.getByRole('button', { name: 'Keep my edits' }).click();
    await page.getByText('Re-read the latest version').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved.').waitFor({ timeout: 30_000 });
    const stored = await apiGet<StoredKpi & { definition: { description: string } }>(stack, path, olivia);
    expect(stored.definition.description).toBe('Scrapped units as a share of all units produced.');
    expect(stored.definition.formula).toBe(fixed);
    // The browser logs the refused request itself; that 412 is the scenario, not a UI error.
    const refused = watch.errors.filter((e) => /status of 412/.test(e));
    expect(refused.length).toBeLessThanOrEqual(1);
    watch.errors.splice(0, watch.errors.length, ...watch.errors.filter((e) => !/status of 412/.test(e)));
  }, 120_000);

  it('lets an owner publish the draft as version 1', async () => {
    const { stack, context, page } = session;
    await signIn(page, stack.ui.config, olivia, `/custom-kpis?kpi=${kpiId}`);
    await page.getByRole('heading', { name: 'Scrap share of output' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByLabel('Release note (optional)').fill('First release');
    await page.getByRole('button', { name: 'Publish v1' }).click();
    await page.getByText('Published as v1.').waitFor({ timeout: 30_000 });
    const stored = await apiGet<StoredKpi>(stack, `metadata/tenants/contoso/custom-kpis/${kpiId}`, olivia);
    expect(stored).toMatchObject({ status: 'published', publishedVersion: 1 });
    await page.getByRole('tab', { name: 'Versions (1)' }).click();
    await page.getByRole('list', { name: 'Published versions' }).getByText('“First release”').waitFor();
    await page.getByText('The draft is the same as this version.').waitFor();

    // Selected in a configuration, the published KPI shows in the UML diagram by its name, not its id.
    const created = (await apiCall(stack, olivia, 'POST', 'demo-config/tenants/contoso/configurations', {
      name: 'Scrap review',
      kpiIds: [],
      customKpis: [{ kpiId, version: 1 }],
    })) as { id: string };
    await rememberConfiguration(context, 'contoso', created.id);
    await page.goto(`${stack.ui.config}/diagram?kpi=${kpiId}`);
    const highlight = page.getByLabel('Highlight KPI');
    await expect.poll(() => highlight.inputValue(), { timeout: 30_000 }).toBe(kpiId);
    await expect
      .poll(() => highlight.locator('option:checked').textContent(), { timeout: 30_000 })
      .toBe('Scrap share of output');
    await page.getByRole('heading', { name: 'Scrap share of output' }).waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="uml-class"][data-name="WorkOrder"][data-needed="true"]').waitFor();
    await page.goto(`${stack.ui.config}/custom-kpis?kpi=${kpiId}`);
    await page.getByRole('heading', { name: 'Scrap share of output' }).waitFor({ timeout: 30_000 });

    // Deprecating ends editing: the status says so and the edit buttons go away.
    await page.getByRole('button', { name: 'Deprecate…' }).click();
    await page.getByLabel('Reason (optional)').fill('Replaced by the catalog KPI');
    await page.getByRole('button', { name: 'Deprecate this KPI' }).click();
    await page.getByText('Deprecated: no more edits').waitFor({ timeout: 30_000 });
    // The notice shows before the KPI is read again; the buttons go once it has been.
    await expect
      .poll(() => page.getByRole('button', { name: /Save draft|Publish|Deprecate/ }).count(), {
        timeout: 30_000,
      })
      .toBe(0);
    const after = await apiGet<StoredKpi>(stack, `metadata/tenants/contoso/custom-kpis/${kpiId}`, olivia);
    expect(after.status).toBe('deprecated');
  }, 120_000);

  it('draws the squiggle of a problem at the end of the formula where the formula ends, as it is typed', async () => {
    const { stack, page } = session;
    await signIn(page, stack.ui.config, eddie, '/custom-kpis');
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.getByRole('heading', { name: 'New custom KPI' }).waitFor({ timeout: 30_000 });
    const formula = page.getByRole('combobox', { name: 'Formula' });
    await formula.click();
    // Typed key by key, the end-of-formula marker moves right at every character.
    await formula.pressSequentially('sum(WorkOrder.scrapQuantity) / count(WorkOrder', { delay: 10 });
    const marker = page.locator('[data-diagnostic]');
    await expect
      .poll(() => page.getByRole('list', { name: 'Problems' }).textContent(), { timeout: 15_000 })
      .toMatch(/^1:47/);
    expect(await marker.count()).toBe(1);
    const span = (await marker.boundingBox())!;
    const area = (await formula.boundingBox())!;
    // What is painted, not only where the element is: every red pixel of the editor lies under the marker.
    const shot = PNG.sync.read(await page.screenshot({ clip: area }));
    const redColumns: number[] = [];
    for (let y = 0; y < shot.height; y++) {
      for (let x = 0; x < shot.width; x++) {
        const i = (y * shot.width + x) * 4;
        const [r, g, b] = [shot.data[i]!, shot.data[i + 1]!, shot.data[i + 2]!];
        if (r - g > 60 && r - b > 60) redColumns.push(area.x + x);
      }
    }
    expect(redColumns.length).toBeGreaterThan(0);
    expect(Math.min(...redColumns)).toBeGreaterThanOrEqual(Math.floor(span.x) - 1);
    expect(Math.max(...redColumns)).toBeLessThanOrEqual(Math.ceil(span.x + span.width) + 1);
  });
});
