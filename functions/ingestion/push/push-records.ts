/**
 * Real-time intake: records a source pushes for one object, mapped by that source's published mapping,
 * written as one Parquet file and appended to the object's manifest, then announced as `records.appended`.
 * Idempotent by construction: the batch id (or Idempotency-Key) names the file, a file already live is not
 * appended again, and the outcome is kept under the batch id, so a retried push adds nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { PushRecords, PushResult } from '@kpi/shared/contracts/ingestion';
import type { LakeFile, LakeManifest } from '@kpi/shared/contracts/lake';
import { compileMapping, MappingInvalidError } from '@kpi/shared/domain/mapping/index';
import { unprocessable } from '@kpi/shared/platform/errors';
import type { EffectStore } from '@kpi/shared/platform/servicebus/ports';
import { LAKE_DEFAULTS, timeRangeOf } from '../lake/lake';
import { mapRows } from '../model/map-rows';
import type { RunDeps } from '../runs/run-ingestion';

export interface PushDeps
  extends Pick<
    RunDeps,
    'mappings' | 'objects' | 'lake' | 'quarantine' | 'publisher' | 'eventsTopic' | 'clock' | 'log'
  > {
  /** Outcomes of batches already taken, by `push:<source>:<batch>`. */
  pushes: EffectStore & { outcome(key: string): Promise<PushResult | undefined> };
}

export async function pushRecords(
  deps: PushDeps,
  input: { sourceId: string; object: string; body: PushRecords; idempotencyKey?: string },
): Promise<PushResult> {
  const batchId = input.idempotencyKey ?? input.body.batchId ?? randomUUID();
  const key = `push:${input.sourceId}:${batchId}`;
  const done = await deps.pushes.outcome(key);
  if (done) return { ...done, duplicate: true };
  const mapping = await deps.mappings.forSourceObject(input.sourceId, input.object);
  if (!mapping) {
    throw unprocessable(
      'INGESTION.NO_PUBLISHED_MAPPING',
      `Source ${input.sourceId} has no published mapping onto ${input.object}`,
    );
  }
  const object = await deps.objects.object(input.object);
  let compiled: ReturnType<typeof compileMapping>;
  try {
    compiled = compileMapping(mapping, object);
  } catch (err) {
    if (err instanceof MappingInvalidError) {
      throw unprocessable('INGESTION.MAPPING_INVALID', err.message, err.issues);
    }
    throw err;
  }
  // The same batch always lands in the same file: a retry finds it live and appends nothing.
  const tag = `push-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
  const at = deps.clock().toISOString();
  const { records, quarantined } = mapRows(compiled, object, input.body.records, {
    firstRow: 1,
    mappingId: mapping.id,
    runId: tag,
    at,
  });
  // A retry after a crash between the swap and the outcome record writes the same rows to the same name
  // again, and the swap finds the file live already: nothing is added.
  let manifest: LakeManifest | undefined;
  const files: LakeFile[] = [];
  if (records.length) {
    const file = await deps.lake.writeFile(object, records, tag, 0);
    files.push(file);
    manifest = await deps.lake.swap(object.name, { kind: 'append', files: [file] });
  } else manifest = await deps.lake.manifest(object.name);
  if (quarantined.length) await deps.quarantine.add(quarantined);
  const result: PushResult = {
    batchId,
    object: object.name,
    accepted: records.length,
    quarantined: quarantined.length,
    manifestVersion: manifest?.version ?? 0,
    duplicate: false,
  };
  if (records.length) {
    const timeRange = timeRangeOf(files);
    await deps.publisher.publish(deps.eventsTopic, {
      type: 'records.appended',
      subject: object.name,
      messageId: `records.appended:${tag}`,
      data: {
        batchId,
        object: object.name,
        sourceId: input.sourceId,
        rows: records.length,
        ...(timeRange ? { timeRange } : {}),
        manifestVersion: result.manifestVersion,
        appendedAt: at,
      },
    });
  }
  await deps.pushes.record(key, { outcome: result });
  if (manifest && manifest.files.length > LAKE_DEFAULTS.compactPushesAbove) {
    await deps.lake.compactIfNeeded(object, tag, LAKE_DEFAULTS.compactPushesAbove).catch((err: unknown) => {
      deps.log.warn('compaction after push failed', { object: object.name, error: String(err) });
    });
  }
  return result;
}
