/**
 * The seeded client deployment of `npm start`: contoso's, licensed through the licence service (as
 * ada@vendor.example) for the KPIs of contoso's seeded configuration, its key put into the deployment's Key
 * Vault as `license-key` (the seed's "registry key"); the deployment then activates itself. The licence is
 * issued once and kept under dataDir, so a restart is a restart of the same deployment.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type ClientDeployment,
  type ClientDeploymentPorts,
  startClientDeployment,
} from './client-deployment';
import { issueLicense } from './issue-license';
import {
  type DeploymentDemoSources,
  objectsOfKpis,
  registerDemoSources,
  startDeploymentDemoSources,
} from './seed-sources';

export const SEED_CLIENT = {
  tenantId: 'contoso',
  deploymentId: 'contoso-client',
  configurationId: 'contoso-plant-analytics',
} as const;

export interface SeedClientOptions {
  vendorApi: string;
  authIssuer: string;
  authAudience: string;
  adminToken: () => Promise<string>;
  dataDir: string;
  ports: ClientDeploymentPorts;
  corsOrigins: string[];
  log: (line: string) => void;
}

export async function startSeedClient(o: SeedClientOptions): Promise<ClientDeployment> {
  await mkdir(o.dataDir, { recursive: true });
  const file = join(o.dataDir, 'issued-license.json');
  let issued: { licenseId: string; key: string };
  try {
    issued = JSON.parse(await readFile(file, 'utf8')) as { licenseId: string; key: string };
  } catch {
    issued = await issueLicense({
      api: o.vendorApi,
      adminToken: o.adminToken,
      tenantId: SEED_CLIENT.tenantId,
      configurationId: SEED_CLIENT.configurationId,
      expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.000Z'),
      contacts: ['olivia@contoso.example'],
    });
    await writeFile(file, JSON.stringify(issued), { mode: 0o600 });
  }
  return startClientDeployment({
    tenantId: SEED_CLIENT.tenantId,
    deploymentId: SEED_CLIENT.deploymentId,
    vendorApi: o.vendorApi,
    authIssuer: o.authIssuer,
    authAudience: o.authAudience,
    licenseKey: issued.key,
    dataDir: o.dataDir,
    ports: o.ports,
    corsOrigins: o.corsOrigins,
    log: o.log,
  });
}

/**
 * Contoso's demo sources, started for its deployment and registered through its connector (as its owner):
 * the objects of the seeded configuration's KPIs, the two years up to this month. Run after the banner: a first fill
 * of the PGlite ERP takes seconds; later starts reuse the persisted database.
 */
export async function startSeedSources(
  deployment: ClientDeployment,
  o: {
    vendorApi: string;
    adminToken: () => Promise<string>;
    ownerToken: () => Promise<string>;
    dataDir: string;
    ports: { erp: number; crm: number };
    log: (line: string) => void;
  },
): Promise<DeploymentDemoSources> {
  const res = await fetch(
    `${o.vendorApi}/demo-config/tenants/${SEED_CLIENT.tenantId}/configurations/${SEED_CLIENT.configurationId}`,
    { headers: { authorization: `Bearer ${await o.adminToken()}` } },
  );
  if (!res.ok) throw new Error(`configuration ${SEED_CLIENT.configurationId}: ${res.status}`);
  const configuration = (await res.json()) as { selectedKpis: { kpiId: string }[] };
  const running = await startDeploymentDemoSources(deployment, {
    industry: 'manufacturing',
    objects: objectsOfKpis(configuration.selectedKpis.map((k) => k.kpiId)),
    dataDir: join(o.dataDir, 'demo-sources'),
    // Two years up to this month, so the dashboards' current periods have values.
    endingWith: new Date(),
    ports: o.ports,
  });
  try {
    await registerDemoSources(deployment, running, o.ownerToken, o.log);
  } catch (err) {
    // The sources keep running for a later registration (the connector may still be starting).
    o.log(`demo sources not registered: ${(err as Error).message}`);
  }
  return running;
}
