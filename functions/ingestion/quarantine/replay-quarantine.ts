/**
 * Replays a mapping's open quarantine after the mapping was fixed (a new version published): each kept source
 * row goes through the current mapping again; rows that now pass are appended to the lake in one file and
 * marked replayed, rows that still fail keep their (new) reasons. Recorded as a run with trigger `replay`.
 */
import type { IngestionRun } from '@kpi/shared/contracts/ingestion';
import { compileMapping, MappingInvalidError } from '@kpi/shared/domain/mapping/index';
import { notFound, unprocessable } from '@kpi/shared/platform/errors';
import { timeRangeOf } from '../lake/lake';
import { mapRows } from '../model/map-rows';
import type { RunDeps } from '../runs/run-ingestion';

/** Rows replayed per call (call again for more). */
export const REPLAY_LIMIT = 5_000;

export async function replayQuarantine(
  deps: RunDeps,
  req: { mappingId: string; runId: string; requestedBy: string },
) {
  const mapping = await deps.mappings.get(req.mappingId);
  if (!mapping)
    throw notFound('INGESTION.MAPPING_NOT_PUBLISHED', `Mapping ${req.mappingId} has no published version`);
  const object = await deps.objects.object(mapping.object);
  let compiled: ReturnType<typeof compileMapping>;
  try {
    compiled = compileMapping(mapping, object);
  } catch (err) {
    if (err instanceof MappingInvalidError) {
      throw unprocessable('INGESTION.MAPPING_INVALID', err.message, err.issues);
    }
    throw err;
  }
  const started = deps.clock();
  const open = await deps.quarantine.open(mapping.id, REPLAY_LIMIT);
  const results = open.map((q) => ({
    q,
    out: mapRows(compiled, object, [q.record], {
      firstRow: q.row,
      mappingId: mapping.id,
      runId: q.runId,
      at: started.toISOString(),
    }),
  }));
  const passing = results.filter((r) => r.out.records.length === 1);
  const failing = results.filter((r) => r.out.records.length === 0);
  let manifestVersion: number | undefined;
  const files = [];
  if (passing.length) {
    const file = await deps.lake.writeFile(
      object,
      passing.map((r) => r.out.records[0]!),
      req.runId,
      0,
    );
    files.push(file);
    manifestVersion = (await deps.lake.swap(object.name, { kind: 'append', files: [file] })).version;
  }
  await deps.quarantine.update([
    ...passing.map((r) => ({ ...r.q, status: 'replayed' as const })),
    ...failing.map((r) => ({ ...r.q, errors: r.out.quarantined[0]?.errors ?? r.q.errors })),
  ]);
  const end = deps.clock();
  const run: IngestionRun = {
    id: req.runId,
    mappingId: mapping.id,
    mappingVersion: mapping.version,
    sourceId: mapping.sourceId,
    object: mapping.object,
    stream: mapping.stream,
    mode: 'incremental',
    status: 'succeeded',
    trigger: 'replay',
    requestedBy: req.requestedBy,
    requestedAt: started.toISOString(),
    startedAt: started.toISOString(),
    finishedAt: end.toISOString(),
    rowsRead: open.length,
    rowsWritten: passing.length,
    rowsQuarantined: failing.length,
    batches: 1,
    attempts: 1,
    errors: [],
    durationMs: end.getTime() - started.getTime(),
    ...(manifestVersion !== undefined ? { manifestVersion } : {}),
  };
  await deps.runs.save(run);
  if (passing.length) {
    const timeRange = timeRangeOf(files);
    await deps.publisher.publish(deps.eventsTopic, {
      type: 'ingestion.completed',
      subject: object.name,
      messageId: `ingestion.completed:${run.id}`,
      data: {
        runId: run.id,
        object: object.name,
        sourceId: mapping.sourceId,
        mappingId: mapping.id,
        mode: 'incremental',
        rowsWritten: passing.length,
        rowsQuarantined: failing.length,
        ...(timeRange ? { timeRange } : {}),
        manifestVersion: manifestVersion ?? 0,
        completedAt: end.toISOString(),
      },
    });
  }
  return {
    runId: run.id,
    replayed: open.length,
    written: passing.length,
    stillFailing: failing.length,
    ...(manifestVersion !== undefined ? { manifestVersion } : {}),
  };
}
