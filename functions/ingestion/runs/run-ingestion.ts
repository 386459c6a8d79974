/**
 * One ingestion run of a published mapping: read the source in batches (shared/connectors), map each batch
 * (rows failing go to the quarantine), write a Parquet file per batch, and make it live with a manifest swap.
 * Incremental runs swap per batch and advance the mapping's cursor only after the swap (a failed run leaves
 * the cursor at the last batch written); a full refresh swaps the whole file set once, at the end. Transient
 * source errors are retried with back-off from where the run stands. A redelivered request of a finished
 * run changes nothing.
 */
import type { Batch, ReadRequest } from '@kpi/shared/contracts/connector';
import {
  INGESTION_LIMITS,
  type IngestionRun,
  type RunMode,
  type RunRequestMessage,
} from '@kpi/shared/contracts/ingestion';
import type { LakeFile, LakeManifest } from '@kpi/shared/contracts/lake';
import type { Mapping } from '@kpi/shared/contracts/mapping';
import type { StoredSource } from '@kpi/shared/contracts/source';
import type { DataObject } from '@kpi/shared/domain/catalog/types';
import { type CompiledMapping, compileMapping, MappingInvalidError } from '@kpi/shared/domain/mapping/index';
import { badRequest, isAppError, notFound, unprocessable } from '@kpi/shared/platform/errors';
import type { Logger } from '@kpi/shared/platform/log';
import type { EventPublisher } from '@kpi/shared/platform/servicebus/ports';
import { type Lake, timeRangeOf } from '../lake/lake';
import { mapRows } from '../model/map-rows';
import type { ObjectModel } from '../model/object-model';
import type { PublishedMappings } from '../model/published-mappings';
import { PendingWrites } from './pending-writes';
import { prefetch } from './prefetch';
import type { CursorStore, QuarantineStore, RunStore, SourceReader } from './stores';

export interface RunDeps {
  runs: RunStore;
  cursors: CursorStore;
  quarantine: QuarantineStore;
  mappings: PublishedMappings;
  sources: SourceReader;
  objects: ObjectModel;
  lake: Lake;
  /** Reads a source stream (Connectors.read with the stored definition). */
  read(source: StoredSource, request: ReadRequest): AsyncIterable<Batch>;
  publisher: EventPublisher;
  /** The topic name as declared (client-entity-names). */
  eventsTopic: string;
  clock: () => Date;
  log: Logger;
  sleep?: (ms: number) => Promise<void>;
}

/** Source errors worth another try: the network, a timeout, rate limiting. */
const TRANSIENT = new Set(['SOURCE.UNREACHABLE', 'SOURCE.TIMEOUT', 'SOURCE.RATE_LIMITED']);
export const RUN_RETRIES = { attempts: 3, firstDelayMs: 1_000 } as const;
/** A running run whose progress is older than this may be taken over by a redelivered request. */
const STALE_MS = 5 * 60_000;

const codeOf = (err: unknown) =>
  isAppError(err) || (err as { code?: unknown })?.code
    ? String((err as { code: unknown }).code)
    : 'INGESTION.FAILED';

/** The source column an incremental run follows by default: the stream's first discovered candidate. */
function defaultCursorField(source: StoredSource, stream: string): string | undefined {
  return source.discovered?.streams.find((s) => s.name === stream)?.cursorCandidates[0];
}

interface Prepared {
  mapping: Mapping;
  source: StoredSource;
  object: DataObject;
  compiled: CompiledMapping;
}

async function prepare(deps: RunDeps, mappingId: string): Promise<Prepared> {
  const mapping = await deps.mappings.get(mappingId);
  if (!mapping) {
    throw notFound('INGESTION.MAPPING_NOT_PUBLISHED', `Mapping ${mappingId} has no published version`);
  }
  const source = await deps.sources.get(mapping.sourceId);
  if (!source?.definition) {
    throw unprocessable('INGESTION.SOURCE_UNAVAILABLE', `Source ${mapping.sourceId} cannot be read`);
  }
  const object = await deps.objects.object(mapping.object);
  try {
    return { mapping, source, object, compiled: compileMapping(mapping, object) };
  } catch (err) {
    if (err instanceof MappingInvalidError) {
      throw unprocessable('INGESTION.MAPPING_INVALID', err.message, err.issues);
    }
    throw err;
  }
}

