import type { AnalysisView, DataSource } from '@kpi/shared/contracts/demo-config';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleOrdersXlsx } from '../../functions/demo-config/sources/sample-xlsx.fixture';
import { useBrowserSession } from '../ui/testing/browser-session';
import { apiGet, rememberConfiguration, signIn, skipReason } from '../ui/testing/browser-stack';

if (skipReason) console.warn(`Sources/analysis browser tests skipped: ${skipReason}`);

const eddie = 'eddie@contoso.example';
const vera = 'vera@contoso.example';
const olivia = 'olivia@contoso.example';
const tenant = 'contoso';
const configurationId = 'contoso-plant-analytics';
const C = `demo-config/tenants/${tenant}/configurations/${configurationId}`;
const wait = { timeout: 30_000 };

/** A value of a catalog field type for row `i` of the sample. */
function sampleValue(type: string, field: string, i: number): string {
  switch (type) {
    case 'integer':
      return String(10 + i);
    case 'decimal':
    case 'money':
      return (100.5 + i).toFixed(2);
    case 'boolean':
      return i % 2 ? 'true' : 'false';
    case 'date':
      return `2024-0${(i % 9) + 1}-15`;
    case 'datetime':
      return `2024-0${(i % 9) + 1}-15T08:30:00Z`;
    default:
      return `${field}-${i + 1}`;
  }
}

/** A CSV holding every field the analysis requires of `object`, the header naming the fields. */
function sampleCsv(object: AnalysisView['objects'][number]): string {
  const header = object.fields.map((f) => f.name);
  const rows = Array.from({ length: 12 }, (_, i) => object.fields.map((f) => sampleValue(f.type, f.name, i)));
  return [header, ...rows].map((r) => r.join(',')).join('\r\n');
}

