/**
 * Sources of the deployment: create, read, change and remove, with their secrets in Key Vault only. A new
 * or changed definition makes the source a `draft` until it is tested and discovered again.
 */
import type { SecretStore } from '@kpi/shared/connectors/ports';
import { typeUnavailable } from '@kpi/shared/connectors/connectors';
import { type SourceDefinition, UNAVAILABLE_SOURCE_TYPES } from '@kpi/shared/contracts/connector';
import type {
  createSourceRequestSchema,
  patchSourceRequestSchema,
  SourceDefinitionInput,
  SourceView,
} from '@kpi/shared/contracts/connector-app';
import type { StoredSource } from '@kpi/shared/contracts/source';
import type { PageOptions, Versioned } from '@kpi/shared/platform/cosmos/tenant-repository';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { notFound, unprocessable } from '@kpi/shared/platform/errors';
import { LAKE_CONTAINER } from '@kpi/shared/contracts/lake';
import type { z } from 'zod';
import type { SourceDeps } from './source-deps';
import {
  maskedSecrets,
  secretKindsOf,
  secretName,
  sentSecrets,
  withoutSecretRefs,
  withSecretRefs,
  writeSecrets,
} from './source-secrets';

type CreateRequest = z.output<typeof createSourceRequestSchema>;
type PatchRequest = z.output<typeof patchSourceRequestSchema>;

/** Containers of the deployment's own apps: a blob-files source may not read or write them. */
const RESERVED_CONTAINERS = [
  'client-app',
  LAKE_CONTAINER,
  'connector',
  'ingestion',
  'mapping',
  'calculation',
];

/** A requested definition a connector reaches; `SOURCE.TYPE_UNAVAILABLE` for SQL Server, SAP… */
function reachable(def: CreateRequest['definition']): SourceDefinitionInput {
  if ((UNAVAILABLE_SOURCE_TYPES as readonly string[]).includes(def.type)) throw typeUnavailable(def.type);
  return def as SourceDefinitionInput;
}

function checkContainer(def: SourceDefinition): void {
  if (def.type !== 'blob-files') return;
  if (RESERVED_CONTAINERS.includes(def.container) || def.container.startsWith('azure-webjobs')) {
    throw unprocessable(
      'CONNECTOR.CONTAINER_RESERVED',
      `Container ${def.container} holds the deployment's own data; put source files in another container`,
      [{ path: 'definition.container', message: 'reserved container' }],
    );
  }
}

/** The source's type as shown: its definition's, else the type it was declared with. */
export const typeOf = (s: StoredSource) => s.definition?.type ?? s.declaredType ?? 'unknown';

/** A source by id, or 404 `CONNECTOR.SOURCE_NOT_FOUND`. */
export async function findSource(deps: Pick<SourceDeps, 'sources'>, scope: TenantScope, id: string) {
  const found = await deps.sources.getVersioned(scope, id);
  if (!found) throw notFound('CONNECTOR.SOURCE_NOT_FOUND', `Source ${id} does not exist`);
  return found;
}

/** A summary for any reader: no definition, no secret names. */
export function sourceSummary(s: StoredSource) {
  return {
    id: s.id,
    name: s.name,
    status: s.status,
    type: typeOf(s),
    ...(s.unavailableReason ? { unavailableReason: s.unavailableReason } : {}),
    providesObjects: s.providesObjects,
    origin: s.origin,
    ...(s.lastTest ? { lastTest: s.lastTest } : {}),
    ...(s.schedule ? { schedule: s.schedule } : {}),
    updatedAt: s.updatedAt,
    streams: s.discovered?.streams.map((x) => x.name) ?? [],
    ...(s.discovered ? { discoveredAt: s.discovered.discoveredAt } : {}),
  };
}

/** What an admin sees: the definition (secret names are the connector's own), masked secrets. */
export async function sourceView(secrets: SecretStore, v: Versioned<StoredSource>): Promise<SourceView> {
  const s = v.item;
  return {
    ...sourceSummary(s),
    ...(s.definition ? { definition: s.definition as Record<string, unknown> } : {}),
    ...(s.declaredType ? { declaredType: s.declaredType } : {}),
    secrets: await maskedSecrets(secrets, s.id, s.definition, s.secretRefs),
    ...(s.discovered ? { discovered: s.discovered } : {}),
    createdAt: s.createdAt,
    createdBy: s.createdBy,
    updatedBy: s.updatedBy,
    etag: v.etag,
  };
}

