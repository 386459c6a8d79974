/** In-memory fakes of the mapping app's ports for unit tests (test code only). */
import type { Mapping } from '@kpi/shared/contracts/mapping';
import type { MappingAuditItem, MappingVersionItem } from '@kpi/shared/contracts/mapping-app';
import type { StoredSource } from '@kpi/shared/contracts/source';
import type { VerifiedSnapshot } from '@kpi/shared/license/catalog-snapshot';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { AppError, conflict } from '@kpi/shared/platform/errors';
import type { MappingDeps, MappingFilter, MappingStore } from './mapping-deps';

const stale = () => new AppError('CONCURRENCY.CONFLICT', 'changed meanwhile', 412);

/** One tenant's mappings in maps, with etags that change on every write, as Cosmos DB's do. */
export class FakeMappingStore implements MappingStore {
  drafts = new Map<string, { item: Mapping; etag: string }>();
  live = new Map<string, { item: Mapping; etag: string }>();
  versions: MappingVersionItem[] = [];
  audit: MappingAuditItem[] = [];
  private n = 0;
  private etag = () => `"e${++this.n}"`;
  private match = (m: Mapping, f: MappingFilter) =>
    (!f.sourceId || m.sourceId === f.sourceId) && (!f.object || m.object === f.object);

  async getDraft(_s: TenantScope, id: string) {
    return this.drafts.get(id);
  }
  async getLive(_s: TenantScope, id: string) {
    return this.live.get(id);
  }
  async listDrafts(_s: TenantScope, f: MappingFilter) {
    return [...this.drafts.values()].map((v) => v.item).filter((m) => this.match(m, f));
  }
  async listLive(_s: TenantScope, f: MappingFilter) {
    return [...this.live.values()].map((v) => v.item).filter((m) => this.match(m, f));
  }
  async createDraft(_s: TenantScope, draft: Mapping) {
    if (this.drafts.has(draft.id)) throw conflict('MAPPING.EXISTS', 'exists');
    const v = { item: structuredClone(draft), etag: this.etag() };
    this.drafts.set(draft.id, v);
    return v;
  }
  async replaceDraft(_s: TenantScope, draft: Mapping, ifMatch?: string) {
    const found = this.drafts.get(draft.id);
    if (!found || (ifMatch && found.etag !== ifMatch)) throw stale();
    const v = { item: structuredClone(draft), etag: this.etag() };
    this.drafts.set(draft.id, v);
    return v;
  }
  async deleteDraft(_s: TenantScope, id: string, ifMatch: string) {
    if (this.drafts.get(id)?.etag !== ifMatch) throw stale();
    this.drafts.delete(id);
  }
  async putLive(_s: TenantScope, mapping: Mapping, ifMatch: string | undefined) {
    const found = this.live.get(mapping.id);
    if (ifMatch ? found?.etag !== ifMatch : found) throw stale();
    this.live.set(mapping.id, { item: structuredClone(mapping), etag: this.etag() });
  }
  async addVersion(_s: TenantScope, mapping: Mapping) {
    if (this.versions.some((v) => v.mappingId === mapping.id && v.version === mapping.version))
      throw conflict('MAPPING_HISTORY.CONFLICT', 'taken');
    this.versions.push({
      kind: 'version',
      id: `${mapping.id}.v${mapping.version}`,
      tenantId: 't',
      mappingId: mapping.id,
      version: mapping.version,
      mapping: structuredClone(mapping),
    });
  }
  async listVersions(_s: TenantScope, id: string) {
    return this.versions.filter((v) => v.mappingId === id);
  }
  async addAudit(_s: TenantScope, entry: Omit<MappingAuditItem, 'tenantId' | 'kind' | 'id'>) {
    this.audit.push({ kind: 'audit', id: `a${this.audit.length}`, tenantId: 't', ...entry });
  }
  async listAudit(_s: TenantScope, id: string) {
    return this.audit.filter((a) => a.mappingId === id);
  }
}

export function fakeDeps(o: {
  sources: StoredSource[];
  snapshot: VerifiedSnapshot | undefined;
}): MappingDeps & { mappings: FakeMappingStore } {
  return {
    tenantId: 'contoso',
    mappings: new FakeMappingStore(),
    sources: { get: async (_s, id) => o.sources.find((s) => s.id === id) },
    catalog: async () => o.snapshot,
    clock: () => new Date('2026-12-07T10:00:00.000Z'),
  };
}
