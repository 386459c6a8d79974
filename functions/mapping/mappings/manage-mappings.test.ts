import type { ClientKpi } from '@kpi/shared/contracts/client-app';
import type { StoredSource } from '@kpi/shared/contracts/source';
import { loadCatalog } from '@kpi/shared/domain/catalog/load-catalog';
import { FormulaEngine } from '@kpi/shared/domain/formula/engine';
import type { VerifiedSnapshot } from '@kpi/shared/license/catalog-snapshot';
import { systemScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { describe, expect, it } from 'vitest';
import { previewFor, suggestionsFor } from './inspect-mapping';
import { createMapping, getMapping, listMappings, updateDraft } from './manage-mappings';
import { completenessOf } from './mapping-completeness';
import { fakeDeps } from './mapping-fakes';
import { diffVersions, listAudit, listVersions, publishDraft, validateWorkingCopy } from './publish-mapping';

const catalog = loadCatalog();
const engine = new FormulaEngine(catalog.objects, new Map(catalog.kpis.map((k) => [k.id, k.formula])));
const KPIS = ['otif-rate'];
const snapshot: VerifiedSnapshot = {
  licenseId: 'lic-1',
  catalogVersion: '1',
  kpis: new Map(
    KPIS.map((id) => [id, { id, requirements: engine.requirementsOf(id) } as unknown as ClientKpi]),
  ),
  selected: new Set(KPIS),
  objects: new Map(catalog.objects.filter((o) => o.name === 'Shipment').map((o) => [o.name, o])),
};

const tms: StoredSource = {
  id: 'tms',
  tenantId: 'contoso',
  name: 'TMS',
  status: 'ready',
  providesObjects: ['Shipment'],
  origin: { kind: 'client' },
  secretRefs: [],
  discovered: {
    discoveredAt: '2026-12-07T09:00:00.000Z',
    streams: [
      {
        name: 'shipments',
        columns: ['id', 'shipped_at', 'promised_at', 'delivered_at', 'in_full'].map((name) => ({
          name,
          type: name === 'id' ? 'string' : name === 'in_full' ? 'string' : 'datetime',
          sourceType: 'text',
          nullable: true,
        })),
        keyCandidates: [['id']],
        cursorCandidates: ['shipped_at'],
        rowEstimate: 2,
        sampleRows: [
          {
            id: 'S1',
            shipped_at: '2026-01-02T10:00:00Z',
            promised_at: '2026-01-05T10:00:00Z',
            delivered_at: '2026-01-04T10:00:00Z',
            in_full: 'yes',
          },
          {
            id: 'S2',
            shipped_at: 'garbage',
            promised_at: '2026-01-06T10:00:00Z',
            delivered_at: null,
            in_full: 'no',
          },
        ],
      },
    ],
  },
  createdAt: '2026-12-07T09:00:00.000Z',
  createdBy: 'olivia@contoso.example',
  updatedAt: '2026-12-07T09:00:00.000Z',
  updatedBy: 'olivia@contoso.example',
};

const scope = systemScope('contoso', 'unit test');
const OLIVIA = 'olivia@contoso.example';
const setup = (o: { sources?: StoredSource[]; snapshot?: VerifiedSnapshot | undefined } = {}) =>
  fakeDeps({ sources: o.sources ?? [tms], snapshot: 'snapshot' in o ? o.snapshot : snapshot });
const code = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: { code?: string }) => e.code,
  );
const request = { sourceId: 'tms', stream: 'shipments', object: 'Shipment' };
const BASE = {
  id: { column: 'id' },
  shippedAt: { column: 'shipped_at' },
  promisedAt: { column: 'promised_at' },
};

