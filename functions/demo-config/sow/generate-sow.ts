/**
 * Statements of Work: built from a configuration, its analysis and its estimate; previewed as HTML; generated
 * as HTML, DOCX and PDF, each generation stored as a numbered version (files in Blob under the tenant's
 * prefix, the version record in Cosmos) and downloadable later.
 */
import type { SowFormat, SowVersion, sowRequestSchema } from '@kpi/shared/contracts/demo-config';
import { renderSowHtml } from '@kpi/shared/domain/sow/render-html';
import { buildSowDocument, type SowDocument, type SowKpi } from '@kpi/shared/domain/sow/sow-document';
import type { Caller } from '@kpi/shared/platform/auth/caller';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { conflict, notFound } from '@kpi/shared/platform/errors';
import type { z } from 'zod';
import { analyseConfiguration, estimateFromAnalysis } from '../analysis/analyse-configuration';
import { findConfiguration } from '../configurations/manage-configurations';
import type { AppDeps } from '../dependencies';
import { getTenantInScope } from '../tenants/manage-tenants';
import { renderSowDocx } from './render-docx';
import { renderSowPdf } from './render-pdf';
import { SOW_CONTAINER } from './sow-container';

type SowRequest = z.output<typeof sowRequestSchema>;

const MAX_VERSIONS = 200;

const contentTypes: Record<SowFormat, string> = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** The document model for a configuration now, with the version number it would get. */
async function compose(
  deps: AppDeps,
  scope: TenantScope,
  configurationId: string,
  request: SowRequest,
  version: number,
) {
  const [tenant, found, analysis] = await Promise.all([
    getTenantInScope(deps, scope),
    findConfiguration(deps, scope, configurationId),
    analyseConfiguration(deps, scope, configurationId),
  ]);
  const estimated = estimateFromAnalysis(analysis, request);
  const index = deps.catalogIndex;
  const stageOf = (kpiId: string) => {
    // The stage in the tenant's own industry when the KPI is shared across industries.
    const stages = (index.useCasesByKpi.get(kpiId) ?? []).map((u) => index.stages.get(u.stageId));
    const stage = stages.find((s) => s?.industryId === tenant.industryId) ?? stages[0];
    return stage?.name ?? 'Other';
  };
  const statusOf = new Map(analysis.kpis.map((k) => [k.kpiId, k.status]));
  const targets = new Map(found.item.targetOverrides.map((t) => [t.kpiId, t.target]));
  const customVersions = await Promise.all(
    found.item.selectedKpis
      .filter((s) => s.customVersion !== undefined)
      .map((s) => deps.customKpiVersions.get(scope, `${s.kpiId}:v${s.customVersion}`)),
  );
  const custom = new Map(customVersions.flatMap((v) => (v ? [[v.kpiId, v.definition] as const] : [])));
  const kpis: SowKpi[] = found.item.selectedKpis.flatMap(({ kpiId, customVersion }) => {
    const definition = customVersion !== undefined ? custom.get(kpiId) : undefined;
    if (definition) {
      return [
        {
          id: kpiId,
          name: definition.name,
          stage: 'Custom KPIs',
          unitLabel: definition.unitLabel,
          target: targets.get(kpiId) ?? definition.target,
          status: statusOf.get(kpiId) ?? 'blocked',
        },
      ];
    }
    const kpi = index.kpis.get(kpiId);
    if (!kpi) return [];
    return [
      {
        id: kpiId,
        name: kpi.name,
        stage: stageOf(kpiId),
        unitLabel: kpi.unitLabel,
        target: targets.get(kpiId) ?? kpi.target,
        status: statusOf.get(kpiId) ?? 'blocked',
      },
    ];
  });
  const dashboards = estimated.estimate.lines.find((l) => l.id === 'dashboards')?.quantity ?? 0;
  const document: SowDocument = buildSowDocument({
    vendor: request.vendorName,
    client: tenant.name,
    industry: index.industries.get(tenant.industryId)?.name ?? tenant.industryId,
    configurationName: found.item.name,
    version,
    date: deps.clock().toISOString().slice(0, 10),
    kpis,
    sources: analysis.sources.map((s) => ({
      name: s.name,
      type: s.type,
      objects: analysis.objects.filter((o) => o.providedBy.includes(s.id)).map((o) => o.name),
    })),
    objects: analysis.objects,
    gaps: analysis.gaps,
    dashboards,
    estimate: estimated.estimate,
  });
  return { document, configuration: found, estimate: estimated.estimate };
}