/** Records a queued run (HTTP, schedule, command): validated now, so a bad request fails at once. */
export async function queueRun(deps: RunDeps, req: RunRequestMessage): Promise<IngestionRun> {
  const { mapping, source } = await prepare(deps, req.mappingId);
  const cursor = await deps.cursors.get(mapping.id);
  const cursorField = req.cursorField ?? cursor?.cursorField ?? defaultCursorField(source, mapping.stream);
  const mode: RunMode =
    req.mode ?? (cursorField !== undefined && cursor?.cursorValue !== undefined ? 'incremental' : 'full');
  if (mode === 'incremental' && cursorField === undefined) {
    throw badRequest(
      'INGESTION.CURSOR_REQUIRED',
      `Mapping ${mapping.id} has no cursor column: send cursorField`,
    );
  }
  const run: IngestionRun = {
    id: req.runId,
    mappingId: mapping.id,
    mappingVersion: mapping.version,
    sourceId: mapping.sourceId,
    object: mapping.object,
    stream: mapping.stream,
    mode,
    status: 'queued',
    trigger: req.trigger,
    requestedBy: req.requestedBy,
    requestedAt: deps.clock().toISOString(),
    ...(cursorField !== undefined ? { cursorField } : {}),
    rowsRead: 0,
    rowsWritten: 0,
    rowsQuarantined: 0,
    batches: 0,
    attempts: 0,
    errors: [],
    batchSize: req.batchSize ?? INGESTION_LIMITS.defaultBatchSize,
  };
  await deps.runs.save(run);
  return run;
}

/** Runs a queued run to its end (the queue trigger); answers the run as it ended. */
export async function executeRun(deps: RunDeps, req: RunRequestMessage): Promise<IngestionRun> {
  let run = (await deps.runs.get(req.runId)) ?? (await queueRun(deps, req));
  const now = deps.clock().getTime();
  if (run.status === 'succeeded' || run.status === 'failed') return run;
  if (run.status === 'running' && run.heartbeatAt && now - Date.parse(run.heartbeatAt) < STALE_MS) return run;
  const started = deps.clock();
  run = { ...run, status: 'running', startedAt: started.toISOString(), heartbeatAt: started.toISOString() };
  run.attempts += 1;
  await deps.runs.save(run);
  const written: LakeFile[] = [];
  const pending = new PendingWrites(2, written);
  let manifest: LakeManifest | undefined;
  let prepared: Prepared | undefined;
  try {
    prepared = await prepare(deps, run.mappingId);
    const estimate = (await deps.runs.lastSucceeded(run.mappingId))?.rowsRead;
    const cursor = await deps.cursors.get(run.mappingId);
    if (run.mode === 'incremental' && cursor?.cursorValue !== undefined)
      run.cursorBefore = cursor.cursorValue;
    let position = run.mode === 'incremental' ? cursor?.cursorValue : undefined;
    let lastState: Batch['state'] | undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        const request: ReadRequest = {
          stream: run.stream,
          batchSize: run.batchSize ?? INGESTION_LIMITS.defaultBatchSize,
          ...(run.cursorField !== undefined ? { cursorField: run.cursorField } : {}),
          ...(position !== undefined ? { cursorValue: position } : {}),
        };
        for await (const batch of prefetch(deps.read(prepared.source, request))) {
          const at = deps.clock();
          const { records, quarantined } = mapRows(prepared.compiled, prepared.object, batch.records, {
            firstRow: run.rowsRead + 1,
            mappingId: run.mappingId,
            runId: run.id,
            at: at.toISOString(),
          });
          if (records.length && run.mode === 'full') {
            await pending.add(deps.lake.writeFile(prepared.object, records, run.id, run.batches));
          } else if (records.length) {
            const file = await deps.lake.writeFile(prepared.object, records, run.id, run.batches);
            written.push(file);
            manifest = await deps.lake.swap(prepared.object.name, { kind: 'append', files: [file] });
          }
          const kept = INGESTION_LIMITS.quarantineRowsPerRun - run.rowsQuarantined;
          if (quarantined.length && kept > 0) await deps.quarantine.add(quarantined.slice(0, kept));
          lastState = batch.state;
          if (run.mode === 'incremental' && batch.state.cursorValue !== undefined) {
            // Only now: the batch's rows are live (or quarantined), so a later failure resumes after them.
            position = batch.state.cursorValue;
            await deps.cursors.save({
              id: run.mappingId,
              ...(run.cursorField !== undefined ? { cursorField: run.cursorField } : {}),
              cursorValue: position,
              runId: run.id,
              updatedAt: at.toISOString(),
              ...(cursor?.scheduledAt ? { scheduledAt: cursor.scheduledAt } : {}),
            });
            run.cursorAfter = position;
          }
          run = progress(
            run,
            batch.records.length,
            records.length,
            quarantined.length,
            started,
            at,
            estimate,
          );
          if (manifest) run.manifestVersion = manifest.version;
          await deps.runs.save(run);
        }
        await pending.flush();
        break;
      } catch (err) {
        await pending.settle();
        if (!TRANSIENT.has(codeOf(err)) || attempt + 1 >= RUN_RETRIES.attempts) throw err;
        run.errors.push({
          code: codeOf(err),
          message: (err as Error).message,
          at: deps.clock().toISOString(),
        });
        await deps.runs.save(run);
        if (run.mode === 'full') {
          // A full refresh starts again: nothing it wrote is live yet.
          await deps.lake.discard(written.splice(0));
          run = { ...run, rowsRead: 0, rowsWritten: 0, rowsQuarantined: 0, batches: 0 };
        }
        await (deps.sleep ?? sleep)(RUN_RETRIES.firstDelayMs * 2 ** attempt);
      }
    }
    if (run.mode === 'full') {
      manifest = await deps.lake.swap(prepared.object.name, { kind: 'replace', files: written });
      if (run.cursorField !== undefined && lastState?.cursorValue !== undefined) {
        await deps.cursors.save({
          id: run.mappingId,
          cursorField: run.cursorField,
          cursorValue: lastState.cursorValue,
          runId: run.id,
          updatedAt: deps.clock().toISOString(),
          ...(cursor?.scheduledAt ? { scheduledAt: cursor.scheduledAt } : {}),
        });
        run.cursorAfter = lastState.cursorValue;
      }
    }
    manifest ??= await deps.lake.manifest(prepared.object.name);
    const end = deps.clock();
    run = {
      ...run,
      status: 'succeeded',
      finishedAt: end.toISOString(),
      durationMs: end.getTime() - started.getTime(),
      ...(manifest ? { manifestVersion: manifest.version } : {}),
    };
    delete run.etaSeconds;
    await deps.runs.save(run);
    await publishCompleted(deps, run, written);
    // Compaction merges upserts: a full refresh has none (its files are one snapshot of the source).
    if (run.mode === 'incremental') await compactAfter(deps, prepared.object, run.id);
    return run;
  } catch (err) {
    if (run.mode === 'full') await deps.lake.discard(written);
    const end = deps.clock();
    run = {
      ...run,
      status: 'failed',
      finishedAt: end.toISOString(),
      durationMs: end.getTime() - started.getTime(),
      errors: [...run.errors, { code: codeOf(err), message: (err as Error).message, at: end.toISOString() }],
    };
    await deps.runs.save(run);
    deps.log.warn('ingestion run failed', { runId: run.id, code: codeOf(err), rowsWritten: run.rowsWritten });
    // An incremental run's batches that made it stay live: announce them, so calculation sees them.
    if (run.mode === 'incremental' && run.rowsWritten > 0) await publishCompleted(deps, run, written);
    return run;
  }
}

