/**
 * The Config app's main flow in one go, as a consultant does it in front of a client (issue 4): sign in →
 * new configuration → pick KPIs in the tree → the UML diagram of what they need → the analyzer shows the
 * gaps → add a data source from a sample CSV → the analyzer updates → generate the SOW → download DOCX and
 * PDF. Then a viewer walks the same pages and finds no way to change anything. The pages' own details are
 * tested in the per-area browser tests beside this one.
 */
import { readFile } from 'node:fs/promises';
import type { AnalysisView, ConfigurationView } from '@kpi/shared/contracts/demo-config';
import type { CatalogTreeResponse, TreeNode } from '@kpi/web-ui/catalog';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserSession } from '../ui/testing/browser-session';
import { apiGet, rememberConfiguration, signIn, skipReason } from '../ui/testing/browser-stack';

if (skipReason) console.warn(`Config main-flow browser test skipped: ${skipReason}`);

const eddie = 'eddie@contoso.example';
const vera = 'vera@contoso.example';
const WAIT = { timeout: 30_000 };
const configurations = 'demo-config/tenants/contoso/configurations';

/** A use case of the first industry with KPIs, and the path to it. */
function firstUseCase(catalog: CatalogTreeResponse): { path: TreeNode[]; kpis: TreeNode[] } {
  for (const industry of catalog.industries)
    for (const chain of industry.children ?? [])
      for (const useCase of chain.children ?? []) {
        const kpis = (useCase.children ?? []).filter((k) => k.kind === 'kpi');
        if (kpis.length >= 2) return { path: [industry, chain, useCase], kpis };
      }
  throw new Error('the catalog has no use case with two KPIs');
}

/** A CSV with every field the analysis requires of `object`, the header naming the fields. */
function sampleCsv(object: AnalysisView['objects'][number]): string {
  const value = (type: string, name: string, i: number) =>
    type === 'integer'
      ? String(10 + i)
      : type === 'decimal' || type === 'money'
        ? (100.5 + i).toFixed(2)
        : type === 'boolean'
          ? String(i % 2 === 0)
          : type === 'date'
            ? `2024-0${(i % 9) + 1}-15`
            : type === 'datetime'
              ? `2024-0${(i % 9) + 1}-15T08:30:00Z`
              : `${name}-${i + 1}`;
  const rows = Array.from({ length: 12 }, (_, i) => object.fields.map((f) => value(f.type, f.name, i)));
  return [object.fields.map((f) => f.name), ...rows].map((r) => r.join(',')).join('\r\n');
}

