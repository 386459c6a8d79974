/**
 * The signed catalog snapshot of a client deployment (compact JWS, `typ: kpi-catalog-snapshot+jwt`, EdDSA,
 * made by metadata): its entitled KPIs (plus those they reference with `kpi()`) and the data objects they
 * need. Verified against the platform's trusted keys — the same published keys as licence keys — and
 * checked to be made for this deployment. client-app fetches and stores it; mapping, ingestion and
 * calculation read the stored one (`readStoredSnapshot`) and verify it again, so each app trusts only a
 * signature, never a file another app wrote.
 */
import { type KeyObject, verify } from 'node:crypto';
import { type ClientKpi, clientKpiSchema } from '@kpi/shared/contracts/client-app';
import { z } from 'zod';
import type { DataObject } from '../domain/catalog/types';
import { publicKeyObject } from './key-ring';

export const SNAPSHOT_TYPE = 'kpi-catalog-snapshot+jwt';

/** Where client-app keeps the last good snapshot in the deployment's storage (container, blob). */
export const STORED_SNAPSHOT = { container: 'client-app', blob: 'catalog/snapshot.json' } as const;

const cardinality = z.enum(['1..1', '0..1', '1..*', '0..*']);
const dataObjectSchema = z.object({
  name: z.string(),
  label: z.string(),
  description: z.string(),
  area: z.string(),
  primaryKey: z.array(z.string()),
  timeField: z.string().optional(),
  fields: z.array(
    z.object({
      name: z.string(),
      type: z.enum(['string', 'integer', 'decimal', 'money', 'boolean', 'date', 'datetime', 'enum']),
      description: z.string(),
      required: z.boolean(),
      values: z.array(z.string()).optional(),
      key: z.enum(['primary', 'foreign']).optional(),
    }),
  ),
  relationships: z.array(
    z.object({
      name: z.string(),
      target: z.string(),
      foreignKey: z.string(),
      targetKey: z.string(),
      cardinality,
      inverseCardinality: cardinality,
      description: z.string(),
    }),
  ),
}) satisfies z.ZodType<DataObject>;

const headerSchema = z.object({ alg: z.literal('EdDSA'), kid: z.string(), typ: z.literal(SNAPSHOT_TYPE) });
const payloadSchema = z.object({
  tenantId: z.string(),
  deploymentId: z.string(),
  licenseId: z.string(),
  catalogVersion: z.string(),
  kpis: z.array(clientKpiSchema.extend({ selected: z.boolean() })),
  objects: z.array(dataObjectSchema).default([]),
});

export interface VerifiedSnapshot {
  licenseId: string;
  catalogVersion: string;
  /** Every KPI of the snapshot (referenced ones included), by id. */
  kpis: ReadonlyMap<string, ClientKpi>;
  /** The ids the licence selected (the others are there because a selected KPI references them). */
  selected: ReadonlySet<string>;
  /** The data objects the KPIs need, by name. */
  objects: ReadonlyMap<string, DataObject>;
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
    const selected = new Set<string>();
    for (const { selected: isSelected, ...kpi } of payload.kpis) {
      kpis.set(kpi.id, kpi);
      if (isSelected) selected.add(kpi.id);
    }
    return {
      ok: true,
      snapshot: {
        licenseId: payload.licenseId,
        catalogVersion: payload.catalogVersion,
        kpis,
        selected,
        objects: new Map(payload.objects.map((o) => [o.name, o as DataObject])),
      },
    };
  }
}

/** What client-app stores: the JWS as fetched, with its ETag. */
export interface StoredSnapshot {
  jws: string;
  etag?: string;
  fetchedAt: string;
  catalogVersion: string;
  licenseId: string;
}

/** Reads a JSON document from the deployment's storage (the BlobStore port's `getJson`). */
export interface SnapshotBlobs {
  getJson(container: string, name: string): Promise<unknown>;
}

/**
 * The deployment's current snapshot as client-app stored it, verified again here. `undefined` when
 * client-app has not fetched one yet; a stored snapshot that does not verify is an error
 * (`CATALOG.SNAPSHOT_INVALID`), never used.
 */
export async function readStoredSnapshot(
  blobs: SnapshotBlobs,
  verifier: SnapshotVerifier,
  expected: { tenantId: string; deploymentId: string },
): Promise<VerifiedSnapshot | undefined> {
  const stored = (await blobs.getJson(STORED_SNAPSHOT.container, STORED_SNAPSHOT.blob)) as
    | StoredSnapshot
    | undefined;
  if (!stored) return undefined;
  const check = verifier.verify(stored.jws, expected);
  if (!check.ok) throw new Error(`CATALOG.SNAPSHOT_INVALID: the stored snapshot ${check.problem}`);
  return check.snapshot;
}
