/**
 * Use cases of tenant custom KPIs: drafts, publish (an immutable version + `kpi.published` event), deprecate,
 * versions, diff and the audit trail. Tenant isolation is the repositories' (every call takes the caller's
 * `TenantScope`); this layer never sees a tenant id from a request body.
 */
import type {
  CustomKpi,
  CustomKpiDefinition,
  CustomKpiVersion,
} from '@kpi/shared/contracts/metadata-custom-kpi';
import { FormulaEngine } from '@kpi/shared/domain/formula/engine';
import type { Requirements } from '@kpi/shared/domain/formula/requirements';
import type { Page, TenantRepository, Versioned } from '@kpi/shared/platform/cosmos/tenant-repository';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { conflict, notFound } from '@kpi/shared/platform/errors';
import { topicName } from '@kpi/shared/platform/servicebus/entity-names';
import type { EventPublisher } from '@kpi/shared/platform/servicebus/ports';
import type { CatalogViews } from '../catalog/catalog-views';
import { diagnose, validateFormula } from '../formulas/validate-formula';
import type { Actor, AuditLog } from './audit-log';
import { diffDefinitions, type FieldChange } from './definition-diff';

export const KPI_PUBLISHED = 'kpi.published';
/** Custom KPIs one tenant may hold (drafts, published and deprecated): keeps lists and snapshots bounded. */
export const MAX_CUSTOM_KPIS = 500;
export const KPI_DEPRECATED = 'kpi.deprecated';

export interface CustomKpiDeps {
  kpis: TenantRepository<CustomKpi>;
  versions: TenantRepository<CustomKpiVersion>;
  audit: AuditLog;
  catalog: { views(): Promise<CatalogViews> };
  publisher: EventPublisher;
  clock: () => Date;
}

const versionId = (kpiId: string, version: number) => `${kpiId}:v${version}`;

/**
 * How long a tenant's formula engine is reused: a KPI published through another instance becomes
 * referenceable there within this time (at once on the instance that published it).
 */
const ENGINE_TTL_MS = 5_000;
const MAX_CACHED_ENGINES = 1_000;

export class CustomKpiService {
  /** Per tenant: the engine over the catalog and the tenant's published custom KPIs (see `engineFor`). */
  private readonly engines = new Map<string, { at: number; catalogVersion: string; engine: FormulaEngine }>();

  constructor(private readonly d: CustomKpiDeps) {}

  async list(
    scope: TenantScope,
    page: { limit: number; continuationToken?: string },
  ): Promise<Page<CustomKpi>> {
    return this.d.kpis.list(scope, { maxItemCount: page.limit, continuationToken: page.continuationToken });
  }

  /** The custom KPI with its etag; 404 `CUSTOM_KPI.NOT_FOUND` (also for another tenant's KPI). */
  async get(scope: TenantScope, kpiId: string): Promise<Versioned<CustomKpi>> {
    const found = await this.d.kpis.getVersioned(scope, kpiId);
    if (!found) throw notFound('CUSTOM_KPI.NOT_FOUND', `No custom KPI ${kpiId} in this tenant`);
    return found;
  }

  /** Diagnostics of a draft's formula against the current catalog (empty: it would publish). */
  async diagnostics(scope: TenantScope, kpi: CustomKpi) {
    return diagnose(await this.engineFor(scope), kpi.definition.formula, kpi.id).diagnostics;
  }

  /**
   * The formula engine for this tenant: the catalog's KPIs plus the tenant's published custom KPIs (latest
   * versions), so a custom formula may reference either with `kpi('…')` — a draft must be published before
   * others can reference it. Cycles through custom KPIs are caught like catalog ones.
   */
  async engineFor(scope: TenantScope): Promise<FormulaEngine> {
    const views = await this.d.catalog.views();
    const now = this.d.clock().getTime();
    const hit = this.engines.get(scope.tenantId);
    if (hit && hit.catalogVersion === views.catalogVersion && now - hit.at < ENGINE_TTL_MS) return hit.engine;
    const published = await this.allPublished(scope);
    let engine = views.engine;
    if (published.size) {
      const formulas = new Map(views.catalog.kpis.map((k) => [k.id, k.formula]));
      for (const [id, v] of published) formulas.set(id, v.definition.formula);
      engine = new FormulaEngine(views.catalog.objects, formulas);
    }
    if (this.engines.size >= MAX_CACHED_ENGINES)
      this.engines.delete(this.engines.keys().next().value as string);
    this.engines.set(scope.tenantId, { at: now, catalogVersion: views.catalogVersion, engine });
    return engine;
  }

  /** Latest published version of every custom KPI of the tenant (at most `MAX_CUSTOM_KPIS`). */
  private async allPublished(scope: TenantScope): Promise<Map<string, CustomKpiVersion>> {
    const ids: string[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.d.kpis.list(scope, { maxItemCount: 100, continuationToken });
      for (const k of page.items) if (k.publishedVersion) ids.push(k.id);
      continuationToken = page.continuationToken;
    } while (continuationToken);
    return this.publishedVersions(scope, ids);
  }

