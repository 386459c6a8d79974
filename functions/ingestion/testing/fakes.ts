/** Tests only: in-memory fakes of the ingestion ports (the Parquet engine is the real DuckDB). */
import type { Batch, ReadRequest } from '@kpi/shared/contracts/connector';
import type { IngestionRun, QuarantinedRow } from '@kpi/shared/contracts/ingestion';
import type { LakeManifest } from '@kpi/shared/contracts/lake';
import type { Mapping } from '@kpi/shared/contracts/mapping';
import type { StoredSource } from '@kpi/shared/contracts/source';
import type { DataObject } from '@kpi/shared/domain/catalog/types';
import type { BlobBytes } from '@kpi/shared/platform/blob/ports';
import { conflict, preconditionFailed } from '@kpi/shared/platform/errors';
import type { ManifestStore, StoredManifest } from '@kpi/shared/platform/lake/ports';
import { createLogger } from '@kpi/shared/platform/log';
import { MemoryEventPublisher } from '@kpi/shared/platform/servicebus/memory-ports';
import type { DuckDbParquet } from '../lake/duckdb-parquet';
import { Lake } from '../lake/lake';
import type { RunDeps } from '../runs/run-ingestion';
import type { MappingCursor } from '../runs/stores';

export const quietLog = createLogger({}, () => {});

export class MemoryManifests implements ManifestStore {
  readonly items = new Map<string, StoredManifest>();
  private n = 0;
  async get(object: string) {
    const s = this.items.get(object);
    return s ? structuredClone(s) : undefined;
  }
  async put(manifest: LakeManifest, etag: string | undefined) {
    const cur = this.items.get(manifest.id);
    if (etag === undefined && cur) throw conflict('LAKE.MANIFEST_RACE', 'exists');
    if (etag !== undefined && cur?.etag !== etag) throw preconditionFailed('LAKE.MANIFEST_RACE', 'stale');
    const next = `"e${++this.n}"`;
    this.items.set(manifest.id, { manifest: structuredClone(manifest), etag: next });
    return next;
  }
}

export class MemoryBlobs {
  readonly items = new Map<string, Uint8Array>();
  async putBytes(container: string, name: string, bytes: Uint8Array) {
    this.items.set(`${container}/${name}`, bytes);
  }
  async getBytes(container: string, name: string): Promise<BlobBytes | undefined> {
    const b = this.items.get(`${container}/${name}`);
    return b ? { bytes: b } : undefined;
  }
  async delete(container: string, name: string) {
    return this.items.delete(`${container}/${name}`);
  }
}

export const orderObject: DataObject = {
  name: 'SalesOrder',
  label: 'Sales order',
  description: '',
  area: 'sales',
  primaryKey: ['id'],
  timeField: 'orderedAt',
  relationships: [],
  fields: [
    { name: 'id', type: 'string', description: '', required: true, key: 'primary' },
    { name: 'orderedAt', type: 'datetime', description: '', required: true },
    { name: 'status', type: 'enum', description: '', required: true, values: ['open', 'shipped'] },
    { name: 'totalAmount', type: 'money', description: '', required: true },
  ],
};

export const orderMapping: Mapping = {
  id: 'm-orders',
  sourceId: 'erp',
  stream: 'orders',
  object: 'SalesOrder',
  version: 1,
  status: 'published',
  fields: {
    id: { column: 'id' },
    orderedAt: { transform: { kind: 'date', column: 'ordered_at', format: 'iso' } },
    status: { column: 'status' },
    totalAmount: { transform: { kind: 'cast', column: 'amount' } },
  },
  createdBy: 't',
  createdAt: '2026-01-01T00:00:00.000Z',
};

