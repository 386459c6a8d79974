/**
 * What every mapping use case reads around a mapping: the verified catalog snapshot (objects and entitled
 * KPIs) and the source's discovered stream (columns and sample rows), with the `MAPPING.*` codes for what
 * is missing.
 */
import type { DiscoveredStream } from '@kpi/shared/contracts/connector';
import type { SourceColumn, SourceColumnType } from '@kpi/shared/contracts/mapping';
import { MappingAppCodes } from '@kpi/shared/contracts/mapping-app';
import type { StoredSource } from '@kpi/shared/contracts/source';
import type { DataObject } from '@kpi/shared/domain/catalog/types';
import type { VerifiedSnapshot } from '@kpi/shared/license/catalog-snapshot';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { AppError, conflict, notFound, unprocessable } from '@kpi/shared/platform/errors';
import type { MappingDeps } from './mapping-deps';

/** Distinct sample values kept per column (suggestions and enum coverage read them). */
const SAMPLES_PER_COLUMN = 200;

/** The snapshot, or 503 `MAPPING.CATALOG_UNAVAILABLE` while client-app has not fetched one. */
export async function catalogOf(deps: Pick<MappingDeps, 'catalog'>): Promise<VerifiedSnapshot> {
  const snapshot = await deps.catalog();
  if (!snapshot) {
    throw new AppError(
      MappingAppCodes.catalogUnavailable,
      'The catalog snapshot has not been fetched yet: the client app fetches it when its licence is active',
      503,
      undefined,
      { 'retry-after': '30' },
    );
  }
  return snapshot;
}

/** The catalog object, or 422 `MAPPING.OBJECT_UNKNOWN` for one the entitled KPIs do not need. */
export function objectOf(snapshot: VerifiedSnapshot, name: string): DataObject {
  const object = snapshot.objects.get(name);
  if (!object) {
    throw unprocessable(
      MappingAppCodes.objectUnknown,
      `${name} is not an object of this deployment's catalog (known: ${[...snapshot.objects.keys()].join(', ')})`,
    );
  }
  return object;
}

export interface SourceStream {
  source: StoredSource;
  stream: DiscoveredStream;
}

/**
 * The source's discovered stream. 404 `MAPPING.SOURCE_NOT_FOUND`, 409 `MAPPING.SOURCE_NOT_READY` (not tested
 * and discovered), 422 `MAPPING.STREAM_UNKNOWN`.
 */
export async function streamOf(
  deps: Pick<MappingDeps, 'sources'>,
  scope: TenantScope,
  sourceId: string,
  streamName: string,
): Promise<SourceStream> {
  const source = await deps.sources.get(scope, sourceId);
  if (!source) throw notFound(MappingAppCodes.sourceNotFound, `Source ${sourceId} does not exist`);
  if (source.status !== 'ready' || !source.discovered) {
    throw conflict(
      MappingAppCodes.sourceNotReady,
      `Source ${source.name} is ${source.status}: test and discover it before mapping it`,
      { status: source.status },
    );
  }
  const stream = source.discovered.streams.find((s) => s.name === streamName);
  if (!stream) {
    throw unprocessable(
      MappingAppCodes.streamUnknown,
      `Source ${source.name} has no stream "${streamName}" (discovered: ${source.discovered.streams
        .map((s) => s.name)
        .slice(0, 20)
        .join(', ')})`,
    );
  }
  return { source, stream };
}

const COLUMN_TYPES: Readonly<Record<string, SourceColumnType>> = {
  string: 'string',
  integer: 'integer',
  decimal: 'decimal',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
};

/** The stream's columns as validation and suggestions read them: type and distinct sample values. */
export function columnsOf(stream: DiscoveredStream): SourceColumn[] {
  return stream.columns.map((c) => {
    const seen = new Set<string>();
    for (const row of stream.sampleRows) {
      const v = row[c.name];
      if (v === null || v === undefined) continue;
      seen.add(String(v).slice(0, 1000));
      if (seen.size >= SAMPLES_PER_COLUMN) break;
    }
    const type = COLUMN_TYPES[c.type];
    return { name: c.name, ...(type ? { type } : {}), samples: [...seen] };
  });
}
