/**
 * One entry point for the app wrapper and ingestion: validates a definition, dispatches to the connector
 * of its type, and answers SOURCE.TYPE_UNAVAILABLE for the types the Config app lets consultants declare
 * but that cannot be reached from here (SQL Server, Dynamics 365, SAP, Salesforce): never a pretend
 * connection.
 */
import {
  type Batch,
  type DiscoveredSchema,
  type ReadRequest,
  type SourceDefinition,
  SourceErrorCodes,
  sourceDefinitionSchema,
  type TestResult,
  UNAVAILABLE_SOURCE_TYPES,
} from '../contracts/connector';
import type { SourceType } from '../contracts/demo-config';
import type { BlobStore } from '../platform/blob/ports';
import { badRequest } from '../platform/errors';
import { BlobFilesSource } from './files/blob-files-source';
import type { ConnectorDeps, DiscoverOptions, SourceConnector } from './ports';
import { PostgresSource } from './postgres/pg-source';
import { RestSource } from './rest/rest-source';
import { SourceError } from './source-error';

const UNAVAILABLE_NAMES: Readonly<Record<(typeof UNAVAILABLE_SOURCE_TYPES)[number], string>> = {
  sqlserver: 'SQL Server',
  dynamics365: 'Dynamics 365',
  sap: 'SAP',
  salesforce: 'Salesforce',
};

/** The error for a declared type with no connector yet. */
export function typeUnavailable(type: SourceType | string): SourceError {
  const name = UNAVAILABLE_NAMES[type as keyof typeof UNAVAILABLE_NAMES] ?? type;
  return new SourceError(
    SourceErrorCodes.typeUnavailable,
    `${name} sources are not yet available: export the data to CSV, XLSX, JSON or Parquet files in the deployment's storage, or expose it through PostgreSQL or a REST API`,
    { type },
  );
}

/** A definition from a request or a stored item: validated, or `REQUEST.VALIDATION_FAILED` / TYPE_UNAVAILABLE. */
export function parseDefinition(input: unknown): SourceDefinition {
  const type = (input as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && (UNAVAILABLE_SOURCE_TYPES as readonly string[]).includes(type)) {
    throw typeUnavailable(type);
  }
  const parsed = sourceDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    throw badRequest(
      'REQUEST.VALIDATION_FAILED',
      'The source definition is invalid',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return parsed.data;
}

export class Connectors {
  private readonly byType: {
    [K in SourceDefinition['type']]: SourceConnector<Extract<SourceDefinition, { type: K }>>;
  };

  constructor(deps: ConnectorDeps & { blobs: BlobStore; fetch?: typeof fetch }) {
    this.byType = {
      postgresql: new PostgresSource(deps),
      rest: new RestSource(deps, deps.fetch),
      'blob-files': new BlobFilesSource(deps),
    };
  }

  private of(def: SourceDefinition): SourceConnector {
    return this.byType[def.type] as SourceConnector;
  }

  test(def: SourceDefinition): Promise<TestResult> {
    return this.of(def).test(def);
  }

  discover(def: SourceDefinition, options?: DiscoverOptions): Promise<DiscoveredSchema> {
    return this.of(def).discover(def, options);
  }

  read(def: SourceDefinition, request: ReadRequest, signal?: AbortSignal): AsyncIterable<Batch> {
    return this.of(def).read(def, request, signal);
  }
}