export const erpSource: StoredSource = {
  id: 'erp',
  tenantId: 'contoso',
  name: 'ERP',
  status: 'ready',
  definition: {
    type: 'postgresql',
    host: 'h',
    port: 5432,
    database: 'd',
    user: 'u',
    sslMode: 'disable',
    schema: 'public',
    connectTimeoutMs: 1000,
  },
  providesObjects: ['SalesOrder'],
  origin: { kind: 'client' },
  secretRefs: [],
  createdAt: '',
  createdBy: '',
  updatedAt: '',
  updatedBy: '',
};

/** A sorted source over `rows` (by `updated_at`), batches like PostgreSQL's; `failAt` throws at that batch. */
export function tableSource(
  rows: () => Record<string, string | number | null>[],
  o: { failAt?: number; code?: string } = {},
) {
  return async function* read(_s: StoredSource, req: ReadRequest): AsyncGenerator<Batch> {
    const field = req.cursorField;
    const all = rows()
      .filter(
        (r) =>
          field === undefined ||
          req.cursorValue === undefined ||
          (r[field] as string) >= String(req.cursorValue),
      )
      .sort((a, b) => String(a.updated_at).localeCompare(String(b.updated_at)));
    const size = req.batchSize ?? 1000;
    for (let i = 0, n = 0; i < all.length || n === 0; i += size, n++) {
      if (o.failAt === n) throw Object.assign(new Error('boom'), { code: o.code ?? 'SOURCE.PROTOCOL' });
      const records = all.slice(i, i + size);
      const last = records[records.length - 1];
      yield {
        records,
        state: {
          stream: req.stream,
          ...(field ? { cursorField: field } : {}),
          ...(field && last
            ? { cursorValue: last[field] as string }
            : req.cursorValue !== undefined
              ? { cursorValue: req.cursorValue }
              : {}),
          recordsRead: i + records.length,
        },
        done: i + size >= all.length,
      };
      if (i + size >= all.length) break;
    }
  };
}

export function runDeps(
  parquet: DuckDbParquet,
  read: RunDeps['read'],
  now = () => new Date('2026-06-01T00:00:00Z'),
) {
  const manifests = new MemoryManifests();
  const blobs = new MemoryBlobs();
  const runs = new Map<string, IngestionRun>();
  const cursors = new Map<string, MappingCursor>();
  const quarantine = new Map<string, QuarantinedRow>();
  const publisher = new MemoryEventPublisher();
  const deps: RunDeps = {
    runs: {
      get: async (id) => structuredClone(runs.get(id)),
      save: async (r) => void runs.set(r.id, structuredClone(r)),
      list: async () => ({ items: [...runs.values()] }),
      lastSucceeded: async (m) =>
        [...runs.values()].filter((r) => r.mappingId === m && r.status === 'succeeded').at(-1),
    },
    cursors: { get: async (id) => cursors.get(id), save: async (c) => void cursors.set(c.id, c) },
    quarantine: {
      add: async (rows) => {
        for (const r of rows) quarantine.set(r.id, r);
      },
      update: async (rows) => {
        for (const r of rows) quarantine.set(r.id, r);
      },
      list: async () => ({ items: [...quarantine.values()] }),
      open: async (m, limit) =>
        [...quarantine.values()].filter((r) => r.mappingId === m && r.status === 'open').slice(0, limit),
    },
    mappings: {
      get: async (id) => (id === orderMapping.id ? orderMapping : undefined),
      forSourceObject: async (s, o) => (s === 'erp' && o === 'SalesOrder' ? orderMapping : undefined),
      forSource: async () => [orderMapping],
    },
    sources: {
      get: async (id) => (id === 'erp' ? erpSource : undefined),
      scheduled: async () => [erpSource],
    },
    objects: { object: async () => orderObject },
    lake: new Lake({ manifests, blobs, parquet, clock: now, log: quietLog, compactAbove: 3 }),
    read,
    publisher,
    eventsTopic: 'ingestion-events',
    clock: now,
    log: quietLog,
    sleep: async () => {},
  };
  return { deps, manifests, blobs, runs, cursors, quarantine, publisher };
}
