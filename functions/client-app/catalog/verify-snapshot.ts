/**
 * Verifies a signed catalog snapshot (compact JWS, `typ: kpi-catalog-snapshot+jwt`, EdDSA) against the
 * platform's trusted keys — the same published keys as licence keys — and checks that it was made for this
 * deployment. Only a snapshot that passes is stored or served.
 */
import { type KeyObject, verify } from 'node:crypto';
import { type ClientKpi, clientKpiSchema } from '@kpi/shared/contracts/client-app';
import { publicKeyObject } from '@kpi/shared/license/key-ring';
import { z } from 'zod';

const SNAPSHOT_TYPE = 'kpi-catalog-snapshot+jwt';

const headerSchema = z.object({ alg: z.literal('EdDSA'), kid: z.string(), typ: z.literal(SNAPSHOT_TYPE) });
const payloadSchema = z.object({
  tenantId: z.string(),
  deploymentId: z.string(),
  licenseId: z.string(),
  catalogVersion: z.string(),
  kpis: z.array(clientKpiSchema.extend({ selected: z.boolean() })),
});

export interface VerifiedSnapshot {
  licenseId: string;
  catalogVersion: string;
  /** Every KPI of the snapshot (referenced ones included), by id. */
  kpis: ReadonlyMap<string, ClientKpi>;
}

export type SnapshotCheck = { ok: true; snapshot: VerifiedSnapshot } | { ok: false; problem: string };

export class SnapshotVerifier {
  private readonly keys = new Map<string, KeyObject>();

  constructor(trusted: { keys: readonly { kid?: unknown; kty?: unknown; crv?: unknown; x?: unknown }[] }) {
    for (const jwk of trusted.keys) {
      if (typeof jwk.kid !== 'string') continue;
      try {
        this.keys.set(jwk.kid, publicKeyObject(jwk));
      } catch {
        // not an Ed25519 key: it cannot have signed a snapshot
      }
    }
  }

  verify(jws: string, expected: { tenantId: string; deploymentId: string }): SnapshotCheck {
    const parts = jws.split('.');
    if (parts.length !== 3) return { ok: false, problem: 'not a compact JWS' };
    const [h, p, s] = parts as [string, string, string];
    let header: z.infer<typeof headerSchema>;
    let payload: z.infer<typeof payloadSchema>;
    try {
      header = headerSchema.parse(JSON.parse(Buffer.from(h, 'base64url').toString('utf8')));
    } catch {
      return { ok: false, problem: 'the header is not a snapshot header' };
    }
    const key = this.keys.get(header.kid);
    if (!key) return { ok: false, problem: `signed by an unknown key ${header.kid}` };
    if (!verify(null, Buffer.from(`${h}.${p}`, 'ascii'), key, Buffer.from(s, 'base64url'))) {
      return { ok: false, problem: 'the signature does not verify' };
    }
    try {
      payload = payloadSchema.parse(JSON.parse(Buffer.from(p, 'base64url').toString('utf8')));
    } catch (err) {
      return { ok: false, problem: `unexpected payload: ${(err as Error).message.slice(0, 200)}` };
    }
    if (payload.tenantId !== expected.tenantId || payload.deploymentId !== expected.deploymentId) {
      return { ok: false, problem: `made for ${payload.tenantId}/${payload.deploymentId}` };
    }
    const kpis = new Map<string, ClientKpi>();
    for (const { selected: _selected, ...kpi } of payload.kpis) kpis.set(kpi.id, kpi);
    return {
      ok: true,
      snapshot: { licenseId: payload.licenseId, catalogVersion: payload.catalogVersion, kpis },
    };
  }
}
