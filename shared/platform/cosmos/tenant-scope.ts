/**
 * A `TenantScope` is the only way to name a tenant to a repository. It can be obtained only from a verified
 * caller (`scopeFor`) or from a trusted system context (`systemScope`: Service Bus handlers, timers), so a
 * tenant id from a request body can never reach the data layer on its own.
 */
import type { Caller, Principal } from '../auth/caller';
import { ErrorCodes, forbidden } from '../errors';

declare const scopeBrand: unique symbol;

/** A tenant the current operation may act on. Create with `scopeFor` or `systemScope`, never by hand. */
export interface TenantScope {
  readonly tenantId: string;
  readonly via: 'caller' | 'system';
  readonly [scopeBrand]: true;
}

// Runtime check as well as the type brand: a hand-made object literal is refused by `resolveScope`.
const issued = new WeakSet<object>();

function issue(tenantId: string, via: TenantScope['via']): TenantScope {
  const scope = Object.freeze({ tenantId, via }) as TenantScope;
  issued.add(scope);
  return scope;
}

/**
 * The scope of `caller`. Tenant users and deployments get their own tenant; asking for another one is 403
 * `AUTH.TENANT_FORBIDDEN`. Platform staff must name the target tenant (403 `AUTH.TENANT_REQUIRED` otherwise).
 */
export function scopeFor(caller: Principal, tenantId?: string): TenantScope {
  if (caller.kind === 'user' && (caller as Caller).isPlatformStaff) {
    if (!tenantId) throw forbidden(ErrorCodes.tenantRequired, 'Platform staff must name the target tenant');
    return issue(tenantId, 'caller');
  }
  const own = caller.tenantId;
  if (!own) throw forbidden(ErrorCodes.tenantForbidden, 'The caller belongs to no tenant');
  if (tenantId !== undefined && tenantId !== own) {
    throw forbidden(ErrorCodes.tenantForbidden, 'You may not access this tenant');
  }
  return issue(own, 'caller');
}

/**
 * A scope for trusted system work (a validated Service Bus message, a timer sweep): the tenant comes from
 * data this system wrote, never from an HTTP request. `reason` documents the call site.
 */
export function systemScope(tenantId: string, reason: string): TenantScope {
  if (!tenantId) throw new Error(`systemScope(${reason}) needs a tenant id`);
  return issue(tenantId, 'system');
}

/** The tenant id of a Caller or scope; the single place repositories derive a partition key from. */
export function resolveScope(who: Principal | TenantScope): string {
  if ('via' in who) {
    if (!issued.has(who)) throw new Error('TenantScope was not issued by scopeFor/systemScope');
    return who.tenantId;
  }
  return scopeFor(who).tenantId;
}
