import { readFile } from 'node:fs/promises';
import type { ConfigurationView } from '@kpi/shared/contracts/demo-config';
import type { DataObject } from '@kpi/shared/domain/catalog/types';
import type { Download, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserSession } from '../ui/testing/browser-session';
import { apiGet, rememberConfiguration, signIn, skipReason } from '../ui/testing/browser-stack';
import type { ObjectGraph } from './src/diagram/diagram-model';

if (skipReason) console.warn(`Diagram browser tests skipped: ${skipReason}`);

const eddie = 'eddie@contoso.example';
const tenant = 'contoso';
const configurationId = 'contoso-plant-analytics';
const wait = { timeout: 30_000 };
const CARDINALITIES = ['1', '0..1', '*', '1..*'];

/** The scale of the diagram's zoom transform (`translate(x,y) scale(k)`). */
async function zoomScale(page: Page): Promise<number> {
  const transform = (await page.getByTestId('uml-viewport').getAttribute('transform')) ?? '';
  const match = /scale\(([\d.e-]+)\)/.exec(transform);
  if (!match) throw new Error(`No scale in the viewport transform "${transform}"`);
  return Number(match[1]);
}

async function downloaded(page: Page, button: string): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download', wait),
    page.getByRole('button', { name: button }).click(),
  ]);
  const path = await download.path();
  return { download, bytes: await readFile(path) };
}

