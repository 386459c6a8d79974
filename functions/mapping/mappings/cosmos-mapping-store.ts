/**
 * The `MappingStore` over three containers of the deployment's Cosmos account: `mappings` (the live
 * published versions, read by ingestion), `mapping-drafts` and `mapping-history` (versions and audit).
 */
import { randomUUID } from 'node:crypto';
import type { SqlParameter } from '@azure/cosmos';
import type { Mapping } from '@kpi/shared/contracts/mapping';
import {
  MappingAppCodes,
  type MappingAuditItem,
  type MappingHistoryItem,
  type MappingVersionItem,
  type StoredMapping,
} from '@kpi/shared/contracts/mapping-app';
import { isConflict } from '@kpi/shared/platform/cosmos/conditions';
import type {
  QueryFilter,
  TenantInput,
  TenantRepository,
  Versioned,
} from '@kpi/shared/platform/cosmos/tenant-repository';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { conflict } from '@kpi/shared/platform/errors';
import type { MappingFilter, MappingStore } from './mapping-deps';

/** Lists are bounded (sources × streams of one deployment), read page by page up to this many. */
const MAX_ITEMS = 2_000;

const strip = ({ tenantId: _t, ...m }: StoredMapping): Mapping => m;
const versioned = (v: Versioned<StoredMapping> | undefined) =>
  v ? { item: strip(v.item), etag: v.etag } : undefined;

async function all<T extends { id: string; tenantId: string }>(
  repo: TenantRepository<T>,
  scope: TenantScope,
  filter: QueryFilter,
): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await repo.query(scope, filter, {
      maxItemCount: 100,
      ...(token ? { continuationToken: token } : {}),
    });
    out.push(...page.items);
    token = page.continuationToken;
  } while (token && out.length < MAX_ITEMS);
  return out;
}

function mappingFilter(filter: MappingFilter): QueryFilter {
  const where: string[] = [];
  const parameters: SqlParameter[] = [];
  if (filter.sourceId) {
    where.push('c.sourceId = @sourceId');
    parameters.push({ name: '@sourceId', value: filter.sourceId });
  }
  if (filter.object) {
    where.push('c.object = @object');
    parameters.push({ name: '@object', value: filter.object });
  }
  return { ...(where.length ? { where: where.join(' AND ') } : {}), parameters, orderBy: 'c.id' };
}

export class CosmosMappingStore implements MappingStore {
  constructor(
    private readonly live: TenantRepository<StoredMapping>,
    private readonly drafts: TenantRepository<StoredMapping>,
    private readonly history: TenantRepository<MappingHistoryItem>,
  ) {}

  async getDraft(scope: TenantScope, id: string) {
    return versioned(await this.drafts.getVersioned(scope, id));
  }

  async getLive(scope: TenantScope, id: string) {
    return versioned(await this.live.getVersioned(scope, id));
  }

  async listDrafts(scope: TenantScope, filter: MappingFilter) {
    return (await all(this.drafts, scope, mappingFilter(filter))).map(strip);
  }

  async listLive(scope: TenantScope, filter: MappingFilter) {
    return (await all(this.live, scope, mappingFilter(filter))).map(strip);
  }

  async createDraft(scope: TenantScope, draft: Mapping) {
    try {
      return versioned(await this.drafts.create(scope, draft)) as Versioned<Mapping>;
    } catch (err) {
      if (isConflict(err))
        throw conflict(MappingAppCodes.exists, `Mapping ${draft.id} already has a draft`, {
          mappingId: draft.id,
        });
      throw err;
    }
  }

  async replaceDraft(scope: TenantScope, draft: Mapping, ifMatch?: string) {
    const options = ifMatch ? { ifMatch } : undefined;
    return versioned(await this.drafts.replace(scope, draft, options)) as Versioned<Mapping>;
  }

  async deleteDraft(scope: TenantScope, id: string, ifMatch: string) {
    await this.drafts.delete(scope, id, { ifMatch });
  }

  async putLive(scope: TenantScope, mapping: Mapping, ifMatch: string | undefined) {
    if (ifMatch) await this.live.replace(scope, mapping, { ifMatch });
    else await this.live.create(scope, mapping);
  }

  async addVersion(scope: TenantScope, mapping: Mapping) {
    const item: TenantInput<MappingVersionItem> = {
      kind: 'version',
      id: `${mapping.id}.v${mapping.version}`,
      mappingId: mapping.id,
      version: mapping.version,
      mapping,
    };
    await this.history.create(scope, item as TenantInput<MappingHistoryItem>);
  }

  async listVersions(scope: TenantScope, id: string) {
    const items = await all(this.history, scope, {
      where: "c.kind = 'version' AND c.mappingId = @mappingId",
      parameters: [{ name: '@mappingId', value: id }],
      orderBy: 'c.version',
    });
    return items.filter((i): i is MappingVersionItem => i.kind === 'version');
  }

  async addAudit(scope: TenantScope, entry: Omit<MappingAuditItem, 'tenantId' | 'kind' | 'id'>) {
    const item: TenantInput<MappingAuditItem> = {
      kind: 'audit',
      id: `${entry.mappingId}.a.${randomUUID()}`,
      ...entry,
    };
    await this.history.create(scope, item as TenantInput<MappingHistoryItem>);
  }

  async listAudit(scope: TenantScope, id: string) {
    const items = await all(this.history, scope, {
      where: "c.kind = 'audit' AND c.mappingId = @mappingId",
      parameters: [{ name: '@mappingId', value: id }],
      orderBy: 'c.at',
    });
    return items.filter((i): i is MappingAuditItem => i.kind === 'audit');
  }
}
