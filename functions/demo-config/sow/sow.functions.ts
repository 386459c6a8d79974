/** Routes of SOWs: `tenants/{tenantId}/configurations/{configurationId}/sows/...` (the edge checks the tenant). */
import {
  sowFormatSchema,
  sowRequestSchema,
  sowVersionListSchema,
  sowVersionSchema,
} from '@kpi/shared/contracts/demo-config';
import { atLeast } from '@kpi/shared/platform/auth/roles';
import { scopeFor } from '@kpi/shared/platform/cosmos/tenant-scope';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { z } from 'zod';
import { APP } from '../config';
import {
  CONFIGURATION,
  configurationParams,
  inExistingConfiguration,
} from '../configurations/configuration-routes';
import { dependencies } from '../dependencies';
import { downloadSow, findSowVersion, generateSow, previewSow, versionsOf } from './generate-sow';

const tags = ['sow'];
const SOWS = `${CONFIGURATION}/sows`;
const versionParams = configurationParams.extend({ version: z.coerce.number().int().min(1).max(100_000) });

httpRoute({
  app: APP,
  name: 'sow-preview',
  method: 'POST',
  route: `${CONFIGURATION}/sow-preview`,
  roles: atLeast('viewer'),
  tenantParam: 'tenantId',
  params: configurationParams,
  body: sowRequestSchema,
  summary: 'The SOW as an HTML page, as a generation would produce it now (stores nothing)',
  tags,
  handler: async ({ caller, params, body }) => {
    const html = await previewSow(
      await dependencies(),
      scopeFor(caller, params.tenantId),
      params.configurationId,
      body,
    );
    return { raw: html, headers: { 'content-type': 'text/html; charset=utf-8' } };
  },
});

httpRoute({
  app: APP,
  name: 'sows-create',
  method: 'POST',
  route: SOWS,
  roles: atLeast('editor'),
  tenantParam: 'tenantId',
  params: configurationParams,
  body: sowRequestSchema,
  responses: { 201: sowVersionSchema },
  summary: 'Generates the SOW (HTML, DOCX, PDF) and stores it as the next version',
  tags,
  handler: async ({ caller, params, body }) => ({
    status: 201,
    body: await generateSow(
      await dependencies(),
      caller,
      scopeFor(caller, params.tenantId),
      params.configurationId,
      body,
    ),
  }),
});

httpRoute({
  app: APP,
  name: 'sows-list',
  method: 'GET',
  route: SOWS,
  roles: atLeast('viewer'),
  tenantParam: 'tenantId',
  params: configurationParams,
  cache: { maxAgeSeconds: 0 },
  responses: { 200: sowVersionListSchema },
  summary: "The configuration's SOW versions, newest first",
  tags,
  handler: async ({ caller, params }) => {
    const { deps, scope } = await inExistingConfiguration(caller, params);
    return { body: { items: await versionsOf(deps, scope, params.configurationId) } };
  },
});

httpRoute({
  app: APP,
  name: 'sow-get',
  method: 'GET',
  route: `${SOWS}/{version}`,
  roles: atLeast('viewer'),
  tenantParam: 'tenantId',
  params: versionParams,
  cache: { maxAgeSeconds: 0 },
  responses: { 200: sowVersionSchema },
  summary: 'One SOW version',
  tags,
  handler: async ({ caller, params }) => ({
    body: await findSowVersion(
      await dependencies(),
      scopeFor(caller, params.tenantId),
      params.configurationId,
      params.version,
    ),
  }),
});

httpRoute({
  app: APP,
  name: 'sow-download',
  method: 'GET',
  route: `${SOWS}/{version}/{format}`,
  roles: atLeast('viewer'),
  tenantParam: 'tenantId',
  params: versionParams.extend({ format: sowFormatSchema }),
  summary: 'Downloads a stored SOW file (html, docx or pdf)',
  tags,
  handler: async ({ caller, params }) => {
    const scope = scopeFor(caller, params.tenantId);
    const file = await downloadSow(
      await dependencies(),
      scope,
      params.configurationId,
      params.version,
      params.format,
    );
    return {
      raw: file.bytes,
      headers: {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="${file.fileName}"`,
        // Stored versions never change.
        'cache-control': 'private, max-age=86400, immutable',
      },
    };
  },
});