/** The HTML preview of what a generation would produce now (stores nothing). */
export async function previewSow(
  deps: AppDeps,
  scope: TenantScope,
  configurationId: string,
  request: SowRequest,
): Promise<string> {
  const existing = await versionsOf(deps, scope, configurationId);
  const { document } = await compose(deps, scope, configurationId, request, existing.length + 1);
  return renderSowHtml(document);
}

export async function versionsOf(deps: AppDeps, scope: TenantScope, configurationId: string) {
  const page = await deps.sowVersions.query(
    scope,
    {
      where: 'c.configurationId = @cid',
      parameters: [{ name: '@cid', value: configurationId }],
      orderBy: 'c.version DESC',
    },
    { maxItemCount: MAX_VERSIONS },
  );
  return page.items;
}

/** Generates HTML, DOCX and PDF, stores them as the next version and records it. */
export async function generateSow(
  deps: AppDeps,
  caller: Caller,
  scope: TenantScope,
  configurationId: string,
  request: SowRequest,
): Promise<SowVersion> {
  const existing = await versionsOf(deps, scope, configurationId);
  if (existing.length >= MAX_VERSIONS) {
    throw conflict('SOW.LIMIT', `A configuration keeps at most ${MAX_VERSIONS} SOW versions`);
  }
  const version = (existing[0]?.version ?? 0) + 1;
  const { document, configuration, estimate } = await compose(deps, scope, configurationId, request, version);
  const now = deps.clock();
  const rendered: Record<SowFormat, Uint8Array> = {
    html: new TextEncoder().encode(renderSowHtml(document)),
    docx: await renderSowDocx(document),
    pdf: await renderSowPdf(document, now),
  };
  // The tenant prefix comes from the verified scope, never from the request.
  const prefix = `${scope.tenantId}/${configurationId}/v${version}`;
  const files = await Promise.all(
    (Object.keys(rendered) as SowFormat[]).map(async (format) => {
      const blob = `${prefix}/sow.${format}`;
      await deps.blobs.putBytes(SOW_CONTAINER, blob, rendered[format], contentTypes[format]);
      return { format, blob, bytes: rendered[format].byteLength, contentType: contentTypes[format] };
    }),
  );
  // The id is deterministic: two racing generations of the same version collide (409) instead of both counting.
  const created = await deps.sowVersions.create(scope, {
    id: `${configurationId}-v${version}`,
    configurationId,
    version,
    createdAt: now.toISOString(),
    createdBy: caller.email,
    configurationEtag: configuration.etag,
    configurationStatus: configuration.item.status,
    totals: {
      days: estimate.totals.days,
      cost: estimate.totals.cost,
      total: estimate.totals.total,
      currency: estimate.currency,
    },
    files,
  });
  return created.item;
}

export async function findSowVersion(
  deps: AppDeps,
  scope: TenantScope,
  configurationId: string,
  version: number,
): Promise<SowVersion> {
  const found = await deps.sowVersions.get(scope, `${configurationId}-v${version}`);
  if (!found || found.configurationId !== configurationId) {
    throw notFound('SOW.NOT_FOUND', `SOW version ${version} does not exist for this configuration`);
  }
  return found;
}

/** A stored file of a version. */
export async function downloadSow(
  deps: AppDeps,
  scope: TenantScope,
  configurationId: string,
  version: number,
  format: SowFormat,
): Promise<{ bytes: Uint8Array; contentType: string; fileName: string }> {
  const v = await findSowVersion(deps, scope, configurationId, version);
  const file = v.files.find((f) => f.format === format);
  const blob = file && (await deps.blobs.getBytes(SOW_CONTAINER, file.blob));
  if (!file || !blob)
    throw notFound('SOW.FILE_NOT_FOUND', `The ${format} file of version ${version} is missing`);
  return {
    bytes: blob.bytes,
    contentType: file.contentType,
    fileName: `sow-${configurationId}-v${version}.${format}`,
  };
}
