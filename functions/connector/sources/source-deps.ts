/** What the source use cases need: ports only (adapters in ../dependencies.ts, fakes in the unit tests). */
import type { SecretStore } from '@kpi/shared/connectors/ports';
import type {
  Batch,
  DiscoveredSchema,
  ReadRequest,
  SourceDefinition,
  TestResult,
} from '@kpi/shared/contracts/connector';
import type { StoredSource } from '@kpi/shared/contracts/source';
import type { BlobStore } from '@kpi/shared/platform/blob/ports';
import type { TenantRepository } from '@kpi/shared/platform/cosmos/tenant-repository';
import type { Logger } from '@kpi/shared/platform/log';

/** The three verbs over a definition (shared/connectors `Connectors`). */
export interface SourceConnectors {
  test(def: SourceDefinition): Promise<TestResult>;
  discover(
    def: SourceDefinition,
    options?: { sampleRows?: number; streams?: readonly string[] },
  ): Promise<DiscoveredSchema>;
  read(def: SourceDefinition, request: ReadRequest): AsyncIterable<Batch>;
}

export interface SourceDeps {
  /** The deployment's tenant: the only tenant whose users it serves. */
  tenantId: string;
  sources: Pick<TenantRepository<StoredSource>, 'getVersioned' | 'list' | 'create' | 'replace' | 'delete'>;
  secrets: SecretStore;
  /** The connectors, logging to the given (invocation) logger. */
  connectors(log: Logger): SourceConnectors;
  blobs: Pick<BlobStore, 'putBytes'>;
  clock: () => Date;
  newId: () => string;
}
