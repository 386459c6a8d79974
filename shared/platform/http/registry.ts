/**
 * Every route declared through `httpRoute`, per process: the fallback uses it to tell 404 from 405 and to
 * answer CORS preflights, and `openApiDocument` describes it.
 */
import type { HttpMethod } from '@azure/functions';
import type { ZodType } from 'zod';
import type { Role } from '../auth/roles';

/** Who may call a route: listed roles, anyone (`'public'`), or a client deployment (`'deployment'`). */
export type RouteAccess = readonly Role[] | 'public' | 'deployment';

/** What the registry keeps about a route. */
export interface RouteDefinition {
  readonly app: string;
  readonly name: string;
  readonly method: HttpMethod;
  /** Route relative to the app (`tree`, `tenants/{tenantId}/kpis`). */
  readonly route: string;
  /** Full Functions route (`metadata/tree`), served at `/api/<fullRoute>`. */
  readonly fullRoute: string;
  readonly roles: RouteAccess;
  readonly tenantParam?: string;
  readonly params?: ZodType;
  readonly query?: ZodType;
  readonly body?: ZodType;
  readonly responses?: Readonly<Record<number, ZodType>>;
  readonly statuses?: readonly number[];
  readonly credential?: 'deployment';
  readonly summary?: string;
  readonly tags?: readonly string[];
  /** Compiled matcher over the path below `/api/`. */
  readonly matches: (segments: readonly string[]) => boolean;
}

const routes: RouteDefinition[] = [];

/** All declared routes of this process, in declaration order. */
export function routeRegistry(): readonly RouteDefinition[] {
  return routes;
}

/** Adds a route; a second route with the same app, method and path template is a programming error. */
export function registerRoute(def: Omit<RouteDefinition, 'matches'>): RouteDefinition {
  const template = normaliseTemplate(def.fullRoute);
  const clash = routes.find((r) => r.method === def.method && normaliseTemplate(r.fullRoute) === template);
  if (clash)
    throw new Error(`Route ${def.method} ${def.fullRoute} is declared twice (${clash.name}, ${def.name})`);
  const nameClash = routes.find((r) => r.name === def.name);
  if (nameClash) throw new Error(`Function name ${def.name} is used twice`);
  const full: RouteDefinition = { ...def, matches: compileTemplate(def.fullRoute) };
  routes.push(full);
  return full;
}

/** Routes of `app` whose template matches `path` (below `/api/`, no leading slash). */
export function routesMatching(app: string, path: string): RouteDefinition[] {
  const segments = splitPath(path);
  return routes.filter((r) => r.app === app && r.matches(segments));
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/** `{tenantId}` and `{id:int}` become `{}` so equivalent templates compare equal. */
function normaliseTemplate(t: string): string {
  return splitPath(t.toLowerCase())
    .map((s) => (s.startsWith('{') ? (s.startsWith('{*') ? '{*}' : '{}') : s))
    .join('/');
}

/**
 * Azure Functions (ASP.NET) route templates: literal segments (case-insensitive), `{name}`,
 * `{name:constraint}` (constraint not checked), `{name?}` (optional, last), `{*rest}` (catch-all).
 */
function compileTemplate(template: string): (segments: readonly string[]) => boolean {
  const parts = splitPath(template).map((s) => {
    if (!s.startsWith('{')) return { kind: 'literal' as const, text: s.toLowerCase() };
    if (s.startsWith('{*')) return { kind: 'rest' as const };
    return { kind: s.endsWith('?}') ? ('optional' as const) : ('param' as const) };
  });
  return (segments) => {
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as (typeof parts)[number];
      const seg = segments[i];
      if (p.kind === 'rest') return true;
      if (seg === undefined) return p.kind === 'optional' && i === parts.length - 1;
      if (p.kind === 'literal' && seg.toLowerCase() !== p.text) return false;
    }
    return segments.length === parts.length;
  };
}
