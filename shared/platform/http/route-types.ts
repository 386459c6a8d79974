import type { HttpMethod, HttpRequest, InvocationContext } from '@azure/functions';
import type { output, ZodType } from 'zod';
import type { Caller, DeploymentCaller } from '../auth/caller';
import type { Logger } from '../log';
import type { RouteAccess } from './registry';

/** The authenticated principal a handler receives, by the route's access. */
export type CallerFor<R extends RouteAccess> = R extends 'public'
  ? undefined
  : R extends 'deployment'
    ? DeploymentCaller
    : Caller;

/** Parsed type of an optional schema, or `Fallback` when there is none. */
export type Parsed<S, Fallback> = S extends ZodType ? output<S> : Fallback;

/** Everything a route handler gets. */
export interface RouteContext<R extends RouteAccess, P, Q, B> {
  caller: CallerFor<R>;
  params: P;
  query: Q;
  body: B;
  request: HttpRequest;
  context: InvocationContext;
  log: Logger;
  requestId: string;
}

/**
 * What a handler returns. `body` is sent as JSON (status 200, or 204 when there is no body); `raw` is sent
 * as is (set `content-type` in `headers`). A `headers.etag` on a GET enables `If-None-Match` → 304.
 */
export interface RouteResult {
  status?: number;
  body?: unknown;
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
}

/** Declaration of one HTTP route (see `httpRoute`). */
export interface RouteSpec<
  R extends RouteAccess,
  PS extends ZodType | undefined,
  QS extends ZodType | undefined,
  BS extends ZodType | undefined,
> {
  /** App (folder) name; the route is registered as `<app>/<route>`. */
  app: string;
  /** Function name, `<noun>-<verb>` (`tree-get`). */
  name: string;
  method: HttpMethod;
  /** Route below the app, Azure template syntax (`tenants/{tenantId}/kpis/{id}`). */
  route: string;
  /** REQUIRED: the roles allowed, `'public'` (no auth) or `'deployment'` (deployment credential). */
  roles: R;
  /** Route parameter holding a tenant id: tenant users may only address their own tenant. */
  tenantParam?: string;
  params?: PS;
  query?: QS;
  /** Body schema; without one the body is not read. */
  body?: BS;
  /** Default 256 KiB. */
  maxBodyBytes?: number;
  /** Opt into client caching of 200 GET responses: weak ETag over the body, `If-None-Match` → 304. */
  cache?: { maxAgeSeconds?: number };
  /** Response schemas by status, for the OpenAPI document. */
  responses?: Readonly<Record<number, ZodType>>;
  /**
   * Error statuses the handler answers beyond those the OpenAPI derives from the declaration (see
   * `errorStatuses` in openapi.ts), e.g. `[403, 409]` on a public route whose use case refuses.
   */
  statuses?: readonly number[];
  /**
   * A `'public'` route whose handler checks a deployment credential itself (`Authorization: Deployment …`),
   * e.g. licence validation, which answers a bad credential with its own codes: documented with the
   * deployment security scheme.
   */
  credential?: 'deployment';
  summary?: string;
  tags?: readonly string[];
  handler: (
    ctx: RouteContext<
      R,
      Parsed<PS, Record<string, string>>,
      Parsed<QS, Record<string, string | string[]>>,
      Parsed<BS, undefined>
    >,
  ) => Promise<RouteResult>;
}