export async function listSources(deps: SourceDeps, scope: TenantScope, page: PageOptions) {
  const found = await deps.sources.list(scope, page);
  return {
    items: found.items.map(sourceSummary),
    ...(found.continuationToken ? { continuationToken: found.continuationToken } : {}),
  };
}

export async function createSource(deps: SourceDeps, scope: TenantScope, actor: string, body: CreateRequest) {
  const id = `src-${deps.newId()}`;
  const input = reachable(body.definition);
  const values = sentSecrets(input, body.secrets);
  const definition = withSecretRefs(id, input, new Set(values.keys()));
  checkContainer(definition);
  // Secrets first: a source is never stored naming a secret that was not written.
  const secretRefs = await writeSecrets(deps.secrets, id, values);
  const now = deps.clock().toISOString();
  const created = await deps.sources.create(scope, {
    id,
    name: body.name,
    status: 'draft',
    definition,
    providesObjects: body.providesObjects,
    origin: { kind: 'client' },
    secretRefs,
    ...(body.schedule ? { schedule: body.schedule } : {}),
    createdAt: now,
    createdBy: actor,
    updatedAt: now,
    updatedBy: actor,
  });
  return sourceView(deps.secrets, created);
}

/**
 * Applies a change. A draft imported from the Config app gets its first definition this way (its declared
 * objects stay); a new definition or secret makes the source a draft until it is tested again.
 */
export async function patchSource(
  deps: SourceDeps,
  scope: TenantScope,
  actor: string,
  id: string,
  body: PatchRequest,
  ifMatch: string | undefined,
) {
  const found = await findSource(deps, scope, id);
  const s = found.item;
  if (s.status === 'unavailable' && body.definition === undefined && body.secrets !== undefined) {
    throw unprocessable('CONNECTOR.DEFINITION_MISSING', 'Give the source a definition before its secrets');
  }
  const input = body.definition
    ? reachable(body.definition)
    : s.definition
      ? withoutSecretRefs(s.definition)
      : undefined;
  let definition = s.definition;
  let secretRefs = s.secretRefs;
  const connectionChanged = body.definition !== undefined || body.secrets !== undefined;
  if (input && connectionChanged) {
    const values = sentSecrets(input, body.secrets);
    const kinds = new Set(secretKindsOf(input));
    // Secrets kept from before count as set when the definition still uses them.
    const kept = s.secretRefs.filter((ref) => [...kinds].some((k) => secretName(id, k) === ref));
    const keptKinds = [...kinds].filter((k) => kept.includes(secretName(id, k)));
    definition = withSecretRefs(id, input, new Set([...keptKinds, ...values.keys()]));
    checkContainer(definition);
    const written = await writeSecrets(deps.secrets, id, values);
    secretRefs = [...new Set([...kept, ...written])];
  } else if (!input && body.secrets !== undefined) {
    throw unprocessable('CONNECTOR.DEFINITION_MISSING', 'Give the source a definition before its secrets');
  }
  const { schedule: _schedule, lastTest, unavailableReason, ...rest } = s;
  const schedule = body.schedule === null ? undefined : (body.schedule ?? s.schedule);
  const becomesConnectable = s.status === 'unavailable' && body.definition !== undefined;
  const next: StoredSource = {
    ...rest,
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(definition ? { definition } : {}),
    ...(body.providesObjects !== undefined ? { providesObjects: body.providesObjects } : {}),
    secretRefs,
    status: connectionChanged ? 'draft' : s.status,
    ...(!connectionChanged && lastTest ? { lastTest } : {}),
    ...(!becomesConnectable && unavailableReason ? { unavailableReason } : {}),
    ...(schedule ? { schedule } : {}),
    updatedAt: deps.clock().toISOString(),
    updatedBy: actor,
  };
  return sourceView(
    deps.secrets,
    await deps.sources.replace(scope, next, { ifMatch: ifMatch ?? found.etag }),
  );
}

export async function deleteSource(
  deps: SourceDeps,
  scope: TenantScope,
  id: string,
  ifMatch: string | undefined,
): Promise<void> {
  const found = await findSource(deps, scope, id);
  await deps.sources.delete(scope, id, { ifMatch: ifMatch ?? found.etag });
}
