/**
 * The one rule every path parameter of every app obeys at the edge, before any handler (or the route's own
 * schema) sees it: `{tenantId}` matches `TENANT_ID_PATTERN`; every other single-segment parameter
 * (`{deploymentId}`, `{id}`, `{kpiId}`, `{version}`, `{format}` …) is an opaque token matching
 * `ENTITY_ID_PATTERN` (letters, digits, `_ - . : ~`, at most 128). KPI slugs, integer versions and the SOW
 * format enum all are such tokens, and the route's own zod schema narrows them further; what the edge
 * guarantees is that no `/`, `\`, `#`, `?`, space, control character or 10 KB id ever reaches a store.
 * Catch-all parameters (`{*path}`) are left alone: only the per-app fallback declares one, and it never
 * hands its value to a store (it only tells 404 from 405).
 */
import { ENTITY_ID_PATTERN, TENANT_ID_PATTERN } from '../../contracts/ids';
import { badRequest, ErrorCodes } from '../errors';

interface ParamRule {
  name: string;
  pattern: RegExp;
  message: string;
}

const TENANT_RULE =
  'a tenant id is 1-63 lower-case letters, digits or dashes, starting with a letter or digit';
const ENTITY_RULE = 'an id is 1-128 letters, digits, _ - . : or ~, starting with a letter or digit';

/** The rules for the parameters of `route` (Azure template syntax), computed once per route. */
export function pathParamRules(route: string): readonly ParamRule[] {
  const rules: ParamRule[] = [];
  for (const m of route.matchAll(/\{(\*{0,2})([A-Za-z_][A-Za-z0-9_]*)[^}]*\}/g)) {
    if (m[1]) continue; // catch-all: see above
    const name = m[2] as string;
    rules.push(
      name === 'tenantId'
        ? { name, pattern: TENANT_ID_PATTERN, message: TENANT_RULE }
        : { name, pattern: ENTITY_ID_PATTERN, message: ENTITY_RULE },
    );
  }
  return rules;
}

/** The JSON schema of path parameter `name` as the edge checks it (for the OpenAPI document). */
export function pathParamSchema(name: string): Record<string, unknown> {
  return name === 'tenantId'
    ? { type: 'string', pattern: TENANT_ID_PATTERN.source, maxLength: 63, description: TENANT_RULE }
    : { type: 'string', pattern: ENTITY_ID_PATTERN.source, maxLength: 128, description: ENTITY_RULE };
}

/** 400 `REQUEST.VALIDATION_FAILED` naming every path parameter that breaks its rule. */
export function checkPathParams(rules: readonly ParamRule[], params: Readonly<Record<string, string>>): void {
  const details: { in: 'params'; path: string; message: string }[] = [];
  for (const rule of rules) {
    const value = params[rule.name];
    // An absent optional parameter is the route schema's business; a present one must be an id.
    if (value === undefined || rule.pattern.test(value)) continue;
    details.push({ in: 'params', path: rule.name, message: rule.message });
  }
  if (details.length > 0) {
    const names = details.map((d) => d.path).join(', ');
    throw badRequest(ErrorCodes.validationFailed, `Invalid path parameter: ${names}`, details);
  }
}