  async create(
    scope: TenantScope,
    actor: Actor,
    input: CustomKpiDefinition & { id: string },
  ): Promise<Versioned<CustomKpi>> {
    const { id, ...definition } = input;
    const views = await this.d.catalog.views();
    if (views.index.kpis.has(id)) {
      throw conflict('CUSTOM_KPI.ID_TAKEN', `${id} is a catalog KPI id; choose another id`);
    }
    if ((await this.d.kpis.count(scope)) >= MAX_CUSTOM_KPIS) {
      throw conflict('CUSTOM_KPI.LIMIT', `A tenant may hold at most ${MAX_CUSTOM_KPIS} custom KPIs`);
    }
    const now = this.d.clock().toISOString();
    const created = await this.d.kpis.create(scope, {
      id,
      status: 'draft',
      definition,
      changedSincePublish: true,
      createdBy: actor.email,
      createdAt: now,
      updatedBy: actor.email,
      updatedAt: now,
    });
    await this.d.audit.record(scope, actor, 'custom-kpi.created', id, {
      changes: diffDefinitions(undefined, definition),
    });
    return created;
  }

  /** Replaces the draft; `ifMatch` (from `If-Match`) guards against overwriting someone else's edit. */
  async update(
    scope: TenantScope,
    actor: Actor,
    kpiId: string,
    definition: CustomKpiDefinition,
    ifMatch?: string,
  ): Promise<Versioned<CustomKpi>> {
    const current = await this.get(scope, kpiId);
    if (current.item.status === 'deprecated') {
      throw conflict('CUSTOM_KPI.DEPRECATED', `${kpiId} is deprecated and can no longer be edited`);
    }
    const changes = diffDefinitions(current.item.definition, definition);
    if (!changes.length) return current;
    const published = current.item.publishedVersion
      ? await this.d.versions.get(scope, versionId(kpiId, current.item.publishedVersion))
      : undefined;
    const saved = await this.d.kpis.replace(
      scope,
      {
        ...current.item,
        definition,
        changedSincePublish: !published || diffDefinitions(published.definition, definition).length > 0,
        updatedBy: actor.email,
        updatedAt: this.d.clock().toISOString(),
      },
      { ifMatch: ifMatch ?? current.etag },
    );
    await this.d.audit.record(scope, actor, 'custom-kpi.updated', kpiId, { changes });
    return saved;
  }

  /**
   * Publishes the draft as the next immutable version: 422 `FORMULA.INVALID` when its formula does not
   * check, 409 when deprecated. Idempotent: when the latest version already holds the draft (a repeated
   * request, or one that failed half-way), nothing new is created — the KPI is brought up to that version,
   * its audit entry completed and `kpi.published` announced again under the same message id.
   */
  async publish(
    scope: TenantScope,
    actor: Actor,
    kpiId: string,
    note?: string,
  ): Promise<{ kpi: CustomKpi; version: CustomKpiVersion; created: boolean }> {
    const current = await this.get(scope, kpiId);
    const kpi = current.item;
    if (kpi.status === 'deprecated') throw conflict('CUSTOM_KPI.DEPRECATED', `${kpiId} is deprecated`);
    // The versions, not the KPI item, say which number is next: the item may lag after a failed request.
    const latest = (await this.versions(scope, kpiId, { limit: 1 })).items[0];
    let version: CustomKpiVersion;
    let created = false;
    if (latest && diffDefinitions(latest.definition, kpi.definition).length === 0) {
      version = latest;
    } else {
      const views = await this.d.catalog.views();
      const valid = validateFormula(await this.engineFor(scope), kpi.definition.formula, kpiId);
      const number = (latest?.version ?? 0) + 1;
      // Created, never replaced: of two concurrent publishes of the same number, one gets 409 here.
      ({ item: version } = await this.d.versions.create(scope, {
        id: versionId(kpiId, number),
        kpiId,
        version: number,
        definition: kpi.definition,
        formulaPretty: valid.formulaPretty,
        requirements: valid.requirements as CustomKpiVersion['requirements'],
        catalogVersion: views.catalogVersion,
        publishedBy: actor.email,
        publishedAt: this.d.clock().toISOString(),
        ...(note ? { note } : {}),
      }));
      created = true;
      this.engines.delete(scope.tenantId);
    }
    let saved = kpi;
    if (kpi.status !== 'published' || kpi.publishedVersion !== version.version || kpi.changedSincePublish) {
      ({ item: saved } = await this.d.kpis.replace(
        scope,
        {
          ...kpi,
          status: 'published',
          publishedVersion: version.version,
          changedSincePublish: false,
          updatedBy: version.publishedBy,
          updatedAt: version.publishedAt,
        },
        { ifMatch: current.etag },
      ));
    }
    // One entry per version (deterministic id), written by whichever request gets here first. Completing the
    // entry of an earlier, failed request, only the publisher's e-mail (kept on the version) is known.
    const publisher: Actor = created ? actor : { subject: '', email: version.publishedBy, name: '' };
    await this.d.audit.record(scope, publisher, 'custom-kpi.published', kpiId, {
      version: version.version,
      note: version.note,
      id: `${kpiId}:published:v${version.version}`,
      at: version.publishedAt,
    });
    await this.d.publisher.publish(topicName('catalog-events'), {
      type: KPI_PUBLISHED,
      subject: `${scope.tenantId}/${kpiId}`,
      // Deterministic: announcing the same version again is one message (duplicate detection).
      messageId: `${KPI_PUBLISHED}:${scope.tenantId}:${kpiId}:${version.version}`,
      data: {
        tenantId: scope.tenantId,
        kpiId,
        version: version.version,
        catalogVersion: version.catalogVersion,
        publishedBy: version.publishedBy,
      },
    });
    return { kpi: saved, version, created };
  }