describe('mapping drafts', () => {
  it('refuses unknown or unready sources, streams and objects with their codes, changing nothing', async () => {
    const deps = setup({ sources: [tms, { ...tms, id: 'crm', status: 'draft' }] });
    expect(await code(createMapping(deps, scope, OLIVIA, { ...request, sourceId: 'nope' }))).toBe(
      'MAPPING.SOURCE_NOT_FOUND',
    );
    expect(await code(createMapping(deps, scope, OLIVIA, { ...request, sourceId: 'crm' }))).toBe(
      'MAPPING.SOURCE_NOT_READY',
    );
    expect(await code(createMapping(deps, scope, OLIVIA, { ...request, stream: 'orders' }))).toBe(
      'MAPPING.STREAM_UNKNOWN',
    );
    expect(await code(createMapping(deps, scope, OLIVIA, { ...request, object: 'Invoice' }))).toBe(
      'MAPPING.OBJECT_UNKNOWN',
    );
    expect(await code(createMapping(setup({ snapshot: undefined }), scope, OLIVIA, request))).toBe(
      'MAPPING.CATALOG_UNAVAILABLE',
    );
    expect(deps.mappings.drafts.size + deps.mappings.audit.length).toBe(0);
  });

  it('creates one draft per source stream × object, with the columns and their samples', async () => {
    const deps = setup();
    const view = await createMapping(deps, scope, OLIVIA, request);
    expect(view.draft).toMatchObject({ version: 1, status: 'draft', fields: {} });
    expect(view.columns.find((c) => c.name === 'in_full')?.samples).toEqual(['yes', 'no']);
    expect(await code(createMapping(deps, scope, OLIVIA, request))).toBe('MAPPING.EXISTS');
    expect((await listMappings(deps, scope, { object: 'Shipment' })).items).toHaveLength(1);
    expect((await listMappings(deps, scope, { sourceId: 'other' })).items).toHaveLength(0);
  });

  it('saves with If-Match, validates, publishes versions with a diff, keeps the audit', async () => {
    const deps = setup();
    const { id, etag } = await createMapping(deps, scope, OLIVIA, request);
    const saved = await updateDraft(deps, scope, OLIVIA, id, BASE, etag);
    expect(await code(updateDraft(deps, scope, OLIVIA, id, {}, etag))).toBe('CONCURRENCY.CONFLICT');

    expect(await code(publishDraft(deps, scope, OLIVIA, id))).toBe('resolved');
    expect(deps.mappings.live.get(id)?.item).toMatchObject({
      version: 1,
      status: 'published',
      publishedBy: OLIVIA,
    });
    expect(await code(publishDraft(deps, scope, OLIVIA, id))).toBe('MAPPING.NO_DRAFT');
    expect(await code(updateDraft(deps, scope, OLIVIA, id, BASE, saved.etag))).toBe('CONCURRENCY.CONFLICT');

    const next = { ...BASE, deliveredAt: { column: 'delivered_at' }, shippedAt: { column: 'promised_at' } };
    const v2 = await updateDraft(deps, scope, OLIVIA, id, next, undefined);
    expect(v2.draft?.version).toBe(2);
    const published = await publishDraft(deps, scope, OLIVIA, id);
    expect(published.diff).toMatchObject({
      fromVersion: 1,
      toVersion: 2,
      added: [{ field: 'deliveredAt' }],
      changed: [{ field: 'shippedAt' }],
      removed: [],
    });
    expect((await listVersions(deps, scope, id)).items.map((v) => v.version)).toEqual([1, 2]);
    expect((await diffVersions(deps, scope, id, 2, 1)).removed.map((r) => r.field)).toEqual(['deliveredAt']);
    expect(await code(diffVersions(deps, scope, id, 9, 1))).toBe('MAPPING.VERSION_NOT_FOUND');
    expect((await listAudit(deps, scope, id)).items.map((a) => a.action)).toEqual([
      'created',
      'draft-updated',
      'published',
      'draft-updated',
      'published',
    ]);
    expect((await getMapping(deps, scope, id)).draft).toBeNull();
  });

  it('refuses to publish a draft with errors (issues with field and code) and changes nothing', async () => {
    const deps = setup();
    const { id } = await createMapping(deps, scope, OLIVIA, request);
    await updateDraft(deps, scope, OLIVIA, id, { ...BASE, isInFull: { column: 'no_such' } }, undefined);
    const checked = await validateWorkingCopy(deps, scope, id);
    expect(checked.publishable).toBe(false);
    expect(checked.issues).toContainEqual(
      expect.objectContaining({ field: 'isInFull', code: 'MAPPING.COLUMN_UNKNOWN' }),
    );
    const err = await publishDraft(deps, scope, OLIVIA, id).catch(
      (e: { code: string; details: unknown }) => e,
    );
    expect(err).toMatchObject({ code: 'MAPPING.INVALID', details: { issues: expect.any(Array) } });
    expect(deps.mappings.live.size + deps.mappings.versions.length).toBe(0);
  });

  it('suggests columns, previews cells with their errors, and tells what each mapping buys', async () => {
    const deps = setup();
    const { id } = await createMapping(deps, scope, OLIVIA, request);
    const suggestions = await suggestionsFor(deps, scope, id);
    expect(suggestions.fields.find((f) => f.field === 'shippedAt')?.candidates[0]?.column).toBe('shipped_at');

    const preview = await previewFor(deps, scope, id, BASE);
    expect(preview.rows[1]?.cells.shippedAt).toMatchObject({ error: { code: 'VALUE.BAD_DATE' } });
    expect(preview.summary).toEqual({ rows: 2, ok: 1, failed: 1 });

    expect((await completenessOf(deps, scope, 'draft')).kpis[0]?.status).toBe('partial');
    await updateDraft(
      deps,
      scope,
      OLIVIA,
      id,
      {
        ...BASE,
        deliveredAt: { column: 'delivered_at' },
        isInFull: { transform: { kind: 'enum', column: 'in_full', values: { yes: 'true', no: 'false' } } },
      },
      undefined,
    );
    const after = await completenessOf(deps, scope, 'draft');
    expect(after.kpis[0]?.status).toBe('ready');
    expect(after.mappings[0]?.buys).toEqual([{ kpiId: 'otif-rate', from: 'blocked', to: 'ready' }]);
    expect((await completenessOf(deps, scope, 'published')).kpis[0]?.status).toBe('blocked');
  });
});
