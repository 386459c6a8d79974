/**
 * The Data → Mapping page in Chromium: an owner starts a mapping of a discovered stream, maps columns by
 * accepting a suggestion, by dragging with the mouse and by keyboard alone (each step announced), edits a
 * transform, sees the preview's errors and the KPI completeness change, and publishes with a summary.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from '../ui/testing/browser-session';
import { signIn, skipReason } from '../ui/testing/browser-stack';
import { type MappingWorld, startMappingWorld } from './testing/mapping-world';

const OLIVIA = 'olivia@contoso.example'; // owner
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });
const sourceOf = (page: Page, field: string) => page.getByTestId(`source-${field}`).textContent();
const otif = (page: Page) =>
  page.locator('[data-testid="kpi-completeness"][data-kpi-id="otif-rate"]').getAttribute('data-status');

describe.skipIf(skipReason !== undefined)('Mapping page in Chromium', () => {
  const session = useBrowserSession<MappingWorld>({ start: startMappingWorld, defaultTimeout: 20_000 });

  it('maps by suggestion, mouse and keyboard; completeness and preview follow; publishes with a summary', async () => {
    const { stack: world, page } = session;
    await signIn(page, world.ui, OLIVIA, '/data/mapping');
    await page.getByRole('heading', { name: 'Mapping', level: 1 }).waitFor();
    await page.getByLabel('Source').selectOption('tms');
    await page.getByLabel('Stream').selectOption('shipments');
    await page.getByLabel('Object').selectOption('Shipment');
    await page.getByRole('button', { name: 'Start mapping' }).click();
    await page.getByTestId('column-shipment_no').waitFor();
    await poll(() => otif(page)).not.toBe('ready');

    // A suggestion, accepted with one click.
    await page.getByTestId('accept-shippedAt').click();
    await poll(() => sourceOf(page, 'shippedAt')).toBe('← shipped_at');

    // The mouse: drag a column onto a field (both in view: the click above scrolled the page).
    await page.getByTestId('column-shipment_no').scrollIntoViewIfNeeded();
    const from = await page.getByTestId('column-shipment_no').boundingBox();
    const to = await page.getByTestId('field-id').boundingBox();
    if (!from || !to) throw new Error('no layout');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 20, from.y + from.height / 2 + 10, { steps: 4 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await page.mouse.up();
    const live = page.locator('[id^="DndLiveRegion"]');
    await poll(
      async () => `${await live.textContent()} | ${await page.getByTestId('mapping-status').textContent()}`,
    ).toContain('Column shipment_no mapped to field id.');
    await poll(() => sourceOf(page, 'id')).toBe('← shipment_no');

    // The keyboard alone: pick up, jump field to field (announced), drop.
    const keyboardDrop = async (column: string, field: string) => {
      await page.getByTestId(`column-${column}`).focus();
      await page.keyboard.press('Space');
      await poll(() => live.textContent()).toMatch(new RegExp(`(Picked up column|Column) ${column}`));
      // Like a keyboard user listening: up or down until the announcement names the field.
      const order = await page
        .locator('[data-testid^="field-"]')
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.testid?.slice('field-'.length)));
      for (let i = 0; i < 60; i++) {
        const over = /over field (\w+)\./.exec((await live.textContent()) ?? '')?.[1];
        if (over === field) break;
        const ahead = over === undefined || order.indexOf(over) < order.indexOf(field);
        const before = await live.textContent();
        await page.keyboard.press(ahead ? 'ArrowDown' : 'ArrowUp');
        // Each move is announced before the next key (a listener waits for it too).
        await poll(() => live.textContent()).not.toBe(before);
      }
      expect(await live.textContent()).toContain(`over field ${field}.`);
      await page.keyboard.press('Space');
      await poll(() => live.textContent()).toContain(`Column ${column} mapped to field ${field}.`);
      await poll(() => sourceOf(page, field)).toBe(`← ${column}`);
    };
    await keyboardDrop('promised_at', 'promisedAt');
    await keyboardDrop('delivered_at', 'deliveredAt');
    await keyboardDrop('in_full', 'isInFull');

    // Completeness follows every drop: OTIF needs exactly these fields.
    await poll(() => otif(page)).toBe('ready');
    expect(await page.getByTestId('mapping-status').textContent()).toContain('otif-rate is now ready');

    // The preview highlights the cells that fail, with their codes (row 2's shipped_at is not a date).
    const errors = page.getByTestId('preview-error');
    await poll(() => errors.allTextContents()).toEqual(['VALUE.BAD_DATE']);
    expect(await errors.first().getAttribute('title')).toContain('not a date');
    expect(await page.getByTestId('preview-summary').textContent()).toBe('2 sample rows: 1 map, 1 fail');

    // A transform, edited as JSON: Y/N cast to the field's boolean.
    await page.getByRole('button', { name: 'Edit transform of isInFull' }).click();
    await page
      .getByLabel('Source of isInFull (JSON: a column or a transform)')
      .fill(JSON.stringify({ transform: { kind: 'cast', column: 'in_full' } }));
    await page.getByRole('button', { name: 'Save transform' }).click();
    await poll(() => sourceOf(page, 'isInFull')).toBe('← cast(in_full)');
    expect(await errors.allTextContents()).toEqual(['VALUE.BAD_DATE']);

    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await poll(() => page.getByTestId('mapping-status').textContent()).toContain('Published version 1');
    // The versions line follows from the reloaded mapping, which may land after the status line.
    await poll(() => page.getByTestId('mapping-versions').textContent()).toContain('published v1');
  });
});