  /** Deprecates: no more edits or publishes; existing versions stay readable. */
  async deprecate(scope: TenantScope, actor: Actor, kpiId: string, reason?: string): Promise<CustomKpi> {
    const current = await this.get(scope, kpiId);
    if (current.item.status === 'deprecated') return current.item;
    const now = this.d.clock().toISOString();
    const { item } = await this.d.kpis.replace(
      scope,
      {
        ...current.item,
        status: 'deprecated',
        deprecatedAt: now,
        deprecatedBy: actor.email,
        updatedBy: actor.email,
        updatedAt: now,
      },
      { ifMatch: current.etag },
    );
    await this.d.audit.record(scope, actor, 'custom-kpi.deprecated', kpiId, { note: reason });
    await this.d.publisher.publish(topicName('catalog-events'), {
      type: KPI_DEPRECATED,
      subject: `${scope.tenantId}/${kpiId}`,
      messageId: `${KPI_DEPRECATED}:${scope.tenantId}:${kpiId}`,
      data: { tenantId: scope.tenantId, kpiId, deprecatedBy: actor.email },
    });
    return item;
  }

  /**
   * Requirements of those of `ids` that are this tenant's custom KPIs: the latest published version's, or
   * for a never-published draft, its formula's when it checks (a draft that does not check is left out).
   */
  async requirementsOf(scope: TenantScope, ids: readonly string[]): Promise<Map<string, Requirements>> {
    const views = await this.d.catalog.views();
    const out = new Map<string, Requirements>();
    const own = ids.filter((id) => !views.index.kpis.has(id));
    const published = await this.publishedVersions(scope, own);
    await Promise.all(
      own.map(async (id) => {
        const version = published.get(id);
        if (version) {
          out.set(id, version.requirements as Requirements);
          return;
        }
        const kpi = await this.d.kpis.get(scope, id);
        const valid = kpi && diagnose(await this.engineFor(scope), kpi.definition.formula, id).valid;
        if (valid) out.set(id, valid.requirements);
      }),
    );
    return out;
  }

  /** The latest published versions of those of `ids` that are this tenant's custom KPIs (for snapshots). */
  async publishedVersions(
    scope: TenantScope,
    ids: readonly string[],
  ): Promise<Map<string, CustomKpiVersion>> {
    const out = new Map<string, CustomKpiVersion>();
    await Promise.all(
      ids.map(async (id) => {
        const kpi = await this.d.kpis.get(scope, id);
        if (!kpi?.publishedVersion) return;
        const version = await this.d.versions.get(scope, versionId(id, kpi.publishedVersion));
        if (version) out.set(id, version);
      }),
    );
    return out;
  }

  async versions(
    scope: TenantScope,
    kpiId: string,
    page: { limit: number; continuationToken?: string },
  ): Promise<Page<CustomKpiVersion>> {
    await this.get(scope, kpiId);
    return this.d.versions.query(
      scope,
      {
        where: 'c.kpiId = @kpiId',
        parameters: [{ name: '@kpiId', value: kpiId }],
        orderBy: 'c.version DESC',
      },
      { maxItemCount: page.limit, continuationToken: page.continuationToken },
    );
  }

  async version(scope: TenantScope, kpiId: string, version: number): Promise<CustomKpiVersion> {
    const found = await this.d.versions.get(scope, versionId(kpiId, version));
    if (!found) throw notFound('CUSTOM_KPI.VERSION_NOT_FOUND', `${kpiId} has no version ${version}`);
    return found;
  }

  /** What changed between two versions (or a version and the draft). */
  async diff(
    scope: TenantScope,
    kpiId: string,
    from: number | 'draft',
    to: number | 'draft',
  ): Promise<{ kpiId: string; from: number | 'draft'; to: number | 'draft'; changes: FieldChange[] }> {
    const definitionOf = async (ref: number | 'draft') =>
      ref === 'draft'
        ? (await this.get(scope, kpiId)).item.definition
        : (await this.version(scope, kpiId, ref)).definition;
    const [a, b] = await Promise.all([definitionOf(from), definitionOf(to)]);
    return { kpiId, from, to, changes: diffDefinitions(a, b) };
  }
}