function progress(
  run: IngestionRun,
  read: number,
  written: number,
  quarantined: number,
  started: Date,
  at: Date,
  estimate: number | undefined,
): IngestionRun {
  const rowsRead = run.rowsRead + read;
  const seconds = Math.max((at.getTime() - started.getTime()) / 1000, 0.001);
  const rate = Math.round(rowsRead / seconds);
  const next: IngestionRun = {
    ...run,
    rowsRead,
    rowsWritten: run.rowsWritten + written,
    rowsQuarantined: run.rowsQuarantined + quarantined,
    batches: run.batches + 1,
    rate,
    heartbeatAt: at.toISOString(),
  };
  if (estimate !== undefined && rate > 0 && estimate > rowsRead) {
    next.etaSeconds = Math.round((estimate - rowsRead) / rate);
  } else delete next.etaSeconds;
  return next;
}

async function publishCompleted(deps: RunDeps, run: IngestionRun, files: readonly LakeFile[]) {
  const timeRange = timeRangeOf(files);
  await deps.publisher.publish(deps.eventsTopic, {
    type: 'ingestion.completed',
    subject: run.object,
    messageId: `ingestion.completed:${run.id}`,
    data: {
      runId: run.id,
      object: run.object,
      sourceId: run.sourceId,
      mappingId: run.mappingId,
      mode: run.mode,
      rowsWritten: run.rowsWritten,
      rowsQuarantined: run.rowsQuarantined,
      ...(timeRange ? { timeRange } : {}),
      manifestVersion: run.manifestVersion ?? 0,
      completedAt: run.finishedAt ?? deps.clock().toISOString(),
    },
  });
}

async function compactAfter(deps: RunDeps, object: DataObject, runId: string) {
  try {
    await deps.lake.compactIfNeeded(object, runId);
  } catch (err) {
    // The load is live either way; the next load tries again.
    deps.log.warn('compaction failed', { object: object.name, error: String(err) });
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
