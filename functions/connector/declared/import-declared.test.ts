import type { DataSource } from '@kpi/shared/contracts/demo-config';
import type { StoredSource } from '@kpi/shared/contracts/source';
import { systemScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { conflict } from '@kpi/shared/platform/errors';
import { describe, expect, it } from 'vitest';
import { declaredSourceId, type ImportDeps, importDeclared } from './import-declared';

const declaration = (id: string, type: DataSource['type']): DataSource => ({
  id,
  tenantId: 'contoso',
  configurationId: 'cfg',
  type,
  name: `${type} source`,
  objects: [{ name: 'WorkOrder', fields: [] }],
  createdBy: 'olivia@contoso.example',
  createdAt: '2026-01-01T00:00:00.000Z',
});

function fakeDeps(items: DataSource[]) {
  const stored = new Map<string, StoredSource>();
  const deps: ImportDeps = {
    declarations: { declared: async () => ({ configurationId: 'cfg', items }) },
    clock: () => new Date('2026-02-01T00:00:00Z'),
    sources: {
      getVersioned: async (_scope, id) => {
        const item = stored.get(id);
        return item ? { item, etag: '"1"' } : undefined;
      },
      create: async (_scope, item) => {
        if (stored.has(item.id)) throw conflict('DATA_SOURCE.CONFLICT', 'exists');
        const full = { ...item, tenantId: 'contoso' } as StoredSource;
        stored.set(item.id, full);
        return { item: full, etag: '"1"' };
      },
    },
  };
  return { deps, stored };
}

describe('importDeclared', () => {
  it('makes drafts, and unavailable sources with the reason, once per declaration', async () => {
    const { deps, stored } = fakeDeps([declaration('d1', 'postgresql'), declaration('d2', 'salesforce')]);
    const scope = systemScope('contoso', 'test');
    const first = await importDeclared(deps, scope, 'system');
    expect(first.created).toEqual([declaredSourceId('cfg', 'd1'), declaredSourceId('cfg', 'd2')]);
    expect(stored.get(declaredSourceId('cfg', 'd1'))).toMatchObject({
      status: 'draft',
      declaredType: 'postgresql',
      providesObjects: ['WorkOrder'],
      origin: { kind: 'config', configurationId: 'cfg', declaredSourceId: 'd1' },
      secretRefs: [],
    });
    const sf = stored.get(declaredSourceId('cfg', 'd2'));
    expect(sf?.status).toBe('unavailable');
    expect(sf?.unavailableReason).toMatch(/Salesforce sources are not yet available/);
    const second = await importDeclared(deps, scope, 'system');
    expect(second).toEqual({ configurationId: 'cfg', created: [], unchanged: first.created });
  });
});
