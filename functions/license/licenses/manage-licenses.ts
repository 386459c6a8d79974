/** Use cases of the licence lifecycle by people: issue, renew, revoke, and reading licences and history. */
import type { IssueLicenseRequest } from '@kpi/shared/contracts/license';
import { statusAt, termProblems } from '@kpi/shared/domain/license/license';
import type { Caller } from '@kpi/shared/platform/auth/caller';
import type { Page, PageOptions, Versioned } from '@kpi/shared/platform/cosmos/tenant-repository';
import { scopeFor, type TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { conflict, notFound, unprocessable } from '@kpi/shared/platform/errors';
import {
  historyEntry,
  type LicenseDeps,
  licenseEvent,
  publishPending,
  scheduleNextCheck,
  TERM_LIMITS,
  withNewKey,
} from './license-core';
import type { HistoryDocument, LicenseDocument } from './license-documents';

/** A licence the caller may see, with the scope to write it: tenant users their own, staff any. */
export async function findLicense(
  deps: LicenseDeps,
  caller: Caller,
  id: string,
): Promise<{ found: Versioned<LicenseDocument>; scope: TenantScope }> {
  const found = caller.isPlatformStaff
    ? await deps.store.findInAnyTenant(id)
    : await deps.store.get(caller, id);
  if (!found) throw notFound('LICENSE.NOT_FOUND', `Licence ${id} does not exist`);
  return { found, scope: scopeFor(caller, found.item.tenantId) };
}

function checkTerm(term: { notBefore: string; expiresAt: string; graceDays: number }): void {
  const problems = termProblems(term, TERM_LIMITS);
  if (problems.length > 0) {
    throw unprocessable(
      'LICENSE.TERM_INVALID',
      'The licence term is invalid',
      problems.map((message) => ({ path: 'expiresAt', message })),
    );
  }
}

/**
 * The entitled KPIs: the configuration's selection, or the part of it the request names (an edition may
 * entitle fewer). A configuration kept outside Config (a migrated client, a simulated fleet) has no
 * selection to read, so the request must name the KPIs itself.
 */
async function entitledKpis(
  deps: LicenseDeps,
  scope: TenantScope,
  request: IssueLicenseRequest,
): Promise<string[]> {
  const selection = await deps.configurations.selection(scope, request.configurationId);
  const named = request.kpiIds ? [...new Set(request.kpiIds)] : undefined;
  if (!selection) {
    if (named) return named;
    throw unprocessable(
      'LICENSE.CONFIGURATION_NOT_FOUND',
      `Tenant ${request.tenantId} has no configuration ${request.configurationId}; name the entitled KPIs (kpiIds) to license a configuration kept outside Config`,
      [{ path: 'configurationId', message: 'no such configuration' }],
    );
  }
  if (selection.length === 0) {
    throw unprocessable(
      'LICENSE.CONFIGURATION_EMPTY',
      `Configuration ${request.configurationId} selects no KPIs; select some before licensing it`,
    );
  }
  if (!named) return [...new Set(selection)];
  const outside = named.filter((id) => !selection.includes(id));
  if (outside.length > 0) {
    throw unprocessable(
      'LICENSE.KPI_NOT_IN_CONFIGURATION',
      `${outside.length} KPI(s) are not selected in configuration ${request.configurationId}`,
      outside.slice(0, 20).map((id) => ({ path: 'kpiIds', message: `${id} is not selected` })),
    );
  }
  return named;
}

/** Issues a licence and its first key; announces `license.issued`. */
export async function issueLicense(
  deps: LicenseDeps,
  caller: Caller,
  request: IssueLicenseRequest,
): Promise<{ license: LicenseDocument; key: string }> {
  const now = deps.clock();
  const notBefore = request.notBefore ?? now.toISOString();
  checkTerm({ notBefore, expiresAt: request.expiresAt, graceDays: request.graceDays });
  if (Date.parse(request.expiresAt) <= now.getTime()) {
    throw unprocessable('LICENSE.TERM_INVALID', 'expiresAt must be in the future');
  }
  const scope = scopeFor(caller, request.tenantId);
  const kpiIds = await entitledKpis(deps, scope, request);
  const base: LicenseDocument = {
    id: `lic_${deps.newId()}`,
    tenantId: request.tenantId,
    configurationId: request.configurationId,
    kpiIds,
    edition: request.edition,
    features: [...new Set(request.features)],
    maxDeployments: request.maxDeployments,
    contacts: request.contacts,
    issuedAt: now.toISOString(),
    notBefore,
    expiresAt: request.expiresAt,
    graceDays: request.graceDays,
    status: 'active',
    milestonesSent: [],
    keyId: '',
    key: '',
    activeDeployments: [],
    pendingEvents: [],
    updatedAt: now.toISOString(),
  };
  const signed = withNewKey(deps, { ...base, status: statusAt(base, now) }, now);
  const doc = scheduleNextCheck(
    { ...signed, pendingEvents: [licenseEvent('license.issued', signed, now)] },
    now,
  );
  const written = await deps.store.create(scope, doc);
  await deps.store.addHistory(
    scope,
    historyEntry(deps, doc, 'issued', caller.email, now, { expiresAt: doc.expiresAt }),
  );
  const license = await publishPending(deps, scope, written);
  return { license, key: license.key };
}

/** Renews: a new expiry, milestones start again, and a new key supersedes the old one. */
export async function renewLicense(
  deps: LicenseDeps,
  caller: Caller,
  id: string,
  change: { expiresAt: string; graceDays?: number | undefined },
  ifMatch?: string,
): Promise<{ license: LicenseDocument; key: string }> {
  const now = deps.clock();
  const { found, scope } = await findLicense(deps, caller, id);
  const current = found.item;
  if (current.revokedAt) throw conflict('LICENSE.REVOKED', 'A revoked licence cannot be renewed');
  const graceDays = change.graceDays ?? current.graceDays;
  checkTerm({ notBefore: current.notBefore, expiresAt: change.expiresAt, graceDays });
  if (Date.parse(change.expiresAt) <= now.getTime()) {
    throw unprocessable('LICENSE.TERM_INVALID', 'expiresAt must be in the future');
  }
  const renewed = withNewKey(
    deps,
    { ...current, expiresAt: change.expiresAt, graceDays, milestonesSent: [], updatedAt: now.toISOString() },
    now,
  );
  const withStatus = { ...renewed, status: statusAt(renewed, now) };
  const doc = scheduleNextCheck(
    {
      ...withStatus,
      pendingEvents: [...current.pendingEvents, licenseEvent('license.renewed', withStatus, now)],
    },
    now,
  );
  const written = await deps.store.replace(scope, doc, ifMatch ?? found.etag);
  await deps.store.addHistory(
    scope,
    historyEntry(deps, doc, 'renewed', caller.email, now, { from: current.expiresAt, to: doc.expiresAt }),
  );
  const license = await publishPending(deps, scope, written);
  return { license, key: license.key };
}

/** Revokes at once and for good; every key of the licence stops validating online. */
export async function revokeLicense(
  deps: LicenseDeps,
  caller: Caller,
  id: string,
  reason: string,
): Promise<LicenseDocument> {
  const now = deps.clock();
  const { found, scope } = await findLicense(deps, caller, id);
  if (found.item.revokedAt) throw conflict('LICENSE.REVOKED', 'The licence is already revoked');
  const revoked: LicenseDocument = {
    ...found.item,
    revokedAt: now.toISOString(),
    revokedReason: reason,
    status: 'revoked',
    updatedAt: now.toISOString(),
  };
  const doc = scheduleNextCheck(
    { ...revoked, pendingEvents: [...revoked.pendingEvents, licenseEvent('license.revoked', revoked, now)] },
    now,
  );
  const written = await deps.store.replace(scope, doc, found.etag);
  await deps.store.addHistory(scope, historyEntry(deps, doc, 'revoked', caller.email, now, { reason }));
  return publishPending(deps, scope, written);
}

/** Tenant users see their tenant's licences; vendor staff see all (or one tenant's with `tenantId`). */
export async function listLicenses(
  deps: LicenseDeps,
  caller: Caller,
  tenantId: string | undefined,
  page: PageOptions,
): Promise<Page<LicenseDocument>> {
  if (caller.isPlatformStaff && tenantId === undefined) return deps.store.listAll(page);
  return deps.store.list(scopeFor(caller, tenantId), page);
}

/** The licence's history, oldest first. */
export async function licenseHistory(
  deps: LicenseDeps,
  caller: Caller,
  id: string,
): Promise<HistoryDocument[]> {
  const { scope } = await findLicense(deps, caller, id);
  return deps.store.history(scope, id);
}
