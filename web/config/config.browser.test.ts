import type { CatalogTreeResponse, TreeNode } from '@kpi/web-ui/catalog';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  apiGet,
  launchBrowser,
  type PageWatch,
  signIn,
  skipReason,
  startUiStack,
  type UiStack,
  watchPage,
} from '../ui/testing/browser-stack';

if (skipReason) console.warn(`Config browser tests skipped: ${skipReason}`);

const olivia = 'olivia@contoso.example';

function firstKpi(nodes: TreeNode[]): TreeNode | undefined {
  for (const n of nodes) {
    if (n.kind === 'kpi') return n;
    const found = firstKpi(n.children ?? []);
    if (found) return found;
  }
  return undefined;
}

describe.skipIf(skipReason !== undefined)('Config UI in Chromium', () => {
  let stack: UiStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watch: PageWatch;
  let errors: string[];
  let catalog: CatalogTreeResponse;

  beforeAll(async () => {
    stack = await startUiStack();
    browser = await launchBrowser();
    catalog = await apiGet<CatalogTreeResponse>(stack, 'metadata/tree', olivia);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    watch = watchPage(page, stack.issuer);
    errors = watch.errors;
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') console.error(await watch.describe());
    await context.close();
    expect(errors).toEqual([]);
  });

  it('signs in and shows the catalog tree with the user, tenant and role', async () => {
    expect(catalog.industries.length).toBeGreaterThan(0);
    await signIn(page, stack.ui.config, olivia);
    const header = page.locator('header');
    await expect.poll(() => header.getByTestId('user-tenant').textContent()).toContain('contoso');
    expect(await header.getByTestId('user-roles').textContent()).toContain('owner');
    const tree = page.getByRole('tree', { name: 'KPI catalog' });
    await tree.waitFor();
    const top = tree.locator(':scope > [role="treeitem"]');
    expect(await top.count()).toBe(catalog.industries.length);
    const first = catalog.industries[0]!;
    await expect.poll(() => top.first().textContent()).toContain(first.name);
    expect(await top.first().textContent()).toContain(String(first.count));
  });

  it('expands with the keyboard and filters as the user types', async () => {
    await signIn(page, stack.ui.config, olivia);
    const first = page.getByRole('treeitem').first();
    await first.focus();
    expect(await first.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => first.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    const child = catalog.industries[0]!.children![0]!;
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toContain(child.name);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => first.getAttribute('aria-expanded')).toBe('false');

    const kpi = firstKpi(catalog.industries)!;
    await page.getByLabel('Search the catalog').fill(kpi.name);
    const match = page.locator('[role="treeitem"][data-kind="kpi"]', { hasText: kpi.name });
    await match.first().waitFor();
    await page.getByLabel('Search the catalog').fill('zz-no-such-kpi-zz');
    await page.getByText('No matches').waitFor();
  });

  it('serves deep links through index.html and signs out', async () => {
    await signIn(page, stack.ui.config, olivia, '/no/such/page');
    await page.getByText('Page not found').waitFor();
    await page.getByRole('link', { name: 'Go to the start page' }).click();
    await page.getByRole('tree').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out').waitFor();
    expect(new URL(page.url()).origin).toBe(new URL(stack.ui.config).origin);
  });
});