describe.skipIf(skipReason !== undefined)('Config main flow in Chromium', () => {
  const session = useBrowserSession({ acceptDownloads: true });
  let catalog: CatalogTreeResponse;
  let createdId: string | undefined;

  beforeAll(async () => {
    const { stack } = session;
    catalog = await apiGet<CatalogTreeResponse>(stack, 'metadata/tree', eddie);
  }, 300_000);

  const go = (label: string) =>
    session.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: label, exact: true })
      .click();
  const download = async (name: string) => {
    const { page } = session;
    const [saved] = await Promise.all([
      page.waitForEvent('download', WAIT),
      page.getByRole('button', { name }).click(),
    ]);
    return readFile(await saved.path());
  };

  it('a consultant goes from an empty configuration to a downloaded SOW', { timeout: 300_000 }, async () => {
    const { stack, page } = session;
    // A new configuration becomes the one every page works on.
    await signIn(page, stack.ui.config, eddie);
    await page.getByRole('button', { name: 'New configuration' }).click();
    const form = page.getByRole('form', { name: 'New configuration' });
    await form.getByLabel('Name', { exact: true }).fill('Main flow pilot');
    await form.getByRole('button', { name: 'Create draft' }).click();
    await expect
      .poll(() => page.getByTestId('workspace-configuration').textContent(), WAIT)
      .toBe('Main flow pilot');
    const list = await apiGet<{ items: ConfigurationView[] }>(stack, configurations, eddie);
    createdId = list.items.find((c) => c.name === 'Main flow pilot')?.id;
    expect(createdId).toBeDefined();
    const C = `${configurations}/${createdId}`;

    // Pick a use case's KPIs in the tree and save the selection.
    await go('Catalog');
    const item = (node: TreeNode) => page.locator(`[role="treeitem"][data-id="${node.id}"]`).first();
    const { path, kpis } = firstUseCase(catalog);
    const [industry, chain, useCase] = path as [TreeNode, TreeNode, TreeNode];
    await item(industry).locator('> div').click();
    await item(chain).locator('> div').click();
    await item(useCase).locator('input[type="checkbox"]').check();
    await expect
      .poll(() => item(chain).locator('input[type="checkbox"]').getAttribute('aria-checked'))
      .toMatch(/mixed|true/);
    await page.getByRole('button', { name: 'Save selection' }).click();
    await expect.poll(() => page.getByTestId('selection-notice').textContent(), WAIT).toContain('Saved');
    const saved = await apiGet<ConfigurationView>(stack, C, eddie);
    expect(saved.selectedKpis.map((k) => k.kpiId).sort()).toEqual([...new Set(kpis.map((k) => k.id))].sort());

    // The data model those KPIs need, drawn.
    const before = await apiGet<AnalysisView>(stack, `${C}/analysis`, eddie);
    expect(before.sources).toEqual([]);
    expect(before.gaps.length).toBeGreaterThan(0);
    await go('Data model');
    await page.getByTestId('uml-class').first().waitFor(WAIT);
    const drawn = await page.getByTestId('uml-class').evaluateAll((els) => els.map((e) => e.dataset.name));
    for (const object of before.objects) expect(drawn).toContain(object.name);

    // The analyzer shows the gaps: with no sources, nothing is ready.
    await go('Analysis');
    await expect
      .poll(() => page.getByTestId('summary-blocked').textContent(), WAIT)
      .toBe(String(before.summary.blocked));
    expect(await page.getByTestId('summary-ready').textContent()).toBe('0');
    const target = [...before.objects].sort((a, b) => b.kpis.length - a.kpis.length)[0]!;
    await page.locator(`[data-testid="gap"][data-object="${target.name}"]`).waitFor(WAIT);

    // A data source from a sample CSV of the object that holds back the most KPIs.
    await go('Data sources');
    await page.getByRole('button', { name: 'Add data source' }).click();
    await page.getByLabel('Sample file', { exact: true }).setInputFiles({
      name: 'plant-export.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(sampleCsv(target)),
    });
    await page.getByTestId('sample-result').waitFor(WAIT);
    const objectSelect = page.getByRole('combobox', { name: 'Catalog object', exact: true });
    if ((await objectSelect.inputValue()) !== target.name) {
      await objectSelect.selectOption(target.name);
      await expect.poll(() => objectSelect.inputValue(), WAIT).toBe(target.name);
    }
    await page.getByRole('button', { name: new RegExp(`^Accept \\d+ fields? of ${target.name}`) }).click();
    await page.getByRole('button', { name: 'Add source' }).click();
    await page.getByText('plant-export is added.').waitFor(WAIT);

    // The analyzer updates: the service's new figures, and the target's gap is gone.
    const after = await apiGet<AnalysisView>(stack, `${C}/analysis`, eddie);
    expect(after.summary.fieldCoveragePercent).toBeGreaterThan(before.summary.fieldCoveragePercent);
    await go('Analysis');
    await expect
      .poll(() => page.getByTestId('summary-coverage').textContent(), WAIT)
      .toBe(`${after.summary.fieldCoveragePercent}%`);
    expect(await page.locator(`[data-testid="gap"][data-object="${target.name}"]`).count()).toBe(0);

    // The SOW: generate a version, download both documents.
    await go('SOW');
    await page.getByTestId('estimate-total').waitFor(WAIT);
    await page.getByRole('button', { name: 'Generate SOW' }).click();
    await page.getByTestId('sow-version-1').waitFor(WAIT);
    const docx = await download('Download version 1 as DOCX');
    const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml'] as Uint8Array);
    expect(xml).toContain('Main flow pilot');
    expect(xml).toContain(target.name);
    const pdf = await download('Download version 1 as PDF');
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
  });

  it('a viewer walks the same pages with no way to change anything', { timeout: 300_000 }, async () => {
    const { stack, context, page } = session;
    expect(createdId, 'the consultant flow ran first').toBeDefined();
    await rememberConfiguration(context, 'contoso', createdId as string);
    await signIn(page, stack.ui.config, vera);
    await expect
      .poll(() => page.getByTestId('workspace-configuration').textContent(), WAIT)
      .toBe('Main flow pilot');
    expect(await page.getByRole('button', { name: 'New configuration' }).count()).toBe(0);

    await go('Catalog');
    await page.getByRole('tree', { name: 'KPI catalog' }).waitFor(WAIT);
    await page.locator('[role="treeitem"] input[type="checkbox"]').first().waitFor(WAIT);
    const enabled = await page
      .locator('[role="treeitem"] input[type="checkbox"]')
      .evaluateAll((els) => els.filter((e) => !(e as HTMLInputElement).disabled).length);
    expect(enabled).toBe(0);
    expect(await page.getByRole('button', { name: 'Save selection' }).count()).toBe(0);

    await go('Data model');
    await page.getByTestId('uml-class').first().waitFor(WAIT);

    await go('Data sources');
    await page.getByTestId('source').first().waitFor(WAIT);
    for (const name of [/^Add data source$/, /^Edit /, /^Remove /])
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    expect(await page.getByLabel('Sample file', { exact: true }).count()).toBe(0);

    await go('Analysis');
    await page.getByTestId('coverage-heatmap').waitFor(WAIT);

    await go('SOW');
    await page.getByTestId('sow-version-1').waitFor(WAIT);
    expect(await page.getByRole('button', { name: 'Generate SOW' }).count()).toBe(0);
    const pdf = await download('Download version 1 as PDF');
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');

    await go('Custom KPIs');
    await page.getByRole('heading', { name: 'Custom KPIs' }).first().waitFor(WAIT);
    await page
      .getByText(/No custom KPIs yet|Open a custom KPI/)
      .first()
      .waitFor(WAIT);
    expect(await page.getByRole('button', { name: /^New/ }).count()).toBe(0);
  });
});
