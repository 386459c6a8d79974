/**
 * Licence routes (`licenses...`), deployment activation and validation, and the daily expiry sweep: thin
 * triggers that validate, call one use case in this folder and map its result.
 */
import { app } from '@azure/functions';
import { parseDeploymentAuthorization } from '@kpi/shared/contracts/deployment-credential';
import { entityIdSchema, tenantIdSchema } from '@kpi/shared/contracts/ids';
import {
  activationRequestSchema,
  activationResponseSchema,
  credentialRotationRequestSchema,
  credentialRotationResponseSchema,
  historyListSchema,
  issueLicenseRequestSchema,
  licenseListSchema,
  licenseViewSchema,
  licenseWithKeySchema,
  renewLicenseRequestSchema,
  revokeLicenseRequestSchema,
  validationRequestSchema,
  validationResponseSchema,
} from '@kpi/shared/contracts/license';
import { atLeast } from '@kpi/shared/platform/auth/roles';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { pageOf, pageQuery } from '@kpi/shared/platform/http/route-kit';
import { invocationLogger } from '@kpi/shared/platform/log';
import { z } from 'zod';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import {
  activateDeployment,
  deactivateDeployment,
  rotateDeploymentCredential,
  validateDeployment,
} from './deployments';
import { sweepLicenses } from './expiry-sweep';
import { toView } from './license-core';
import {
  findLicense,
  issueLicense,
  licenseHistory,
  listLicenses,
  renewLicense,
  revokeLicense,
} from './manage-licenses';

const licenseParams = z.object({ licenseId: entityIdSchema });
const tags = ['licences'];

httpRoute({
  app: APP,
  name: 'licenses-post',
  method: 'POST',
  route: 'licenses',
  roles: ['platform-admin'],
  body: issueLicenseRequestSchema,
  responses: { 201: licenseWithKeySchema },
  summary: "Issues a licence for a tenant's configuration, with its first signed key",
  tags,
  handler: async ({ caller, body, log }) => {
    const deps = { ...(await dependencies()), log };
    const { license, key } = await issueLicense(deps, caller, body);
    return { status: 201, body: { license: toView(license, deps.clock()), key } };
  },
});

httpRoute({
  app: APP,
  name: 'licenses-list',
  method: 'GET',
  route: 'licenses',
  roles: atLeast('viewer'),
  query: pageQuery.extend({ tenantId: tenantIdSchema.optional() }),
  cache: { maxAgeSeconds: 0 },
  responses: { 200: licenseListSchema },
  summary: "The tenant's licences; vendor staff see every tenant's (or one, with tenantId)",
  tags,
  handler: async ({ caller, query }) => {
    const deps = await dependencies();
    const page = await listLicenses(deps, caller, query.tenantId, pageOf(query));
    const now = deps.clock();
    return {
      body: {
        items: page.items.map((l) => toView(l, now)),
        ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}),
      },
    };
  },
});

httpRoute({
  app: APP,
  name: 'license-get',
  method: 'GET',
  route: 'licenses/{licenseId}',
  roles: atLeast('viewer'),
  params: licenseParams,
  cache: { maxAgeSeconds: 0 },
  responses: { 200: licenseViewSchema },
  summary: 'One licence with its status now',
  tags,
  handler: async ({ caller, params }) => {
    const deps = await dependencies();
    const { found } = await findLicense(deps, caller, params.licenseId);
    return { body: toView(found.item, deps.clock()) };
  },
});

httpRoute({
  app: APP,
  name: 'license-key-get',
  method: 'GET',
  route: 'licenses/{licenseId}/key',
  roles: atLeast('admin'),
  params: licenseParams,
  responses: { 200: z.object({ key: z.string(), keyId: z.string() }) },
  summary: "The licence's current key, to install in a deployment (tenant admins and platform admins)",
  tags,
  handler: async ({ caller, params }) => {
    const { found } = await findLicense(await dependencies(), caller, params.licenseId);
    return { body: { key: found.item.key, keyId: found.item.keyId } };
  },
});

httpRoute({
  app: APP,
  name: 'license-history-get',
  method: 'GET',
  route: 'licenses/{licenseId}/history',
  roles: atLeast('viewer'),
  params: licenseParams,
  cache: { maxAgeSeconds: 0 },
  responses: { 200: historyListSchema },
  summary: 'What happened to a licence, oldest first',
  tags,
  handler: async ({ caller, params }) => ({
    body: { items: await licenseHistory(await dependencies(), caller, params.licenseId) },
  }),
});