describe.skipIf(skipReason !== undefined)('UML class diagram in Chromium', () => {
  const session = useBrowserSession({ acceptDownloads: true });
  let model: { catalogVersion: string; objects: DataObject[] };

  beforeAll(async () => {
    const { stack } = session;
    model = await apiGet(stack, 'metadata/objects', eddie);
  });

  it('draws the whole model, zooms, shows a class and exports SVG and PNG', {
    timeout: 240_000,
  }, async () => {
    const { stack, page } = session;
    const relationships = model.objects.reduce((n, o) => n + o.relationships.length, 0);
    expect(model.objects.length).toBeGreaterThanOrEqual(59);

    // No configuration chosen in this browser: the page shows the whole model.
    await signIn(page, stack.ui.config, eddie, '/diagram');
    const classes = page.getByTestId('uml-class');
    await expect.poll(() => classes.count(), wait).toBe(model.objects.length);
    const svg = page.getByTestId('uml-diagram');
    expect(Number(await svg.getAttribute('data-render-ms'))).toBeGreaterThan(0);
    await page.getByText('No configuration chosen').waitFor(wait);

    // Every class with its typed fields; every association with a multiplicity at both ends.
    const first = model.objects[0]!;
    const box = page.locator(`[data-testid="uml-class"][data-name="${first.name}"]`);
    expect(await box.textContent()).toContain(first.name);
    for (const f of first.fields) expect(await box.textContent()).toContain(`${f.name}: ${f.type}`);
    expect(await page.getByTestId('uml-relationship').count()).toBe(relationships);
    const labels = await page.getByTestId('uml-cardinality').allTextContents();
    expect(labels).toHaveLength(2 * relationships);
    for (const l of labels) expect(CARDINALITIES).toContain(l);
    const routes = await page
      .locator('[data-testid="uml-relationship"] path')
      .evaluateAll((paths) => paths.map((p) => (p as SVGPathElement).getTotalLength()));
    expect(Math.min(...routes)).toBeGreaterThan(0);

    // Zoom: buttons, keyboard and wheel change the transform; fit brings it back.
    const fitted = await zoomScale(page);
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(() => zoomScale(page)).toBeGreaterThan(fitted * 1.3);
    await svg.focus();
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    await expect.poll(() => zoomScale(page)).toBeLessThan(fitted);
    await page.getByRole('button', { name: 'Fit to view' }).click();
    await expect.poll(() => zoomScale(page)).toBeCloseTo(fitted, 5);
    const area = await svg.boundingBox();
    await page.mouse.move(area!.x + area!.width / 2, area!.y + area!.height / 2);
    await page.mouse.wheel(0, -400);
    await expect.poll(() => zoomScale(page)).toBeGreaterThan(fitted);

    // A class from the keyboard: its details in the side panel.
    await box.focus();
    await page.keyboard.press('Enter');
    const details = page.getByTestId('class-details');
    await details.getByRole('heading', { name: first.name }).waitFor(wait);
    expect(
      await details
        .getByRole('list', { name: `Fields of ${first.name}` })
        .getByRole('listitem')
        .count(),
    ).toBe(first.fields.length);
    expect(await box.getAttribute('aria-pressed')).toBe('true');

    // Exports: a standalone SVG naming every object, and a PNG.
    const svgFile = await downloaded(page, 'Export SVG');
    expect(svgFile.download.suggestedFilename()).toBe('kpi-catalog-data-model.svg');
    const text = svgFile.bytes.toString('utf8');
    const parsed = await page.evaluate((t) => {
      const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: doc.documentElement.nodeName,
        classes: [...doc.querySelectorAll('g[data-name]')].map((g) => g.getAttribute('data-name')),
        styled: doc.querySelectorAll('[style*="fill"]').length,
      };
    }, text);
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('svg');
    expect(parsed.classes.sort()).toEqual(model.objects.map((o) => o.name).sort());
    expect(parsed.styled).toBeGreaterThan(model.objects.length);
    for (const o of model.objects) expect(text).toContain(`>${o.name}<`);

    const png = await downloaded(page, 'Export PNG');
    expect(png.download.suggestedFilename()).toBe('kpi-catalog-data-model.png');
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = png.bytes.readUInt32BE(16);
    const svgWidth = Number(/<svg[^>]* width="(\d+)"/.exec(text)?.[1]);
    expect(width).toBeGreaterThan(svgWidth);
  });

  it("shows what the configuration's KPIs need and highlights one KPI from ?kpi=", {
    timeout: 240_000,
  }, async () => {
    const { stack, context, page } = session;
    const configuration = await apiGet<ConfigurationView>(
      stack,
      `demo-config/tenants/${tenant}/configurations/${configurationId}`,
      eddie,
    );
    const ids = configuration.selectedKpis.map((k) => k.kpiId);
    expect(ids.length).toBeGreaterThan(1);
    const graph = await apiGet<ObjectGraph>(
      stack,
      `metadata/tenants/${tenant}/objects/graph?kpis=${ids.join(',')}`,
      eddie,
    );
    await rememberConfiguration(context, tenant, configurationId);

    await signIn(page, stack.ui.config, eddie, '/diagram');
    const classes = page.getByTestId('uml-class');
    await expect.poll(() => classes.count(), wait).toBe(graph.objects.length);
    expect((await classes.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-name')))).sort()).toEqual(
      graph.objects.map((o) => o.name).sort(),
    );
    expect(await page.getByRole('radio', { name: /Selected KPIs/ }).isChecked()).toBe(true);
    // The associations the KPIs navigate, and the model's other ones between these classes as context.
    const shown = new Set(graph.objects.map((o) => o.name));
    const navigated = graph.relationships.map((r) => `${r.from}.${r.name}`);
    const contextIds = model.objects
      .filter((o) => shown.has(o.name))
      .flatMap((o) => o.relationships.filter((r) => shown.has(r.target)).map((r) => `${o.name}.${r.name}`))
      .filter((id) => !navigated.includes(id));
    const edges = page.getByTestId('uml-relationship');
    const edgeIds = (locator: typeof edges) =>
      locator.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-id')).sort());
    expect(await edgeIds(edges.and(page.locator(':not([data-context])')))).toEqual(navigated.sort());
    expect(await edgeIds(edges.and(page.locator('[data-context]')))).toEqual(contextIds.sort());
    expect(await page.getByTestId('uml-cardinality').count()).toBe(
      2 * (navigated.length + contextIds.length),
    );

    // The KPI that needs the most objects, highlighted through the URL as the KPI detail links it.
    const needs = (kpi: string) => graph.objects.filter((o) => o.kpis.includes(kpi)).map((o) => o.name);
    const kpi = [...ids].sort((a, b) => needs(b).length - needs(a).length)[0]!;
    const neededFields = graph.objects.flatMap((o) => o.fields.filter((f) => f.kpis.includes(kpi)));
    await page.goto(`${stack.ui.config}/diagram?kpi=${kpi}`);
    await expect.poll(() => classes.count(), wait).toBe(graph.objects.length);
    const highlighted = page.locator('[data-testid="uml-class"][data-needed="true"]');
    await expect.poll(() => highlighted.count(), wait).toBe(needs(kpi).length);
    expect(
      (await highlighted.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-name')))).sort(),
    ).toEqual(needs(kpi).sort());
    expect(await page.locator('[data-testid="uml-class"] [data-needed="true"]').count()).toBe(
      neededFields.length,
    );
    expect(await page.getByLabel('Highlight KPI').inputValue()).toBe(kpi);
    const other = graph.objects.find((o) => !o.kpis.includes(kpi));
    if (other) {
      const opacity = await page
        .locator(`[data-testid="uml-class"][data-name="${other.name}"]`)
        .evaluate((g) => Number(getComputedStyle(g).opacity));
      expect(opacity).toBeLessThan(0.5);
    }

    // Clicking a class: its fields and the selected KPIs that need it.
    const target = graph.objects.find((o) => o.kpis.includes(kpi))!;
    await page.locator(`[data-testid="uml-class"][data-name="${target.name}"]`).click();
    const details = page.getByTestId('class-details');
    await details.getByRole('heading', { name: target.name }).waitFor(wait);
    const neededBy = details.getByRole('list', { name: 'Needed by' });
    expect(await neededBy.getByRole('button').count()).toBe(target.kpis.length);
    expect(await neededBy.getByRole('button', { pressed: true }).allTextContents()).toHaveLength(1);

    // Clearing the highlight from the select; the whole model from the scope switch.
    await page.getByLabel('Highlight KPI').selectOption('');
    await expect.poll(() => highlighted.count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('kpi')).toBeNull();
    await page.locator('label', { hasText: 'Whole catalog model' }).click();
    await expect.poll(() => classes.count(), wait).toBe(model.objects.length);
  });

  it('fits the diagram above the key-hint caption: the lowest class ends above the caption', {
    timeout: 240_000,
  }, async () => {
    const { stack, page } = session;
    // Wide and short, so that the height bounds the fit and the lowest class reaches the bottom of the view.
    await page.setViewportSize({ width: 1600, height: 640 });
    await signIn(page, stack.ui.config, eddie, '/diagram');
    const classes = page.getByTestId('uml-class');
    await expect.poll(() => classes.count(), wait).toBe(model.objects.length);
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.getByRole('button', { name: 'Fit to view' }).click();
    const geometry = () =>
      page.evaluate(() => {
        const caption = document.getElementById('uml-diagram-keys')!.getBoundingClientRect();
        const boxes = [...document.querySelectorAll('[data-testid="uml-class"]')].map((g) =>
          g.getBoundingClientRect(),
        );
        const lowest = boxes.reduce((a, b) => (b.bottom > a.bottom ? b : a));
        const svg = document.querySelector('[data-testid="uml-diagram"]')!.getBoundingClientRect();
        return { captionTop: caption.top, lowestBottom: lowest.bottom, svgBottom: svg.bottom };
      });
    // The fit is applied through a zoom transform: wait until it has settled.
    await expect
      .poll(async () => (await geometry()).lowestBottom, wait)
      .toBeLessThan((await geometry()).svgBottom);
    const { captionTop, lowestBottom } = await geometry();
    console.log(
      `fit to view: lowest class bottom ${lowestBottom.toFixed(1)} px, caption top ${captionTop.toFixed(1)} px`,
    );
    expect(lowestBottom).toBeLessThanOrEqual(captionTop);
  });
});
