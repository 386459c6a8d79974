/**
 * Process-wide settings of the HTTP edge: the bearer verifier, allowed CORS origins and the deployment
 * authenticator. By default they come from the settings below (read once, at first use); tests and special
 * hosts replace them with `configureHttpEdge`.
 */
import type { HttpRequest } from '@azure/functions';
import type { DeploymentCaller } from '../auth/caller';
import { type BearerVerifier, createBearerVerifier } from '../auth/verify-bearer';
import { defineSettings, lazyConfig, list, text, url } from '../config';
import type { Logger } from '../log';

/** Settings the HTTP edge reads; spread them into each HTTP app's own `defineSettings` so Bicep declares them. */
export const httpEdgeSettings = {
  authIssuer: url('AUTH_ISSUER'),
  authAudience: text('AUTH_AUDIENCE'),
  corsOrigins: list('CORS_ORIGINS', { optional: true }),
};

/**
 * Authenticates a client deployment (routes with `roles: 'deployment'`). Implemented by the licence work
 * later; until one is configured such routes answer 401.
 */
export type DeploymentAuthenticator = (request: HttpRequest, log: Logger) => Promise<DeploymentCaller>;

export interface HttpEdgeOptions {
  verifier: BearerVerifier;
  corsOrigins: readonly string[];
  deploymentAuthenticator?: DeploymentAuthenticator;
}

const corsConfig = lazyConfig(defineSettings({ corsOrigins: httpEdgeSettings.corsOrigins }));
const authConfig = lazyConfig(
  defineSettings({ authIssuer: httpEdgeSettings.authIssuer, authAudience: httpEdgeSettings.authAudience }),
);

let overrides: Partial<HttpEdgeOptions> = {};
let defaultVerifier: BearerVerifier | undefined;
let origins: ReadonlySet<string> | undefined;

/** Replaces parts of the edge configuration (tests, or a host wiring the deployment authenticator). */
export function configureHttpEdge(options: Partial<HttpEdgeOptions>): void {
  overrides = { ...overrides, ...options };
  origins = undefined;
}

/** The bearer verifier (from AUTH_ISSUER / AUTH_AUDIENCE unless configured). */
export function edgeVerifier(): BearerVerifier {
  if (overrides.verifier) return overrides.verifier;
  if (!defaultVerifier) {
    const { authIssuer, authAudience } = authConfig();
    defaultVerifier = createBearerVerifier({ issuer: authIssuer, audience: authAudience });
  }
  return defaultVerifier;
}

/** Allowed CORS origins, normalised (no trailing slash). */
export function allowedOrigins(): ReadonlySet<string> {
  if (!origins) {
    const list = overrides.corsOrigins ?? corsConfig().corsOrigins;
    origins = new Set(list.map((o) => o.replace(/\/+$/, '')));
  }
  return origins;
}

export function deploymentAuthenticator(): DeploymentAuthenticator | undefined {
  return overrides.deploymentAuthenticator;
}
