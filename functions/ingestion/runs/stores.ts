/** The run use cases' storage ports (Cosmos adapters in cosmos-run-stores.ts, fakes in the unit tests). */
import type { IngestionRun, QuarantinedRow } from '@kpi/shared/contracts/ingestion';
import type { StoredSource } from '@kpi/shared/contracts/source';

export interface RunStore {
  get(id: string): Promise<IngestionRun | undefined>;
  save(run: IngestionRun): Promise<void>;
  /** Newest first; optionally one mapping's. */
  list(
    filter: { mappingId?: string },
    page: { maxItemCount: number; continuationToken?: string },
  ): Promise<{ items: IngestionRun[]; continuationToken?: string }>;
  /** The mapping's last successful run (its row count estimates the next run's ETA). */
  lastSucceeded(mappingId: string): Promise<IngestionRun | undefined>;
}

/** Where a mapping's incremental loads resume. */
export interface MappingCursor {
  id: string;
  cursorField?: string;
  cursorValue?: string | number;
  runId?: string;
  updatedAt: string;
  /** The scheduler's last start of this mapping (NCRONTAB occurrences after it are due). */
  scheduledAt?: string;
}

export interface CursorStore {
  get(mappingId: string): Promise<MappingCursor | undefined>;
  save(cursor: MappingCursor): Promise<void>;
}

export interface QuarantineStore {
  add(rows: readonly QuarantinedRow[]): Promise<void>;
  list(
    mappingId: string,
    filter: { runId?: string; status?: 'open' | 'replayed' },
    page: { maxItemCount: number; continuationToken?: string },
  ): Promise<{ items: QuarantinedRow[]; continuationToken?: string }>;
  /** Open rows of a mapping, oldest first, at most `limit`. */
  open(mappingId: string, limit: number): Promise<QuarantinedRow[]>;
  update(rows: readonly QuarantinedRow[]): Promise<void>;
}

/** The sources the connector app stores (read only here). */
export interface SourceReader {
  get(sourceId: string): Promise<StoredSource | undefined>;
  /** Sources with a schedule. */
  scheduled(): Promise<StoredSource[]>;
}
