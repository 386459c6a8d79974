/** Formula routes: validation (diagnostics with positions) and preview on the tenant's sample data. */

import { tenantParams } from '@kpi/shared/contracts/ids';
import {
  previewFormulaBodySchema,
  previewResultSchema,
  validateFormulaBodySchema,
  validFormulaSchema,
} from '@kpi/shared/contracts/metadata-catalog';
import { ANY_USER, atLeast } from '@kpi/shared/platform/auth/roles';
import { scopeFor } from '@kpi/shared/platform/cosmos/tenant-scope';
import { httpRoute } from '@kpi/shared/platform/http/route';
import { z } from 'zod';
import { APP } from '../config';
import { dependencies } from '../dependencies';
import { previewFormula } from './preview-formula';
import { tenantIndustry } from './tenant-industry';
import { validateFormula } from './validate-formula';

const diagnosticsError = z.object({
  error: z.object({ code: z.literal('FORMULA.INVALID'), message: z.string(), details: z.unknown() }),
});

httpRoute({
  app: APP,
  name: 'formula-validate',
  method: 'POST',
  route: 'formulas/validate',
  roles: ANY_USER,
  body: validateFormulaBodySchema,
  responses: { 200: validFormulaSchema, 422: diagnosticsError },
  summary:
    'Checks a formula against the object model: 200 with its requirements, or 422 FORMULA.INVALID with positioned diagnostics',
  tags: ['formulas'],
  handler: async ({ body }) => {
    const views = await (await dependencies()).catalog.views();
    return { body: validateFormula(views.engine, body.formula) };
  },
});

httpRoute({
  app: APP,
  name: 'formula-preview',
  method: 'POST',
  route: 'tenants/{tenantId}/formulas/preview',
  roles: atLeast('editor'),
  tenantParam: 'tenantId',
  params: tenantParams,
  body: previewFormulaBodySchema,
  responses: { 200: previewResultSchema, 422: diagnosticsError },
  summary: "Evaluates a formula for one month of the sample data of the tenant's industry",
  tags: ['formulas'],
  handler: async ({ caller, params, body }) => {
    const deps = await dependencies();
    const scope = scopeFor(caller, params.tenantId);
    // The tenant's engine: a formula may reference its published custom KPIs too.
    const [engine, industryId] = await Promise.all([
      deps.customKpis.engineFor(scope),
      tenantIndustry(deps.tenants, scope),
    ]);
    return { body: previewFormula(engine, body.formula, industryId, body.period) };
  },
});
