/**
 * Seeds a fresh local stack and leaves an existing one alone: containers from the Bicep declaration,
 * the two tenants, a sample configuration and its data source, a demo tenant per industry (all created only
 * when absent, so local edits survive a restart), and the catalog — published through the metadata service's
 * own API as the platform admin would, so the `catalog.published` event travels the same path as in Azure.
 */
import { CosmosClient } from '@azure/cosmos';
import { loadCatalog } from '@kpi/shared/domain/catalog/load-catalog';
import { GLOBAL_TENANT, POINTER_ID } from '../../functions/metadata/catalog/catalog-documents';
import { ensureCosmosContainers, loadCosmosContainers } from '../cosmos/ensure-containers';
import { seedDemoTenants } from './demo-tenants';
import { sampleConfiguration, sampleDataSource, seedTenants } from './seed-data';

export interface SeedOptions {
  cosmosEndpoint: string;
  cosmosKey: string;
  database: string;
  log: (line: string) => void;
}

function client(o: SeedOptions): CosmosClient {
  return new CosmosClient({
    endpoint: o.cosmosEndpoint,
    key: o.cosmosKey,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
}

const isConflict = (err: unknown) => (err as { code?: number }).code === 409;

async function createIfAbsent(
  container: ReturnType<ReturnType<CosmosClient['database']>['container']>,
  item: object,
) {
  try {
    await container.items.create(item);
    return true;
  } catch (err) {
    if (isConflict(err)) return false;
    throw err;
  }
}

/** Containers, tenants and the sample configuration. Runs before the Functions host starts. */
export async function seedData(o: SeedOptions): Promise<void> {
  const cosmos = client(o);
  const declaration = loadCosmosContainers();
  const ensured = await ensureCosmosContainers(cosmos, declaration);
  if (ensured.created.length) o.log(`seed: created Cosmos containers ${ensured.created.join(', ')}`);
  const db = cosmos.database(declaration.database);
  let added = 0;
  for (const tenant of seedTenants) if (await createIfAbsent(db.container('tenants'), tenant)) added++;
  const catalog = loadCatalog();
  const industry = catalog.industries.find((i) => i.id === 'manufacturing') ?? catalog.industries[0];
  const kpiIds = catalog.useCases
    .filter((u) => catalog.stages.some((s) => s.id === u.stageId && s.industryId === industry?.id))
    .flatMap((u) => u.kpiIds)
    .filter((id, i, all) => all.indexOf(id) === i)
    .slice(0, 12);
  if (
    await createIfAbsent(db.container('configurations'), sampleConfiguration(catalog.catalogVersion, kpiIds))
  )
    added++;
  if (await createIfAbsent(db.container('data-sources'), sampleDataSource)) added++;
  added += await seedDemoTenants(catalog, (name, item) => createIfAbsent(db.container(name), item));
  if (added) o.log(`seed: added ${added} tenant, configuration and data source items`);
  cosmos.dispose();
}

/**
 * Publishes the bundled catalog through `POST /api/metadata/catalog/publish` when Cosmos does not hold
 * that version yet. Runs once the host is up.
 */
export async function seedCatalog(
  o: SeedOptions & { api: string; adminToken: () => Promise<string> },
): Promise<void> {
  const cosmos = client(o);
  try {
    const { resource } = await cosmos
      .database(o.database)
      .container('catalog')
      .item(POINTER_ID, GLOBAL_TENANT)
      .read<{ catalogVersion: string }>();
    const bundled = loadCatalog().catalogVersion;
    if (resource?.catalogVersion === bundled) return;
    const res = await fetch(`${o.api}/metadata/catalog/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await o.adminToken()}`, 'content-type': 'application/json' },
      body: '{}',
    });
    if (!res.ok) throw new Error(`publishing the catalog failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { catalogVersion: string; kpiCount: number };
    o.log(`seed: published catalog ${body.catalogVersion} (${body.kpiCount} KPIs)`);
  } finally {
    cosmos.dispose();
  }
}
