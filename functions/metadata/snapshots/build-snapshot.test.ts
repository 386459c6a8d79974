import { verify } from 'node:crypto';
import { loadCatalog } from '@kpi/shared/domain/catalog/load-catalog';
import { newKeyRing, publicJwks, publicKeyObject } from '@kpi/shared/license/key-ring';
import { describe, expect, it } from 'vitest';
import { CatalogViews } from '../catalog/catalog-views';
import { buildSnapshot } from './build-snapshot';
import { SnapshotSigner } from './snapshot-signer';

const views = new CatalogViews(loadCatalog());
const input = {
  views,
  tenantId: 'contoso',
  deploymentId: 'plant-1',
  licenseId: 'lic_1',
  selected: ['revenue-growth', 'otif-rate', 'no-such-kpi'],
  custom: new Map(),
};

describe('buildSnapshot', () => {
  it('adds referenced KPIs as not selected, the objects all of them need, and names unknown ids', () => {
    const s = buildSnapshot(input);
    expect(s.kpis.map((k) => [k.id, k.selected])).toEqual([
      ['net-revenue', false],
      ['otif-rate', true],
      ['revenue-growth', true],
    ]);
    const needed = new Set(s.kpis.flatMap((k) => k.requirements.objects.map((o) => o.name)));
    expect(s.objects.map((o) => o.name)).toEqual([...needed].sort());
    expect(s.unknownKpiIds).toEqual(['no-such-kpi']);
  });

  it('is deterministic: same content, same JWS and ETag; other content, other ETag', () => {
    const ring = newKeyRing(new Date('2026-01-01T00:00:00Z'));
    const signer = new SnapshotSigner(ring);
    const a = signer.sign(buildSnapshot(input));
    expect(signer.sign(buildSnapshot({ ...input, selected: [...input.selected].reverse() }))).toEqual(a);
    expect(signer.sign(buildSnapshot({ ...input, selected: ['otif-rate'] })).etag).not.toBe(a.etag);
    const [h, p, sig] = a.jws.split('.') as [string, string, string];
    const jwk = publicJwks(ring, new Date('2026-01-02T00:00:00Z')).keys[0]!;
    expect(verify(null, Buffer.from(`${h}.${p}`), publicKeyObject(jwk), Buffer.from(sig, 'base64url'))).toBe(
      true,
    );
    const tampered = Buffer.from(JSON.stringify({ ...buildSnapshot(input), tenantId: 'fabrikam' })).toString(
      'base64url',
    );
    expect(
      verify(null, Buffer.from(`${h}.${tampered}`), publicKeyObject(jwk), Buffer.from(sig, 'base64url')),
    ).toBe(false);
  });
});
