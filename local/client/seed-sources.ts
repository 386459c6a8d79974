/**
 * A client deployment's demo sources (local/demo-sources), started for that deployment and registered
 * through its connector's API as a tenant admin would: the PGlite "ERP" (persisted under `dataDir`), the
 * REST "CRM" on its own port, and CSV/XLSX exports in the deployment's own Blob storage. Each is created
 * with its secret (sent once, kept in the deployment's Key Vault by the connector), tested and discovered,
 * so it shows `ready` with its streams. Registration is by name, so a restart creates nothing twice.
 */
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { SourceDefinition } from '@kpi/shared/contracts/connector';
import { loadCatalog } from '@kpi/shared/domain/catalog/load-catalog';
import { FormulaEngine } from '@kpi/shared/domain/formula/engine';
import { mergeRequirements } from '@kpi/shared/domain/formula/requirements';
import { AzureBlobStore } from '@kpi/shared/platform/blob/azure-blob-store';
import { XLSX_MAX_ROWS } from '../demo-sources/demo-data';
import { type DemoSources, startDemoSources } from '../demo-sources/demo-sources';
import { freePort } from '../net';
import { type ClientDeployment, storageAccountName } from './client-deployment';

/** The deployment's container for files its own jobs drop (and admins upload). */
export const DEMO_FILES_CONTAINER = 'client-files';

export interface DeploymentDemoSources {
  demo: DemoSources;
  /** `http://127.0.0.1:<port>/crm/v1` */
  crmBaseUrl: string;
  /** Files with more rows than this are CSV, the others XLSX. */
  xlsxMaxRows: number;
  stop(): Promise<void>;
}

/** The catalog objects a set of KPIs needs (their formulas' requirements). */
export function objectsOfKpis(kpiIds: readonly string[]): string[] {
  const catalog = loadCatalog();
  const engine = new FormulaEngine(catalog.objects, new Map(catalog.kpis.map((k) => [k.id, k.formula])));
  const requirements = kpiIds.map((id) => engine.requirementsOf(id)).filter((r) => r !== null);
  return mergeRequirements(requirements).objects.map((o) => o.name);
}

/** Starts the demo sources for a deployment: ERP and CRM on the given ports (free ones by default). */
export async function startDeploymentDemoSources(
  deployment: ClientDeployment,
  o: {
    industry: string;
    objects: readonly string[];
    dataDir: string;
    ports?: { erp?: number; crm?: number };
    months?: number;
    /** The last month of history (default: the library's fixed window from January 2023). */
    endingWith?: Date;
    xlsxMaxRows?: number;
  },
): Promise<DeploymentDemoSources> {
  const account = deployment.storage.accounts[storageAccountName(deployment.deploymentId)];
  if (!account) throw new Error(`the deployment's storage account is not served`);
  const blobs = AzureBlobStore.fromConnection({ kind: 'connectionString', value: account.connectionString });
  let crm: DemoSources['crm'] = () => false;
  const server: Server = createServer((req, res) => {
    if (!crm(req, res)) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"CRM.NOT_FOUND","message":"no such path"}}');
    }
  });
  const crmPort = o.ports?.crm ?? (await freePort());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(crmPort, '127.0.0.1', () => resolve());
  });
  const crmBaseUrl = `http://127.0.0.1:${crmPort}/crm/v1`;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  try {
    const demo = await startDemoSources({
      industry: o.industry,
      objects: o.objects,
      ...(o.months ? { months: o.months } : {}),
      ...(o.endingWith ? { endingWith: o.endingWith } : {}),
      erp: { port: o.ports?.erp ?? (await freePort()), dataDir: join(o.dataDir, 'erp') },
      crmBaseUrl,
      blobs,
      container: DEMO_FILES_CONTAINER,
      secrets: {
        get: (name) => deployment.keyVault.getSecret(name),
        set: (name, value) => deployment.keyVault.setSecret(name, value),
      },
      ...(o.xlsxMaxRows ? { xlsxMaxRows: o.xlsxMaxRows } : {}),
    });
    crm = demo.crm;
    return {
      demo,
      crmBaseUrl,
      xlsxMaxRows: o.xlsxMaxRows ?? XLSX_MAX_ROWS,
      stop: async () => {
        await close();
        await demo.erp.stop();
      },
    };
  } catch (err) {
    await close();
    throw err;
  }
}

