/**
 * The contoso deployment's three real demo sources, for the stack's `npm start`:
 * - a PostgreSQL "ERP" (PGlite over TCP, persisted under `erp.dataDir`; filled once per fingerprint),
 * - a REST "CRM" (a node:http handler the stack mounts; API key in the secret store),
 * - HR exports as XLSX/CSV files in the deployment's Blob storage,
 * each filled from `generateSampleData(industry)` for the configuration's objects, and the connector
 * definitions that reach them. Secrets go to the given `SecretStore` (the Key Vault stand-in), never
 * into the definitions.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SecretStore } from '@kpi/shared/connectors/ports';
import type {
  BlobFilesDefinition,
  PostgresDefinition,
  RestDefinition,
} from '@kpi/shared/contracts/connector';
import {
  blobFilesDefinitionSchema,
  postgresDefinitionSchema,
  restDefinitionSchema,
} from '@kpi/shared/contracts/connector';
import type { BlobStore } from '@kpi/shared/platform/blob/ports';
import { CRM_API_KEY_HEADER, crmHandler } from './crm';
import { type DemoObject, demoObjects, XLSX_MAX_ROWS } from './demo-data';
import { ERP_SCHEMA, erpIsFilled, fillErp } from './erp';
import { writeDemoFiles } from './files';
import { type RunningPglite, startPglite } from './pglite-server';

export const DEMO_SECRETS = { erpPassword: 'demo-erp-password', crmApiKey: 'demo-crm-api-key' } as const;

export interface DemoSourcesOptions {
  industry: string;
  /** The configuration's catalog objects. */
  objects: readonly string[];
  /** Months of history (default 24, from January 2023, unless `endingWith`). */
  months?: number;
  /** The last month of history (its month to date counts): `npm start` passes today, so KPIs are current. */
  endingWith?: Date;
  erp: { port: number; host?: string; dataDir?: string };
  /** Where the stack serves the CRM handler, e.g. `http://127.0.0.1:7071/crm/v1`. */
  crmBaseUrl: string;
  blobs: BlobStore;
  container: string;
  prefix?: string;
  secrets: SecretStore;
  xlsxMaxRows?: number;
}

export interface DemoSources {
  erp: RunningPglite;
  /** Mount on the stack's server: answers the CRM paths and returns false for any other. */
  crm: (req: IncomingMessage, res: ServerResponse) => boolean;
  definitions: {
    erp: PostgresDefinition;
    /** Absent when the configuration has no CRM objects. */
    crm: RestDefinition | undefined;
    filesCsv: BlobFilesDefinition;
    filesXlsx: BlobFilesDefinition;
  };
  objects: readonly DemoObject[];
  /** Milliseconds per step, for the start-up budget. */
  timings: { generate: number; erpStart: number; erpFill: number; files: number };
  erpFilled: boolean;
}

async function ensureSecret(secrets: SecretStore, name: string): Promise<string> {
  const existing = await secrets.get(name);
  if (existing) return existing;
  const value = randomBytes(18).toString('base64url');
  await secrets.set(name, value, 'text/plain');
  return value;
}

export async function startDemoSources(o: DemoSourcesOptions): Promise<DemoSources> {
  const months = o.months ?? 24;
  const prefix = o.prefix ?? 'demo-sources/hr/';
  let t = Date.now();
  const last = o.endingWith;
  const window = last
    ? { startYear: last.getUTCFullYear(), startMonth: last.getUTCMonth() - months + 1 }
    : {};
  const objects = demoObjects(o.industry, o.objects, { months, ...window });
  const generate = Date.now() - t;

  t = Date.now();
  const erp = await startPglite({
    port: o.erp.port,
    ...(o.erp.host ? { host: o.erp.host } : {}),
    ...(o.erp.dataDir ? { dataDir: o.erp.dataDir } : {}),
  });
  const erpStart = Date.now() - t;
  t = Date.now();
  const erpObjects = objects.filter((x) => x.source === 'erp');
  const fingerprint = `v2|${o.industry}|${months}|${JSON.stringify(window)}|${erpObjects.map((x) => x.object.name).join(',')}`;
  let erpFilled = false;
  try {
    if (!(await erpIsFilled(erp.db, fingerprint))) {
      await fillErp(erp.db, erpObjects, fingerprint);
      erpFilled = true;
    }
  } catch (err) {
    await erp.stop();
    throw err;
  }
  const erpFill = Date.now() - t;

  t = Date.now();
  await writeDemoFiles(
    o.blobs,
    o.container,
    prefix,
    objects.filter((x) => x.source === 'files'),
    o.xlsxMaxRows ?? XLSX_MAX_ROWS,
  );
  const files = Date.now() - t;

  await ensureSecret(o.secrets, DEMO_SECRETS.erpPassword);
  const apiKey = await ensureSecret(o.secrets, DEMO_SECRETS.crmApiKey);
  const crmObjects = objects.filter((x) => x.source === 'crm');

  const definitions = {
    erp: postgresDefinitionSchema.parse({
      type: 'postgresql',
      host: erp.host,
      port: erp.port,
      database: 'postgres',
      user: 'postgres',
      passwordSecretRef: DEMO_SECRETS.erpPassword,
      // PGlite has no TLS; a real ERP server is defined with `verify-full`.
      sslMode: 'disable',
      schema: ERP_SCHEMA,
    }),
    crm:
      crmObjects.length === 0
        ? undefined
        : restDefinitionSchema.parse({
            type: 'rest',
            baseUrl: o.crmBaseUrl,
            auth: { kind: 'api-key', headerName: CRM_API_KEY_HEADER, secretRef: DEMO_SECRETS.crmApiKey },
            endpoints: crmObjects.map((x) => ({
              name: x.object.name,
              path: `/objects/${x.object.name}`,
              recordsPath: 'data',
              paging: {
                kind: 'cursor',
                cursorParam: 'cursor',
                nextCursorPath: 'next',
                limitParam: 'limit',
                pageSize: 500,
              },
              ...(x.cursorField ? { sinceParam: 'updated_since' } : {}),
              primaryKey: [...x.object.primaryKey],
            })),
          }),
    filesCsv: blobFilesDefinitionSchema.parse({
      type: 'blob-files',
      container: o.container,
      prefix,
      format: { format: 'csv' },
    }),
    filesXlsx: blobFilesDefinitionSchema.parse({
      type: 'blob-files',
      container: o.container,
      prefix,
      format: { format: 'xlsx' },
    }),
  };
  return {
    erp,
    crm: crmHandler(crmObjects, { apiKey, basePath: new URL(o.crmBaseUrl).pathname.replace(/\/$/, '') }),
    definitions,
    objects,
    timings: { generate, erpStart, erpFill, files },
    erpFilled,
  };
}