httpRoute({
  app: APP,
  name: 'license-renew',
  method: 'POST',
  route: 'licenses/{licenseId}/renew',
  roles: ['platform-admin'],
  params: licenseParams,
  body: renewLicenseRequestSchema,
  responses: { 200: licenseWithKeySchema },
  summary: 'Renews a licence: new expiry, new key (the previous key is superseded)',
  tags,
  handler: async ({ caller, params, body, log }) => {
    const deps = { ...(await dependencies()), log };
    const { license, key } = await renewLicense(deps, caller, params.licenseId, body);
    return { body: { license: toView(license, deps.clock()), key } };
  },
});

httpRoute({
  app: APP,
  name: 'license-revoke',
  method: 'POST',
  route: 'licenses/{licenseId}/revoke',
  roles: ['platform-admin'],
  params: licenseParams,
  body: revokeLicenseRequestSchema,
  responses: { 200: licenseViewSchema },
  summary: 'Revokes a licence at once and for good',
  tags,
  handler: async ({ caller, params, body, log }) => {
    const deps = { ...(await dependencies()), log };
    return { body: toView(await revokeLicense(deps, caller, params.licenseId, body.reason), deps.clock()) };
  },
});

httpRoute({
  app: APP,
  name: 'license-deployment-deactivate',
  method: 'POST',
  route: 'licenses/{licenseId}/deployments/{deploymentId}/deactivate',
  roles: atLeast('admin'),
  params: licenseParams.extend({ deploymentId: entityIdSchema }),
  body: z.object({}).strict(),
  summary: "Frees a deployment's slot and revokes its credential",
  tags,
  handler: async ({ caller, params }) => {
    await deactivateDeployment(await dependencies(), caller, params.licenseId, params.deploymentId);
    return { status: 204 };
  },
});

httpRoute({
  app: APP,
  name: 'activations-post',
  method: 'POST',
  route: 'activations',
  roles: 'public',
  // Refused keys (revoked, expired, tampered) are 403; a licence with all its deployments taken is 409.
  statuses: [403, 409],
  body: activationRequestSchema,
  maxBodyBytes: 128 * 1024,
  responses: { 201: activationResponseSchema },
  summary: 'A deployment activates with its licence key and gets its deployment credential (once)',
  tags: ['deployments'],
  handler: async ({ body }) => ({
    status: 201,
    body: await activateDeployment(await dependencies(), body.key, body.deploymentId),
  }),
});

httpRoute({
  app: APP,
  name: 'validations-post',
  method: 'POST',
  route: 'validations',
  // The handler checks the deployment credential itself (it answers a revoked or unknown credential with
  // licence codes); documented as the deployment security scheme so generated clients send it.
  roles: 'public',
  credential: 'deployment',
  statuses: [403, 409],
  body: validationRequestSchema,
  maxBodyBytes: 128 * 1024,
  responses: { 200: validationResponseSchema },
  summary:
    'Online validation by a deployment (Authorization: Deployment <credential>): status and entitlements',
  tags: ['deployments'],
  handler: async ({ body, request }) => {
    const credential = parseDeploymentAuthorization(request.headers.get('authorization'));
    return { body: await validateDeployment(await dependencies(), { ...body, credential }) };
  },
});

httpRoute({
  app: APP,
  name: 'deployment-credential-rotate',
  method: 'POST',
  route: 'deployments/{deploymentId}/credential',
  // Like validations: the handler checks the deployment credential itself and answers with licence codes.
  roles: 'public',
  credential: 'deployment',
  statuses: [403],
  params: z.object({ deploymentId: entityIdSchema }),
  body: credentialRotationRequestSchema,
  responses: { 200: credentialRotationResponseSchema },
  summary:
    "A deployment's new credential (Authorization: Deployment <current credential>); the current one is revoked",
  tags: ['deployments'],
  handler: async ({ params, request }) => {
    const credential = parseDeploymentAuthorization(request.headers.get('authorization'));
    return {
      body: await rotateDeploymentCredential(await dependencies(), params.deploymentId, credential),
    };
  },
});

app.timer('licenses-expiry-sweep', {
  // NCRONTAB (seconds first): daily at 02:00 UTC.
  schedule: '0 0 2 * * *',
  handler: async (_timer, context) => {
    const log = invocationLogger(context, APP);
    const report = await sweepLicenses({ ...(await dependencies()), log });
    log.info('licence expiry sweep done', { ...report });
  },
});
