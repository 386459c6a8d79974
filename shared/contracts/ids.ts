/**
 * The id schemas every app uses, at the edge (path parameters, query values) and in bodies: one character
 * pattern and one length limit, so an id with `/`, `\`, `#`, `?` or a space never reaches a store.
 */
import { z } from 'zod';

/** A tenant id: lower-case letters, digits and dashes, as tenants are created (`contoso`, `fabrikam-eu`). */
export const TENANT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
/**
 * Any other id (configurations, deployments, licences, alerts, rules, commands, audit entries…): letters,
 * digits and `_ - . : ~` (history ids embed an ISO time; alert and notification ids join their parts with
 * `~`), starting with a letter or digit, at most 128 characters. All are unreserved in a URL path segment.
 */
export const ENTITY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:~-]{0,127}$/;
/** The longest id ENTITY_ID_PATTERN takes: ids built from parts (alerts) are kept within it. */
export const ENTITY_ID_MAX_LENGTH = 128;

export const tenantIdSchema = z
  .string()
  .regex(
    TENANT_ID_PATTERN,
    'a tenant id is 1-63 lower-case letters, digits or dashes, starting with a letter or digit',
  );

export const entityIdSchema = z
  .string()
  .regex(ENTITY_ID_PATTERN, 'an id is 1-128 letters, digits, _ - . : or ~, starting with a letter or digit');

/** Path parameters of routes under `tenants/{tenantId}`. */
export const tenantParams = z.object({ tenantId: tenantIdSchema });
