/** Silences, maintenance windows and monitoring settings (thresholds, contacts) of a tenant; vendor contacts. */

import { randomUUID } from 'node:crypto';
import { entityIdSchema } from '@kpi/shared/contracts/ids';
import {
  contactsInputSchema,
  type MaintenanceWindow,
  type Matcher,
  maintenanceWindowInputSchema,
  maintenanceWindowSchema,
  monitoringSettingsInputSchema,
  monitoringSettingsSchema,
  type Silence,
  silenceInputSchema,
  silenceSchema,
  vendorSettingsInputSchema,
} from '@kpi/shared/contracts/monitoring-rules';
import { scheduleProblem } from '@kpi/shared/domain/monitoring/schedule';
import { matcherProblem } from '@kpi/shared/domain/monitoring/silences';
import type { Caller } from '@kpi/shared/platform/auth/caller';
import { atLeast } from '@kpi/shared/platform/auth/roles';
import type { Versioned } from '@kpi/shared/platform/cosmos/partitioned-store';
import { scopeFor, systemScope, type TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { badRequest, ErrorCodes, notFound, unprocessable } from '@kpi/shared/platform/errors';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { APP } from '../config';
import { type AppDeps, dependencies } from '../dependencies';
import { requireTenant } from '../support/known-records';
import { FLEET_ROLES, pageOptions, pageQuery, STAFF, tenantParams } from '../support/route-kit';
import { saveSettings } from './settings';
import { invalidateTenantRules, VENDOR_TENANT } from './tenant-rules';

const idParams = tenantParams.extend({ id: entityIdSchema });
const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), continuationToken: z.string().optional() });

type SilenceInput = z.infer<typeof silenceInputSchema>;
type MaintenanceWindowInput = z.infer<typeof maintenanceWindowInputSchema>;

function refuse(problems: (string | undefined)[]): void {
  const found = problems.filter((p): p is string => p !== undefined);
  if (found.length > 0) {
    throw badRequest(
      ErrorCodes.validationFailed,
      'Invalid request body',
      found.map((message) => ({ in: 'body', path: '', message })),
    );
  }
}

/**
 * 422 `SILENCE.PATTERN_INVALID` when a `=~`/`!~` pattern is not one the linear-time matcher (RE2) takes:
 * the body is well-formed, its pattern is not usable. Each detail names the matcher and the reason.
 */
function refusePatterns(matchers: readonly Matcher[]): void {
  const details = matchers.flatMap((m, i) => {
    const problem = matcherProblem(m);
    return problem ? [{ in: 'body', path: `matchers.${i}.value`, message: problem }] : [];
  });
  if (details.length > 0) {
    throw unprocessable(
      'SILENCE.PATTERN_INVALID',
      `Silence patterns use RE2 syntax (linear-time matching; no look-around or back-references): ${details.map((d) => d.message).join('; ')}`,
      details,
    );
  }
}

