/** The calculation app's ports, with their adapters created once per process on first use. */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbSession } from '@kpi/shared/calculation/duckdb-session';
import { LAKE_CONTAINER } from '@kpi/shared/contracts/lake';
import { SnapshotVerifier } from '@kpi/shared/license/catalog-snapshot';
import { AzureBlobStore, blobServiceClient } from '@kpi/shared/platform/blob/azure-blob-store';
import { containerName } from '@kpi/shared/platform/cosmos/client-container-names';
import { cosmosClient } from '@kpi/shared/platform/cosmos/cosmos-client';
import { CosmosEffectStore } from '@kpi/shared/platform/servicebus/cosmos-effect-store';
import type { EffectStore } from '@kpi/shared/platform/servicebus/ports';
import { config } from './config';
import { CosmosBlobLake } from './lake/cosmos-blob-lake';
import { Calculation, type SnapshotSource } from './recompute/calculation';
import { CosmosLakeState } from './recompute/cosmos-lake-state';
import { StoredSnapshotSource } from './recompute/stored-snapshot';
import type { BreakdownDeps } from './results/breakdown';
import { CosmosResults } from './results/cosmos-results';
import type { ReadDeps } from './results/read-results';

// Checked at module load: an undeclared name stops the app at start-up (and the cross-check sees it).
const containers = {
  results: containerName('kpi-results'),
  state: containerName('calculation-state'),
  manifests: containerName('lake-manifest'),
};

/**
 * DuckDB's limits inside a Function instance (Flex: 2 GB): half for the buffer manager, two threads
 * (shared/LESSONS.md "DuckDB inside a Function").
 */
const DUCKDB = { memoryLimit: '1GB', threads: 2 } as const;

/** What the triggers get: the use cases' ports, never an SDK client. */
export interface AppDeps extends ReadDeps, BreakdownDeps {
  snapshots: SnapshotSource;
  calculation: Calculation;
  /** Ingestion events already handled (idempotency per event). */
  effects: EffectStore;
  clock: () => Date;
}

async function create(): Promise<AppDeps> {
  const c = config(); // throws CONFIG.INVALID on bad settings
  const database = cosmosClient(c.cosmos).database(c.cosmosDatabase);
  const state = database.container(containers.state);
  const blobService = blobServiceClient(c.storage);
  const expected = { tenantId: c.tenantId, deploymentId: c.deploymentId };
  const snapshots = new StoredSnapshotSource(
    new AzureBlobStore(blobService),
    new SnapshotVerifier(JSON.parse(c.trustedJwks) as { keys: { kid?: unknown }[] }),
    expected,
  );
  const results = new CosmosResults(database.container(containers.results), state);
  const clock = () => new Date();
  let session: Promise<DuckDbSession> | undefined;
  const calculation = new Calculation({
    snapshots,
    lake: new CosmosBlobLake(
      database.container(containers.manifests),
      blobService.getContainerClient(LAKE_CONTAINER),
      join(tmpdir(), 'kpi-calculation-lake', c.deploymentId),
    ),
    results,
    lakeState: new CosmosLakeState(state),
    session: () => {
      session ??= DuckDbSession.open(DUCKDB).catch((err: unknown) => {
        session = undefined;
        throw err;
      });
      return session;
    },
    clock,
  });
  return {
    tenantId: c.tenantId,
    snapshots,
    reader: results,
    calculation,
    effects: new CosmosEffectStore(state),
    clock,
  };
}

let deps: Promise<AppDeps> | undefined;

/** The app's dependencies; a failure (bad settings) is retried on the next call. */
export function dependencies(): Promise<AppDeps> {
  deps ??= create().catch((err: unknown) => {
    deps = undefined;
    throw err;
  });
  return deps;
}
