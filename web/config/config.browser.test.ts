import type { ConfigurationView, Tenant } from '@kpi/shared/contracts/demo-config';
import { type CatalogTreeResponse, filterTree, type TreeNode } from '@kpi/web-ui/catalog';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowserSession } from '../ui/testing/browser-session';
import { apiGet, signIn, skipReason } from '../ui/testing/browser-stack';

if (skipReason) console.warn(`Config browser tests skipped: ${skipReason}`);

const olivia = 'olivia@contoso.example';
const ada = 'ada@vendor.example';
const seededConfiguration = 'contoso-plant-analytics';

function firstKpi(nodes: TreeNode[]): TreeNode | undefined {
  for (const n of nodes) {
    if (n.kind === 'kpi') return n;
    const found = firstKpi(n.children ?? []);
    if (found) return found;
  }
  return undefined;
}

/** expect.poll with a timeout for a loaded machine (the default is 1 s). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

describe.skipIf(skipReason !== undefined)('Config UI in Chromium', () => {
  const session = useBrowserSession({ defaultTimeout: 20_000 });
  let catalog: CatalogTreeResponse;

  beforeAll(async () => {
    catalog = await apiGet<CatalogTreeResponse>(session.stack, 'metadata/tree', olivia);
  });

  /** Chromium logs a refused request as a console error: drop the one a test provoked on purpose. */
  function expectRefused(status: number) {
    const { errors } = session.watch;
    const at = errors.findIndex((e) => e.includes(`status of ${status}`));
    expect(at, `a ${status} was logged`).toBeGreaterThanOrEqual(0);
    errors.splice(at, 1);
  }

  it('opens on the configurations page and browses the catalog tree at /catalog', {
    timeout: 120_000,
  }, async () => {
    const { stack, page } = session;
    expect(catalog.industries.length).toBeGreaterThan(0);
    await signIn(page, stack.ui.config, olivia);
    const header = page.locator('header');
    await poll(() => header.getByTestId('user-tenant').textContent()).toContain('contoso');
    expect(await header.getByTestId('user-roles').textContent()).toContain('owner');
    // The tenant is fixed for tenant users: shown, not a switcher.
    await poll(() => page.getByTestId('workspace-tenant').textContent()).toBe('Contoso Manufacturing');
    expect(await page.getByTestId('tenant-switcher').count()).toBe(0);
    await page.getByTestId(`configuration-row-${seededConfiguration}`).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog' }).click();
    const tree = page.getByRole('tree', { name: 'KPI catalog' });
    await tree.waitFor();
    await page.getByTestId('no-configuration-hint').waitFor();
    // Without a current configuration the tree only browses: no checkboxes.
    expect(await tree.getByRole('checkbox').count()).toBe(0);
    const top = tree.locator('[role="treeitem"][aria-level="1"]');
    expect(await top.count()).toBe(catalog.industries.length);
    const first = catalog.industries[0]!;
    await poll(() => top.first().textContent()).toContain(first.name);
    expect(await top.first().textContent()).toContain(String(first.count));
  });

  it('expands with the keyboard and filters as the user types, fast', { timeout: 120_000 }, async () => {
    const { stack, page } = session;
    await signIn(page, stack.ui.config, olivia, '/catalog');
    const first = page.getByRole('treeitem').first();
    await first.focus();
    expect(await first.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowRight');
    await poll(() => first.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    const child = catalog.industries[0]!.children![0]!;
    await poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain(child.name);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await poll(() => first.getAttribute('aria-expanded')).toBe('false');

    const kpi = firstKpi(catalog.industries)!;
    const search = page.getByLabel('Search the catalog');
    await search.fill(kpi.name);
    const match = page.locator('[role="treeitem"][data-kind="kpi"]', { hasText: kpi.name });
    await match.first().waitFor();
    await search.fill('zz-no-such-kpi-zz');
    await page.getByText('No matches').waitFor();

    // Typing one character at a time: after each keystroke the tree shows what the catalog filter finds
    // for that query (its speed is measured by `npm run bench -- catalog-filter`, not here).
    await search.fill('');
    const count = page.getByTestId('tree-result-count');
    await poll(() => count.getAttribute('data-query')).toBe('');
    const word = firstKpi(catalog.industries)!.name.slice(0, 6).toLowerCase();
    let rows = 0;
    for (const q of [...[...word].map((_, i) => word.slice(0, i + 1)), '', 'r', 'ra', 'rat', 'rate']) {
      await search.fill(q);
      await poll(() => count.getAttribute('data-query')).toBe(q);
      if (q) expect(Number(await count.textContent())).toBe(filterTree(catalog.industries, q).matches);
      rows = Math.max(rows, await page.locator('[role="treeitem"]').count());
    }
    expect(rows).toBeGreaterThan(100);

    // The whole catalog open (every industry, value chain and use case) renders every row.
    await search.fill('');
    await poll(() => count.getAttribute('data-query')).toBe('');
    await page.getByRole('button', { name: 'Expand all' }).click();
    await poll(() => page.locator('[role="treeitem"][data-kind="kpi"]').count()).toBeGreaterThan(
      catalog.kpiCount,
    );
    await page.getByRole('button', { name: 'Collapse all' }).click();
    await poll(() => page.locator('[role="treeitem"]').count()).toBe(catalog.industries.length);
    expect(Number(await count.textContent())).toBeGreaterThan(0);
  });

  it('serves deep links through index.html and signs out', { timeout: 120_000 }, async () => {
    const { stack, page } = session;
    await signIn(page, stack.ui.config, olivia, '/no/such/page');
    await page.getByText('Page not found').waitFor();
    await page.getByRole('link', { name: 'Go to the start page' }).click();
    await page.getByRole('table', { name: 'Configurations' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out').waitFor();
    expect(new URL(page.url()).origin).toBe(new URL(stack.ui.config).origin);
  });

  it('creates, renames, proposes, reopens and deletes a configuration; a stale edit is refused', {
    timeout: 180_000,
  }, async () => {
    const { stack, page } = session;
    await signIn(page, stack.ui.config, olivia);
    await page.getByRole('button', { name: 'New configuration' }).click();
    const create = page.getByRole('form', { name: 'New configuration' });
    await create.getByLabel('Name', { exact: true }).fill('Pilot scope');
    await create.getByLabel('Description (optional)').fill('First plant only');
    await create.getByRole('button', { name: 'Create draft' }).click();
    const detail = page.getByTestId('configuration-detail');
    await poll(() => detail.locator('h3').textContent()).toBe('Pilot scope');
    await poll(() => page.getByTestId('workspace-configuration').textContent()).toBe('Pilot scope');
    const list = await apiGet<{ items: ConfigurationView[] }>(
      stack,
      'demo-config/tenants/contoso/configurations',
      olivia,
    );
    const created = list.items.find((c) => c.name === 'Pilot scope')!;
    expect(created.status).toBe('draft');
    const row = page.getByTestId(`configuration-row-${created.id}`);
    expect(await row.getAttribute('aria-current')).toBe('true');

    await detail.getByRole('button', { name: 'Rename or describe' }).click();
    await detail.getByLabel('Name', { exact: true }).fill('Pilot scope — plant 1');
    await detail.getByRole('button', { name: 'Save' }).click();
    await poll(() => detail.locator('h3').textContent()).toBe('Pilot scope — plant 1');

    // Empty configurations cannot be proposed (CONFIGURATION.EMPTY): the button says so instead of failing.
    expect(await detail.getByRole('button', { name: 'Propose to client' }).isDisabled()).toBe(true);
    const path = `demo-config/tenants/contoso/configurations/${created.id}`;
    const kpiId = firstKpi(catalog.industries)!.id;
    const withKpi = await fetch(`${stack.api}/${path}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${await stack.token(olivia)}`,
        'content-type': 'application/json',
        'if-match': (await apiGet<ConfigurationView>(stack, path, olivia)).etag,
      },
      body: JSON.stringify({ kpiIds: [kpiId] }),
    });
    expect(withKpi.status).toBe(200);
    await page.reload();
    await poll(() => row.locator('td').nth(2).textContent()).toBe('1');

    await detail.getByLabel('Comment for the status change (optional)').fill('Sent to Olivia for review');
    await detail.getByRole('button', { name: 'Propose to client' }).click();
    await poll(() => row.getByTestId('status-badge').getAttribute('data-status')).toBe('proposed');
    const history = detail.getByRole('list', { name: 'Status history' });
    await poll(() => history.textContent()).toContain('Sent to Olivia for review');
    // Proposed: content frozen (no rename, no delete); an owner may sign or reopen.
    expect(await detail.getByRole('button', { name: 'Rename or describe' }).count()).toBe(0);
    expect(await detail.getByRole('button', { name: 'Delete draft' }).count()).toBe(0);
    await detail.getByRole('button', { name: 'Sign' }).waitFor();
    await detail.getByRole('button', { name: 'Back to draft' }).click();
    await poll(() => row.getByTestId('status-badge').getAttribute('data-status')).toBe('draft');
    expect(await history.locator('li').count()).toBe(2);

    // Someone else renames it meanwhile: this page's etag is stale, the save is refused and reloaded.
    await detail.getByRole('button', { name: 'Rename or describe' }).click();
    const fresh = await apiGet<ConfigurationView>(stack, path, olivia);
    const res = await fetch(`${stack.api}/${path}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${await stack.token(olivia)}`,
        'content-type': 'application/json',
        'if-match': fresh.etag,
      },
      body: JSON.stringify({ name: 'Renamed elsewhere' }),
    });
    expect(res.status).toBe(200);
    await detail.getByLabel('Name', { exact: true }).fill('My rename');
    await detail.getByRole('button', { name: 'Save' }).click();
    await poll(() => page.getByTestId('configuration-notice').textContent()).toContain(
      'Someone else changed',
    );
    await poll(() => detail.locator('h3').textContent()).toBe('Renamed elsewhere');
    expectRefused(412);

    await detail.getByRole('button', { name: 'Delete draft' }).click();
    await detail.getByRole('button', { name: 'Delete permanently' }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByText('No configuration chosen').waitFor();
    const after = await apiGet<{ items: ConfigurationView[] }>(
      stack,
      'demo-config/tenants/contoso/configurations',
      olivia,
    );
    expect(after.items.some((c) => c.id === created.id)).toBe(false);
  });

  it('an owner signs a proposed configuration, which is then final', { timeout: 180_000 }, async () => {
    const { stack, page } = session;
    const token = await stack.token(olivia);
    const call = async (method: string, path: string, body: unknown, etag?: string) => {
      const res = await fetch(`${stack.api}/${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          ...(etag ? { 'if-match': etag } : {}),
        },
        body: JSON.stringify(body),
      });
      expect(res.status, `${method} ${path}`).toBeLessThan(300);
      return (await res.json()) as ConfigurationView;
    };
    const base = 'demo-config/tenants/contoso/configurations';
    const created = await call('POST', base, {
      name: 'Signed scope',
      kpiIds: [firstKpi(catalog.industries)!.id],
    });
    await call('POST', `${base}/${created.id}/status`, { to: 'proposed' }, created.etag);

    await signIn(page, stack.ui.config, olivia);
    await page.getByRole('button', { name: 'Work on Signed scope' }).click();
    const detail = page.getByTestId('configuration-detail');
    await poll(() => detail.locator('h3').textContent()).toBe('Signed scope');
    await detail.getByLabel('Comment for the status change (optional)').fill('Signed by the plant director');
    await detail.getByRole('button', { name: 'Sign' }).click();
    const row = page.getByTestId(`configuration-row-${created.id}`);
    await poll(() => row.getByTestId('status-badge').getAttribute('data-status')).toBe('signed');
    await detail.getByText('Signed: the configuration is final.').waitFor();
    for (const name of ['Sign', 'Back to draft', 'Propose to client', 'Rename or describe', 'Delete draft'])
      expect(await detail.getByRole('button', { name, exact: true }).count()).toBe(0);
    const history = detail.getByRole('list', { name: 'Status history' });
    expect(await history.locator('li').count()).toBe(2);
    expect(await history.locator('li').first().textContent()).toContain('Signed by the plant director');
    const stored = await apiGet<ConfigurationView>(stack, `${base}/${created.id}`, olivia);
    expect(stored.status).toBe('signed');
    expect(stored.statusHistory.at(-1)).toMatchObject({ from: 'proposed', to: 'signed', by: olivia });
  });

  it('lets vendor staff switch tenants and create one', { timeout: 180_000 }, async () => {
    const { stack, page } = session;
    await signIn(page, stack.ui.config, ada);
    await page.getByText('Choose a tenant', { exact: true }).waitFor();
    const switcher = page.getByTestId('tenant-switcher');
    await poll(() => switcher.locator('option').count()).toBeGreaterThanOrEqual(3);
    await switcher.selectOption('fabrikam');
    await page.getByText('No configurations yet').waitFor();
    await switcher.selectOption('contoso');
    await page.getByTestId(`configuration-row-${seededConfiguration}`).waitFor();
    await page.getByRole('button', { name: 'Work on Plant performance analytics' }).click();
    await poll(() => page.getByTestId('workspace-configuration').textContent()).toBe(
      'Plant performance analytics',
    );
    // Another tenant has its own current configuration (none yet): contoso's is not shown under it.
    await page.getByTestId('tenant-switcher').selectOption('fabrikam');
    await page.getByText('No configurations yet').waitFor();
    expect(await page.getByTestId('workspace-configuration').count()).toBe(0);
    await page.getByText('No configuration chosen').waitFor();
    await page.getByTestId('tenant-switcher').selectOption('contoso');
    await poll(() => page.getByTestId('workspace-configuration').textContent()).toBe(
      'Plant performance analytics',
    );
    // Remembered across a reload.
    await page.reload();
    await page.getByTestId(`configuration-row-${seededConfiguration}`).waitFor();
    await poll(() => page.getByTestId('workspace-configuration').textContent()).toBe(
      'Plant performance analytics',
    );
    expect(await switcher.inputValue()).toBe('contoso');

    await page.getByRole('button', { name: 'New tenant' }).click();
    const dialog = page.getByRole('dialog', { name: 'New tenant' });
    await dialog.getByRole('button', { name: 'Create tenant' }).click();
    await dialog.getByTestId('error-name').waitFor();
    await dialog.getByTestId('error-industryId').waitFor();
    await dialog.getByLabel('Client name').fill('Contoso');
    expect(await dialog.getByLabel('Tenant id').inputValue()).toBe('contoso');
    await dialog.getByLabel('Industry').selectOption(catalog.industries[0]!.id);
    await dialog.getByRole('button', { name: 'Create tenant' }).click();
    // The API refuses a taken id (TENANT.CONFLICT), shown on the id field.
    await poll(() => dialog.getByTestId('error-tenantId').textContent()).toContain('already exists');
    expectRefused(409);
    await dialog.getByLabel('Tenant id').fill('northwind');
    await dialog.getByLabel('Client name').fill('Northwind Traders');
    await dialog.getByRole('button', { name: 'Add contact' }).click();
    await dialog.getByLabel('Contact 1 name').fill('Nora North');
    await dialog.getByLabel('Contact 1 e-mail').fill('nora@northwind.example');
    await dialog.getByRole('button', { name: 'Create tenant' }).click();
    await dialog.waitFor({ state: 'detached' });
    await poll(() => switcher.inputValue()).toBe('northwind');
    await page.getByText('No configurations yet').waitFor();
    const tenant = await apiGet<Tenant>(stack, 'demo-config/tenants/northwind', ada);
    expect(tenant).toMatchObject({ name: 'Northwind Traders', industryId: catalog.industries[0]!.id });
    expect(tenant.contacts).toEqual([{ name: 'Nora North', email: 'nora@northwind.example', role: 'owner' }]);
  });
});
