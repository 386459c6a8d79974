/** The alert inbox: list (per tenant, or across tenants for staff), acknowledge, resolve. */

import { entityIdSchema } from '@kpi/shared/contracts/ids';
import {
  ALERT_RULES,
  ALERT_STATES,
  acknowledgeAlertSchema,
  alertListSchema,
  alertSchema,
  resolveAlertSchema,
} from '@kpi/shared/contracts/monitoring-alert';
import { scopeFor } from '@kpi/shared/platform/cosmos/tenant-scope';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { z } from 'zod';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { FLEET_ROLES, pageOptions, pageQuery, STAFF, tenantParams } from '../support/route-kit';
import { acknowledge, resolveByHand } from './alert-actions';

const alertQuery = pageQuery.extend({
  state: z.enum(ALERT_STATES).optional(),
  rule: z.enum(ALERT_RULES).optional(),
  deploymentId: entityIdSchema.optional(),
});
const alertParams = tenantParams.extend({ alertId: entityIdSchema });

function alertFilter(q: z.infer<typeof alertQuery>) {
  const where: string[] = [];
  const parameters: { name: string; value: string }[] = [];
  if (q.state) {
    where.push('c.state = @state');
    parameters.push({ name: '@state', value: q.state });
  }
  if (q.rule) {
    where.push('c.rule = @rule');
    parameters.push({ name: '@rule', value: q.rule });
  }
  if (q.deploymentId) {
    where.push('c.deploymentId = @dep');
    parameters.push({ name: '@dep', value: q.deploymentId });
  }
  return { ...(where.length ? { where: where.join(' AND '), parameters } : {}), orderBy: 'c.openedAt DESC' };
}

httpRoute({
  app: APP,
  name: 'alerts-list',
  method: 'GET',
  cache: { maxAgeSeconds: 0 },
  route: 'tenants/{tenantId}/alerts',
  roles: FLEET_ROLES,
  tenantParam: 'tenantId',
  params: tenantParams,
  query: alertQuery,
  responses: { 200: alertListSchema },
  summary: "A tenant's alerts, newest first",
  tags: ['alerts'],
  handler: async ({ caller, params, query }) => ({
    body: await (await dependencies()).alerts.query(
      scopeFor(caller, params.tenantId),
      alertFilter(query),
      pageOptions(query),
    ),
  }),
});

httpRoute({
  app: APP,
  name: 'alerts-list-all',
  method: 'GET',
  cache: { maxAgeSeconds: 0 },
  route: 'alerts',
  roles: STAFF,
  query: alertQuery,
  responses: { 200: alertListSchema },
  summary: 'Alerts of every tenant, newest first (vendor staff)',
  tags: ['alerts'],
  handler: async ({ query }) => ({
    body: await (await dependencies()).allAlerts.query(alertFilter(query), pageOptions(query)),
  }),
});

httpRoute({
  app: APP,
  name: 'alert-acknowledge',
  method: 'POST',
  route: 'tenants/{tenantId}/alerts/{alertId}/acknowledge',
  roles: FLEET_ROLES,
  tenantParam: 'tenantId',
  params: alertParams,
  body: acknowledgeAlertSchema,
  responses: { 200: alertSchema },
  summary: 'Acknowledge an open alert with a comment (stops reminders)',
  tags: ['alerts'],
  handler: async ({ caller, params, body }) => ({
    body: await acknowledge(
      await dependencies(),
      caller,
      scopeFor(caller, params.tenantId),
      params.alertId,
      body.comment,
    ),
  }),
});

httpRoute({
  app: APP,
  name: 'alert-resolve',
  method: 'POST',
  route: 'tenants/{tenantId}/alerts/{alertId}/resolve',
  roles: FLEET_ROLES,
  tenantParam: 'tenantId',
  params: alertParams,
  body: resolveAlertSchema,
  responses: { 200: alertSchema },
  summary: 'Resolve an alert by hand',
  tags: ['alerts'],
  handler: async ({ caller, params, body }) => ({
    body: await resolveByHand(
      await dependencies(),
      caller,
      scopeFor(caller, params.tenantId),
      params.alertId,
      body.comment,
    ),
  }),
});