describe.skipIf(skipReason !== undefined)('Data sources and analyzer in Chromium', () => {
  // The workspace remembers the chosen configuration per tenant: start on the seeded one.
  const session = useBrowserSession({
    prepareContext: (context) => rememberConfiguration(context, tenant, configurationId),
  });

  beforeAll(async () => {
    const { stack } = session;
    // The analyzer needs selected KPIs; the seed selects some, but make sure of it.
    const configuration = await apiGet<{ selectedKpis: unknown[]; etag: string }>(stack, C, olivia);
    if (configuration.selectedKpis.length === 0) {
      const tree = await apiGet<{ industries: { id: string; children?: unknown[] }[] }>(
        stack,
        'metadata/tree',
        olivia,
      );
      const ids: string[] = [];
      const walk = (n: { id: string; kind?: string; children?: unknown[] }) => {
        if (n.kind === 'kpi' && !ids.includes(n.id)) ids.push(n.id);
        for (const c of (n.children ?? []) as { id: string; kind?: string }[]) walk(c);
      };
      for (const i of tree.industries) walk(i);
      await fetch(`${stack.api}/${C}`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${await stack.token(olivia)}`,
          'content-type': 'application/json',
          'if-match': configuration.etag,
        },
        body: JSON.stringify({ kpiIds: ids.slice(0, 12) }),
      });
    }
  });

  it('shows the gaps, adds a source from a sample CSV and the analyzer updates', {
    timeout: 240_000,
  }, async () => {
    const { stack, page } = session;
    const before = await apiGet<AnalysisView>(stack, `${C}/analysis`, eddie);
    expect(before.kpis.length).toBeGreaterThan(0);
    expect(before.gaps.length).toBeGreaterThan(0);
    // The object to provide: one nobody provides yet that holds back the most KPIs.
    const target = [...before.objects]
      .filter((o) => o.providedBy.length === 0)
      .sort((a, b) => b.kpis.length - a.kpis.length)[0];
    expect(target, 'the seed leaves an object without a source').toBeDefined();
    if (!target) return;

    await signIn(page, stack.ui.config, eddie, '/analysis');
    await page.getByTestId('analysis-summary').waitFor(wait);
    await expect
      .poll(() => page.getByTestId('summary-blocked').textContent(), wait)
      .toBe(String(before.summary.blocked));
    expect(await page.getByTestId('summary-ready').textContent()).toBe(String(before.summary.ready));
    expect(await page.getByTestId('summary-coverage').textContent()).toBe(
      `${before.summary.fieldCoveragePercent}%`,
    );
    // The heat map: one cell per object and source, the uncovered objects first.
    await page.getByTestId('coverage-heatmap').waitFor(wait);
    expect(await page.getByTestId('coverage-cell').count()).toBe(
      before.objects.length * before.sources.length,
    );
    const firstRow = await page.getByTestId('coverage-combined').first().getAttribute('data-share');
    expect(Number(firstRow)).toBe(0);
    // Keyboard: the first cell is focusable, arrows move, the tooltip names the object.
    await page.getByTestId('coverage-heatmap').locator('[tabindex="0"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.getByTestId('coverage-tooltip').waitFor(wait);
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    expect(focused).toMatch(/required fields of /);
    // The gap list names the target object as missing.
    await page
      .locator(`[data-testid="gap"][data-object="${target.name}"]`)
      .getByText('No source provides this object')
      .waitFor(wait);
    // Readiness is filterable.
    await page.getByText(`Blocked ${before.summary.blocked}`, { exact: true }).click();
    await expect
      .poll(
        () =>
          page
            .getByTestId('kpi-readiness')
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))),
        wait,
      )
      .toEqual(Array(before.summary.blocked).fill('blocked'));

    // Add a data source by uploading a sample CSV of the target object.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data sources' }).click();
    await page.getByRole('button', { name: 'Add data source' }).click();
    const csv = sampleCsv(target);
    await page.getByLabel('Sample file', { exact: true }).setInputFiles({
      name: `${target.name.toLowerCase()}-export.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByTestId('sample-result').waitFor(wait);
    expect(await page.getByTestId('inferred-column').count()).toBe(target.fields.length);
    expect(await page.getByRole('table', { name: 'Sample preview' }).locator('tbody tr').count()).toBe(10);
    const objectSelect = page.getByRole('combobox', { name: 'Catalog object', exact: true });
    if ((await objectSelect.inputValue()) !== target.name) {
      await objectSelect.selectOption(target.name);
      await expect.poll(() => objectSelect.inputValue(), wait).toBe(target.name);
    }
    // Every column maps to its field by name.
    for (const f of target.fields.slice(0, 3))
      expect(await page.getByLabel(`Field for column ${f.name}`).inputValue()).toBe(f.name);
    await page
      .getByRole('button', { name: new RegExp(`^Accept ${target.fields.length} fields? of ${target.name}`) })
      .click();
    await page.getByText(`of ${target.name} from`).waitFor(wait);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(
      `${target.name.toLowerCase()}-export`,
    );
    expect(await page.getByRole('radio', { name: /CSV files/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Add source' }).click();
    await page.getByText(`${target.name.toLowerCase()}-export is added.`).waitFor(wait);
    await page
      .locator('[data-testid="source"]', { hasText: `${target.name.toLowerCase()}-export` })
      .waitFor(wait);

    const sources = await apiGet<{ items: DataSource[] }>(stack, `${C}/sources`, eddie);
    const added = sources.items.find((s) => s.name === `${target.name.toLowerCase()}-export`);
    expect(added?.type).toBe('csv');
    expect(added?.objects[0]?.fields.map((f) => f.sourceColumn).sort()).toEqual(
      target.fields.map((f) => f.name).sort(),
    );

    // The analyzer reflects it: fewer gaps, more coverage, the UI shows the service's new numbers.
    const after = await apiGet<AnalysisView>(stack, `${C}/analysis`, eddie);
    expect(after.gaps.length).toBeLessThan(before.gaps.length);
    expect(after.summary.fieldCoveragePercent).toBeGreaterThan(before.summary.fieldCoveragePercent);
    expect(after.summary.blocked).toBeLessThanOrEqual(before.summary.blocked);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analysis' }).click();
    await expect
      .poll(() => page.getByTestId('summary-coverage').textContent(), wait)
      .toBe(`${after.summary.fieldCoveragePercent}%`);
    expect(await page.getByTestId('summary-blocked').textContent()).toBe(String(after.summary.blocked));
    expect(await page.getByTestId('summary-ready').textContent()).toBe(String(after.summary.ready));
    expect(await page.locator(`[data-testid="gap"][data-object="${target.name}"]`).count()).toBe(0);
    const cell = page.locator(
      `[data-testid="coverage-cell"][data-object="${target.name}"][data-source="${added?.id}"]`,
    );
    expect(Number(await cell.getAttribute('data-share'))).toBe(1);

    // Edit it: rename, and drop one field (the object's select-all turns mixed); source columns stay.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data sources' }).click();
    await page.getByRole('button', { name: `Edit ${added?.name}` }).click();
    const name = page.getByLabel('Name', { exact: true });
    await expect.poll(() => name.inputValue(), wait).toBe(added?.name);
    await name.fill('Planning export');
    const dropped = target.fields[0]!.name;
    await page
      .getByRole('list', { name: `Fields of ${target.name}` })
      .getByRole('checkbox', { name: dropped, exact: true })
      .uncheck();
    expect(
      await page
        .getByRole('checkbox', { name: `All fields of ${target.name}` })
        .evaluate((e) => (e as HTMLInputElement).indeterminate),
    ).toBe(true);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Planning export is saved.').waitFor(wait);
    const edited = await apiGet<DataSource>(stack, `${C}/sources/${added?.id}`, eddie);
    expect(edited.name).toBe('Planning export');
    expect(edited.objects[0]?.fields.map((f) => f.name)).not.toContain(dropped);
    expect(edited.objects[0]?.fields.every((f) => f.sourceColumn === f.name)).toBe(true);

    // Remove it through the UI (with its confirmation): the analysis is back where it was.
    await page.getByRole('button', { name: 'Remove Planning export' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove source' }).click();
    await page.getByText('Planning export is removed.').waitFor(wait);
    const restored = await apiGet<AnalysisView>(stack, `${C}/analysis`, eddie);
    expect(restored.gaps.length).toBe(before.gaps.length);
  });

  it('reads an XLSX sample chosen with the file picker', { timeout: 120_000 }, async () => {
    const { stack, page } = session;
    await signIn(page, stack.ui.config, eddie, '/sources');
    await page.getByRole('button', { name: 'Add data source' }).click({ timeout: 30_000 });
    await page.getByLabel('Sample file', { exact: true }).setInputFiles({
      name: 'order-lines.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(sampleOrdersXlsx()),
    });
    await page.getByTestId('sample-result').waitFor(wait);
    expect(await page.getByTestId('sample-result').textContent()).toContain('XLSX');
    expect(await page.getByTestId('sample-result').textContent()).toContain('sheet “Orders”');
    const types = await page
      .getByTestId('inferred-column')
      .evaluateAll((rows) => rows.map((r) => r.querySelector('td')?.textContent ?? ''));
    expect(types.map((t) => t.split(' ')[0])).toEqual(['integer', 'decimal', 'date', 'boolean']);
    expect(await page.getByRole('combobox', { name: 'Catalog object', exact: true }).inputValue()).toBe(
      'SalesOrderLine',
    );
    await page.getByRole('button', { name: /^Accept \d+ fields? of SalesOrderLine/ }).click();
    expect(await page.getByRole('radio', { name: /Excel files/ }).isChecked()).toBe(true);
    // Cancel asks before dropping the accepted fields; then nothing is stored.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page
      .getByRole('alertdialog', { name: 'Discard your changes?' })
      .getByRole('button', { name: 'Discard' })
      .click();
    await page.getByRole('button', { name: 'Add data source' }).waitFor(wait);
    const sources = await apiGet<{ items: DataSource[] }>(stack, `${C}/sources`, eddie);
    expect(sources.items.map((s) => s.name)).not.toContain('order-lines');
  });

  it('refuses an unsupported sample clearly', { timeout: 120_000 }, async () => {
    const { stack, page, watch } = session;
    await signIn(page, stack.ui.config, eddie, '/sources');
    await page.getByRole('button', { name: 'Add data source' }).click({ timeout: 30_000 });
    // Dropped on the drop zone rather than picked.
    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(
        new File(['not a spreadsheet'], 'plan.ods', {
          type: 'application/vnd.oasis.opendocument.spreadsheet',
        }),
      );
      return dt;
    });
    await page.getByTestId('sample-drop-zone').dispatchEvent('dragover', { dataTransfer });
    await page.getByTestId('sample-drop-zone').dispatchEvent('drop', { dataTransfer });
    await page.getByText('This file format is not supported').waitFor(wait);
    expect(await page.getByTestId('error-code').textContent()).toBe('SOURCE.SAMPLE_FORMAT_UNSUPPORTED');
    // A header without rows: the service's own check.
    await page.getByRole('button', { name: 'Try another file' }).click();
    await page
      .getByLabel('Sample file', { exact: true })
      .setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('id,name\r\n') });
    await page.getByText('The file has no data rows').waitFor(wait);
    expect(await page.getByTestId('error-code').textContent()).toBe('SOURCE.SAMPLE_EMPTY');
    // Chromium logs every 4xx answer as a console error; this one was provoked on purpose.
    const provoked = watch.errors.filter((e) => /422 .*\/sample-inference/.test(e));
    expect(provoked).toHaveLength(1);
    watch.errors.splice(0, watch.errors.length, ...watch.errors.filter((e) => !provoked.includes(e)));
  });

  it('shows a viewer the sources and the analysis with no way to change them', {
    timeout: 120_000,
  }, async () => {
    const { stack, page } = session;
    await signIn(page, stack.ui.config, vera, '/sources');
    await page.getByTestId('source').first().waitFor(wait);
    expect(await page.getByTestId('source').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('source-type').first().textContent()).toBe('SQL Server / Azure SQL');
    expect(await page.getByRole('button', { name: 'Add data source' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Edit|Remove) / }).count()).toBe(0);
    expect(await page.getByLabel('Sample file', { exact: true }).count()).toBe(0);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analysis' }).click();
    await page.getByTestId('coverage-heatmap').waitFor(wait);
    expect(await page.getByTestId('gap').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: /^(Add|Edit|Remove)/ }).count()).toBe(0);
  });
});
