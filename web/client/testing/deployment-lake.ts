/**
 * Writes a client deployment's lake as ingestion does (Parquet files in its Blob container `lake`, the
 * object's manifest swapped in its Cosmos `lake-manifest`), so browser tests get real calculation results
 * without the ingestion app. The same steps as functions/calculation/calculation.int.test.ts.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Container, CosmosClient } from '@azure/cosmos';
import { BlobServiceClient } from '@azure/storage-blob';
import { DuckDbSession } from '@kpi/shared/calculation/duckdb-session';
import { writeRecordsToParquet } from '@kpi/shared/calculation/parquet-writer';
import type { LakeManifest } from '@kpi/shared/contracts/lake';
import { loadCatalog } from '@kpi/shared/domain/catalog/load-catalog';
import { type ClientDeployment, storageAccountName } from '../../../local/client/client-deployment';

const objects = new Map(loadCatalog().objects.map((o) => [o.name, o]));

export class DeploymentLake {
  private constructor(
    private readonly root: string,
    private readonly session: DuckDbSession,
    private readonly manifests: Container,
    private readonly blobs: BlobServiceClient,
  ) {}

  static async open(dep: ClientDeployment): Promise<DeploymentLake> {
    const root = await mkdtemp(join(tmpdir(), 'kpi-lake-'));
    const session = await DuckDbSession.open({ threads: 1 });
    const cosmos = new CosmosClient({
      endpoint: dep.cosmos.endpoint,
      key: dep.cosmos.key,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    const account = dep.storage.accounts[storageAccountName(dep.deploymentId)];
    if (!account) throw new Error(`no storage account for ${dep.deploymentId}`);
    return new DeploymentLake(
      root,
      session,
      cosmos.database('kpi-client').container('lake-manifest'),
      BlobServiceClient.fromConnectionString(account.connectionString),
    );
  }

  /** Appends one Parquet file of `records` to `object` and publishes the new manifest version. */
  async load(object: string, runId: string, records: Record<string, unknown>[]): Promise<LakeManifest> {
    const model = objects.get(object);
    if (!model) throw new Error(`no catalog object ${object}`);
    const local = join(this.root, `${runId}.parquet`);
    await writeRecordsToParquet(this.session, model, records, local);
    const bytes = await readFile(local);
    const path = `${object}/${runId}-0.parquet`;
    const lake = this.blobs.getContainerClient('lake');
    await lake.createIfNotExists();
    await lake.getBlockBlobClient(path).uploadData(bytes);
    const { resource: prev } = await this.manifests.item(object, object).read<LakeManifest>();
    const times = model.timeField ? records.map((r) => r[model.timeField as string] as number) : [];
    const now = new Date().toISOString();
    const manifest: LakeManifest = {
      id: object,
      object,
      version: (prev?.version ?? 0) + 1,
      files: [
        ...(prev?.files ?? []),
        {
          path,
          rows: records.length,
          bytes: bytes.length,
          writtenBy: runId,
          writtenAt: now,
          ...(times.length
            ? {
                timeRange: {
                  from: new Date(Math.min(...times)).toISOString(),
                  to: new Date(Math.max(...times)).toISOString(),
                },
              }
            : {}),
        },
      ],
      keysUnique: false,
      rows: (prev?.rows ?? 0) + records.length,
      updatedAt: now,
    };
    await this.manifests.items.upsert(manifest);
    return manifest;
  }

  /** Appends a file to `object` that is not Parquet: the KPIs reading it fail at run time (an error state). */
  async loadUnreadable(object: string, runId: string): Promise<LakeManifest> {
    const path = `${object}/${runId}-0.parquet`;
    const bytes = Buffer.from('this is not parquet');
    const lake = this.blobs.getContainerClient('lake');
    await lake.getBlockBlobClient(path).uploadData(bytes);
    const { resource: prev } = await this.manifests.item(object, object).read<LakeManifest>();
    if (!prev) throw new Error(`no manifest of ${object} yet`);
    const now = new Date().toISOString();
    const manifest: LakeManifest = {
      ...prev,
      version: prev.version + 1,
      files: [...prev.files, { path, rows: 1, bytes: bytes.length, writtenBy: runId, writtenAt: now }],
      rows: prev.rows + 1,
      updatedAt: now,
    };
    await this.manifests.items.upsert(manifest);
    return manifest;
  }

  async close(): Promise<void> {
    this.session.close();
    await rm(this.root, { recursive: true, force: true });
  }
}
