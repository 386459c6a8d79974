/**
 * Connecting to a source: `test` (stores the result: `failing` with the stable `SOURCE.*` code, or on to
 * `ready` when a discovery is already there), `discover` (stores streams, columns, key and cursor
 * candidates, row estimates and sample rows; the source becomes `ready`) and a sample of one stream.
 */
import { typeUnavailable } from '@kpi/shared/connectors/connectors';
import { isSourceError } from '@kpi/shared/connectors/source-error';
import type { SourceDefinition, SourceRecord, TestResult } from '@kpi/shared/contracts/connector';
import type { StoredSource } from '@kpi/shared/contracts/source';
import type { Versioned } from '@kpi/shared/platform/cosmos/tenant-repository';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { conflict } from '@kpi/shared/platform/errors';
import type { Logger } from '@kpi/shared/platform/log';
import { findSource, sourceView } from './manage-sources';
import type { SourceDeps } from './source-deps';

/** The definition to connect with: TYPE_UNAVAILABLE for a declared type we cannot reach, 409 without one. */
export function connectable(s: StoredSource): SourceDefinition {
  if (s.status === 'unavailable' && s.declaredType) throw typeUnavailable(s.declaredType);
  if (!s.definition) {
    throw conflict(
      'CONNECTOR.DEFINITION_MISSING',
      `Source ${s.id} has no connection yet: give it a definition (PATCH) before testing it`,
    );
  }
  return s.definition;
}

async function record(
  deps: SourceDeps,
  scope: TenantScope,
  found: Versioned<StoredSource>,
  change: Partial<StoredSource>,
  actor: string,
) {
  return deps.sources.replace(
    scope,
    { ...found.item, ...change, updatedAt: deps.clock().toISOString(), updatedBy: actor },
    { ifMatch: found.etag },
  );
}

export async function testSource(
  deps: SourceDeps,
  scope: TenantScope,
  actor: string,
  id: string,
  log: Logger,
): Promise<{ status: StoredSource['status']; lastTest: TestResult & { testedAt: string } }> {
  const found = await findSource(deps, scope, id);
  const def = connectable(found.item);
  const result = await deps.connectors(log).test(def);
  const lastTest = { ...result, testedAt: deps.clock().toISOString() };
  const status = !result.ok ? 'failing' : found.item.discovered ? 'ready' : 'draft';
  const saved = await record(deps, scope, found, { lastTest, status }, actor);
  log.info('source tested', {
    sourceId: id,
    ok: result.ok,
    ...(result.ok ? {} : { code: result.error.code }),
  });
  return { status: saved.item.status, lastTest };
}

export async function discoverSource(
  deps: SourceDeps,
  scope: TenantScope,
  actor: string,
  id: string,
  options: { sampleRows: number; streams?: string[] | undefined },
  log: Logger,
) {
  const found = await findSource(deps, scope, id);
  const def = connectable(found.item);
  const started = Date.now();
  try {
    const discovered = await deps.connectors(log).discover(def, {
      sampleRows: options.sampleRows,
      ...(options.streams ? { streams: options.streams } : {}),
    });
    const lastTest = {
      ok: true as const,
      latencyMs: Date.now() - started,
      testedAt: deps.clock().toISOString(),
    };
    const saved = await record(deps, scope, found, { discovered, status: 'ready', lastTest }, actor);
    log.info('source discovered', { sourceId: id, streams: discovered.streams.length });
    return sourceView(deps.secrets, saved);
  } catch (err) {
    if (!isSourceError(err)) throw err;
    // The failure is the source's: keep it on the source so the list says why, then answer it.
    const lastTest = {
      ok: false as const,
      latencyMs: Date.now() - started,
      error: { code: err.code, message: err.message },
      testedAt: deps.clock().toISOString(),
    };
    await record(deps, scope, found, { status: 'failing', lastTest }, actor);
    log.info('source discovery failed', { sourceId: id, code: err.code });
    throw err;
  }
}

export async function sampleStream(
  deps: SourceDeps,
  scope: TenantScope,
  id: string,
  stream: string,
  limit: number,
  log: Logger,
): Promise<{ stream: string; records: SourceRecord[] }> {
  const found = await findSource(deps, scope, id);
  const def = connectable(found.item);
  const records: SourceRecord[] = [];
  for await (const batch of deps.connectors(log).read(def, { stream, limit, batchSize: limit })) {
    records.push(...batch.records);
    if (records.length >= limit || batch.done) break;
  }
  return { stream, records: records.slice(0, limit) };
}
