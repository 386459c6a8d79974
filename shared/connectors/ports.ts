/**
 * The connector's ports. A source connector answers the four Airbyte verbs (the spec is the zod definition
 * in shared/contracts/connector.ts): check (`test`), `discover` and `read`. Secrets come from a
 * `SecretStore`: `KeyVaultSecrets` (shared/platform/keyvault) has this shape, so the app passes it as is.
 */
import type {
  Batch,
  DiscoveredSchema,
  ReadRequest,
  SourceDefinition,
  TestResult,
} from '../contracts/connector';
import type { Logger } from '../platform/log';

/** Secrets by name (Key Vault in Azure, its stand-in locally). */
export interface SecretStore {
  /** The current value, or undefined when there is no such secret. */
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string, contentType: string): Promise<void>;
}

export interface DiscoverOptions {
  /** Sample rows per stream (default 5, at most CONNECTOR_LIMITS.sampleRows). */
  sampleRows?: number;
  /** Only these streams (tables, endpoints, files); default all. */
  streams?: readonly string[];
}

export interface SourceConnector<D extends SourceDefinition = SourceDefinition> {
  /** Connects and proves access; never throws for a source problem (the result carries the code). */
  test(definition: D): Promise<TestResult>;
  discover(definition: D, options?: DiscoverOptions): Promise<DiscoveredSchema>;
  /**
   * Reads one stream in batches of at most `batchSize` records, holding at most about one batch in memory.
   * Store each batch's `state` only after its records are written. Throws `SourceError` (`SOURCE.*`).
   */
  read(definition: D, request: ReadRequest, signal?: AbortSignal): AsyncIterable<Batch>;
}

export interface ConnectorDeps {
  secrets: SecretStore;
  log: Logger;
}