for (const kind of ['silences', 'maintenance-windows'] as const) {
  const isSilence = kind === 'silences';
  const repo = (d: AppDeps) => (isSilence ? d.silences : d.windows);
  const entity = isSilence ? 'silence' : 'maintenance-window';
  const noun = isSilence ? 'silence' : 'maintenance window';
  const notFoundCode = `${entity.toUpperCase().replace('-', '_')}.NOT_FOUND`;

  /** Checks a new or changed body, writes it with `write`, drops the cached rules and audits the change. */
  async function save(
    caller: Caller,
    tenantId: string,
    body: SilenceInput | MaintenanceWindowInput,
    action: 'created' | 'updated',
    write: (scope: TenantScope, d: AppDeps) => Promise<Versioned<Silence | MaintenanceWindow>>,
  ): Promise<Versioned<Silence | MaintenanceWindow>> {
    const matchers = 'matchers' in body ? body.matchers : [];
    refusePatterns(matchers);
    refuse([scheduleProblem(body.schedule)]);
    const d = await dependencies();
    const scope = scopeFor(caller, tenantId);
    await requireTenant(d, scope);
    const saved = await write(scope, d);
    invalidateTenantRules(scope.tenantId);
    await recordAudit(d, scope, {
      actor: caller.email,
      action: `${entity}.${action}`,
      target: saved.item.id,
      details: body,
    });
    return saved;
  }

  httpRoute({
    app: APP,
    name: `${kind}-list`,
    method: 'GET',
    cache: { maxAgeSeconds: 0 },
    route: `tenants/{tenantId}/${kind}`,
    roles: FLEET_ROLES,
    tenantParam: 'tenantId',
    params: tenantParams,
    query: pageQuery,
    responses: { 200: listOf(isSilence ? silenceSchema : maintenanceWindowSchema) },
    summary: `A tenant's ${noun}s`,
    tags: ['rules'],
    handler: async ({ caller, params, query }) => ({
      body: await repo(await dependencies()).list(scopeFor(caller, params.tenantId), pageOptions(query)),
    }),
  });

  httpRoute({
    app: APP,
    name: `${entity}-create`,
    method: 'POST',
    route: `tenants/{tenantId}/${kind}`,
    roles: FLEET_ROLES,
    tenantParam: 'tenantId',
    params: tenantParams,
    body: isSilence ? silenceInputSchema : maintenanceWindowInputSchema,
    responses: { 201: isSilence ? silenceSchema : maintenanceWindowSchema },
    summary: `Create a ${noun} (one-off or recurring)`,
    tags: ['rules'],
    handler: async ({ caller, params, body }) => {
      const saved = await save(caller, params.tenantId, body, 'created', (scope, d) => {
        const item = {
          ...body,
          id: randomUUID(),
          createdBy: caller.email,
          createdAt: new Date().toISOString(),
        };
        return isSilence
          ? d.silences.create(scope, item as Silence)
          : d.windows.create(scope, item as MaintenanceWindow);
      });
      return { status: 201, body: saved.item };
    },
  });

  httpRoute({
    app: APP,
    name: `${entity}-update`,
    method: 'PUT',
    route: `tenants/{tenantId}/${kind}/{id}`,
    roles: FLEET_ROLES,
    tenantParam: 'tenantId',
    params: idParams,
    body: isSilence ? silenceInputSchema : maintenanceWindowInputSchema,
    responses: { 200: isSilence ? silenceSchema : maintenanceWindowSchema },
    summary: `Change a ${noun} in place: same id, creator and creation time (If-Match optional)`,
    tags: ['rules'],
    handler: async ({ caller, params, body, request }) => {
      const saved = await save(caller, params.tenantId, body, 'updated', async (scope, d) => {
        const current = await repo(d).getVersioned(scope, params.id);
        if (!current) throw notFound(notFoundCode, `No ${noun} ${params.id}`);
        const { id, createdBy, createdAt } = current.item;
        const item = {
          ...body,
          id,
          createdBy,
          createdAt,
          updatedBy: caller.email,
          updatedAt: new Date().toISOString(),
        };
        // The client's If-Match guards against overwriting someone else's edit; without it, ours is the
        // read just made, so a change in between still fails instead of being silently lost.
        const ifMatch = request.headers.get('if-match') ?? current.etag;
        return isSilence
          ? d.silences.replace(scope, item as Silence, { ifMatch })
          : d.windows.replace(scope, item as MaintenanceWindow, { ifMatch });
      });
      return { body: saved.item, headers: { etag: saved.etag } };
    },
  });

  httpRoute({
    app: APP,
    name: `${entity}-delete`,
    method: 'DELETE',
    route: `tenants/{tenantId}/${kind}/{id}`,
    roles: FLEET_ROLES,
    tenantParam: 'tenantId',
    params: idParams,
    summary: `Delete a ${noun}`,
    tags: ['rules'],
    handler: async ({ caller, params }) => {
      const d = await dependencies();
      const scope = scopeFor(caller, params.tenantId);
      if (!(await repo(d).delete(scope, params.id))) {
        throw notFound(notFoundCode, `No ${noun} ${params.id}`);
      }
      invalidateTenantRules(scope.tenantId);
      await recordAudit(d, scope, { actor: caller.email, action: `${entity}.deleted`, target: params.id });
      return {};
    },
  });
}

