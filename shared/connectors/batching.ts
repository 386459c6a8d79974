/**
 * Batches for sources that cannot filter or sort by the cursor themselves (REST endpoints without a
 * `since` parameter, files): pages of raw rows in, batches of `batchSize` records out, rows before the
 * cursor dropped. Because rows do not arrive in cursor order, intermediate batches keep the request's
 * cursor value in their state and only the last batch carries the highest value read: a run stopped
 * half-way starts again from the same place instead of skipping rows.
 */
import {
  type Batch,
  type ParsedReadRequest,
  SourceErrorCodes,
  type SourceRecord,
  type StreamState,
} from '../contracts/connector';
import { compareCursor, maxCursor, startValue, toRecord } from './records';
import { SourceError } from './source-error';

export async function* batchUnsorted(
  pages: AsyncIterable<readonly Record<string, unknown>[]>,
  req: ParsedReadRequest,
): AsyncGenerator<Batch> {
  const field = req.cursorField;
  const from = req.cursorValue === undefined ? undefined : startValue(req.cursorValue, req.lookBack);
  let highest = req.cursorValue;
  let read = 0;
  let buffer: SourceRecord[] = [];
  const state = (cursorValue: string | number | undefined): StreamState => ({
    stream: req.stream,
    ...(field !== undefined ? { cursorField: field } : {}),
    ...(cursorValue !== undefined ? { cursorValue } : {}),
    recordsRead: read,
  });
  const limit = req.limit ?? Number.POSITIVE_INFINITY;

  outer: for await (const page of pages) {
    for (const raw of page) {
      const record = toRecord(raw);
      if (field !== undefined) {
        if (!(field in record)) {
          throw new SourceError(SourceErrorCodes.cursorInvalid, `The stream has no cursor field ${field}`);
        }
        const v = record[field] ?? null;
        // Rows without a cursor value are read every time (ingestion upserts by key): never lost.
        if (from !== undefined && v !== null && compareCursor(v, from) < 0) continue;
        highest = maxCursor(highest, v);
      }
      buffer.push(record);
      read++;
      if (buffer.length >= req.batchSize && read < limit) {
        yield { records: buffer, state: state(req.cursorValue), done: false };
        buffer = [];
      }
      if (read >= limit) break outer;
    }
  }
  yield { records: buffer, state: state(highest), done: true };
}