interface Registration {
  name: string;
  definition: SourceDefinition;
  secrets?: Record<string, string>;
  providesObjects: string[];
}

/** A definition as the connector's API takes it: the demo's secret names dropped (secrets travel beside). */
function withoutRefs(def: SourceDefinition): Record<string, unknown> {
  if (def.type === 'postgresql') {
    const { passwordSecretRef: _r, ...rest } = def;
    return rest;
  }
  if (def.type === 'rest' && def.auth.kind !== 'none') {
    const { secretRef: _r, ...auth } = def.auth;
    return { ...def, auth };
  }
  return def;
}

/**
 * Creates (if absent by name), tests and discovers the demo sources through the connector's API as `token`'s
 * user (an admin or owner of the deployment's tenant). Returns the source ids by name.
 */
export async function registerDemoSources(
  deployment: ClientDeployment,
  running: DeploymentDemoSources,
  token: () => Promise<string>,
  log: (line: string) => void = () => {},
): Promise<Record<string, string>> {
  const { demo } = running;
  const objectsOf = (kind: 'erp' | 'crm' | 'files', format?: 'csv' | 'xlsx') =>
    demo.objects
      .filter(
        (x) => x.source === kind && (!format || (format === 'xlsx') === x.rows.length <= running.xlsxMaxRows),
      )
      .map((x) => x.object.name);
  const [erpPassword, crmApiKey] = await Promise.all([
    deployment.keyVault.getSecret('demo-erp-password'),
    deployment.keyVault.getSecret('demo-crm-api-key'),
  ]);
  const wanted: Registration[] = [
    {
      name: 'Contoso ERP (PostgreSQL)',
      definition: demo.definitions.erp,
      ...(erpPassword ? { secrets: { password: erpPassword } } : {}),
      providesObjects: objectsOf('erp'),
    },
    ...(demo.definitions.crm
      ? [
          {
            name: 'Contoso CRM (REST)',
            definition: demo.definitions.crm,
            ...(crmApiKey ? { secrets: { apiKey: crmApiKey } } : {}),
            providesObjects: objectsOf('crm'),
          },
        ]
      : []),
    {
      name: 'HR exports (CSV)',
      definition: demo.definitions.filesCsv,
      providesObjects: objectsOf('files', 'csv'),
    },
    {
      name: 'HR exports (XLSX)',
      definition: demo.definitions.filesXlsx,
      providesObjects: objectsOf('files', 'xlsx'),
    },
  ];
  // A kind without objects of this configuration (e.g. no table large enough for CSV) is not registered.
  const registrations = wanted.filter((w) => w.providesObjects.length > 0);
  const api = `${deployment.api}/connector`;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${api}/${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await token()}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`connector ${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as {
      id: string;
      name: string;
      status: string;
      items?: { id: string; name: string; status: string }[];
    };
  };
  const existing = (await call('GET', 'sources?limit=100')).items ?? [];
  const ids: Record<string, string> = {};
  for (const w of registrations) {
    let found = existing.find((s) => s.name === w.name);
    if (!found) {
      found = await call('POST', 'sources', {
        name: w.name,
        definition: withoutRefs(w.definition),
        ...(w.secrets ? { secrets: w.secrets } : {}),
        providesObjects: w.providesObjects,
      });
    }
    ids[w.name] = found.id;
    if (found.status === 'ready') continue;
    const tested = await call('POST', `sources/${found.id}/test`);
    if (tested.status === 'failing') {
      log(
        `demo source ${w.name}: test failed ${JSON.stringify((tested as { lastTest?: unknown }).lastTest)}`,
      );
      continue;
    }
    const discovered = await call('POST', `sources/${found.id}/discover`, { sampleRows: 5 });
    log(`demo source ${w.name}: ${discovered.status}`);
  }
  return ids;
}