httpRoute({
  app: APP,
  name: 'monitoring-settings-get',
  method: 'GET',
  cache: { maxAgeSeconds: 0 },
  route: 'tenants/{tenantId}/settings',
  roles: FLEET_ROLES,
  tenantParam: 'tenantId',
  params: tenantParams,
  responses: { 200: monitoringSettingsSchema },
  summary: "A tenant's threshold overrides, contacts and disabled rules",
  tags: ['rules'],
  handler: async ({ caller, params }) => {
    const scope = scopeFor(caller, params.tenantId);
    const found = await (await dependencies()).settings.get(scope, 'settings');
    return {
      body:
        found ??
        monitoringSettingsSchema.parse({
          id: 'settings',
          tenantId: scope.tenantId,
          updatedAt: new Date(0).toISOString(),
          updatedBy: 'default',
        }),
    };
  },
});

httpRoute({
  app: APP,
  name: 'monitoring-settings-put',
  method: 'PUT',
  route: 'tenants/{tenantId}/settings',
  roles: atLeast('admin'),
  tenantParam: 'tenantId',
  params: tenantParams,
  body: monitoringSettingsInputSchema,
  responses: { 200: monitoringSettingsSchema },
  summary: "Change a tenant's threshold overrides, contacts or disabled rules",
  tags: ['rules'],
  handler: async ({ caller, params, body }) => {
    const d = await dependencies();
    const scope = scopeFor(caller, params.tenantId);
    await requireTenant(d, scope);
    const saved = await saveSettings(d, scope, body, caller.email);
    await recordAudit(d, scope, {
      actor: caller.email,
      action: 'settings.changed',
      target: 'settings',
      details: body,
    });
    return { body: saved };
  },
});

httpRoute({
  app: APP,
  name: 'vendor-contacts-put',
  method: 'PUT',
  route: 'vendor/contacts',
  roles: ['platform-admin'],
  body: contactsInputSchema,
  responses: { 200: monitoringSettingsSchema },
  summary: 'Vendor support addresses notified about every tenant’s alerts',
  tags: ['rules'],
  handler: async ({ caller, body }) => {
    const d = await dependencies();
    const scope = systemScope(VENDOR_TENANT, 'vendor contacts (platform-admin)');
    return { body: await saveSettings(d, scope, { contacts: body }, caller.email) };
  },
});

httpRoute({
  app: APP,
  name: 'vendor-settings-get',
  method: 'GET',
  cache: { maxAgeSeconds: 0 },
  route: 'vendor/settings',
  roles: STAFF,
  responses: { 200: monitoringSettingsSchema },
  summary:
    'Vendor-wide monitoring settings: support contacts and default thresholds (e.g. minimum app version)',
  tags: ['rules'],
  handler: async () => {
    const scope = systemScope(VENDOR_TENANT, 'vendor settings (staff)');
    const found = await (await dependencies()).settings.get(scope, 'settings');
    return {
      body:
        found ??
        monitoringSettingsSchema.parse({
          id: 'settings',
          tenantId: VENDOR_TENANT,
          updatedAt: new Date(0).toISOString(),
          updatedBy: 'default',
        }),
    };
  },
});

httpRoute({
  app: APP,
  name: 'vendor-settings-put',
  method: 'PUT',
  route: 'vendor/settings',
  roles: ['platform-admin'],
  body: vendorSettingsInputSchema,
  responses: { 200: monitoringSettingsSchema },
  summary:
    'Change vendor-wide settings (tenant overrides still win) and the account managers who receive licence e-mails',
  tags: ['rules'],
  handler: async ({ caller, body }) => {
    const scope = systemScope(VENDOR_TENANT, 'vendor settings (platform-admin)');
    return { body: await saveSettings(await dependencies(), scope, body, caller.email) };
  },
});
