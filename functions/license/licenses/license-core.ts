/**
 * What every licence use case shares: the dependencies, signing a key for a licence document, building
 * `license.*` events, and publishing a document's pending events (the per-document outbox).
 */
import type { LicenseEventData, LicenseEventType, LicenseView } from '@kpi/shared/contracts/license';
import { KEY_LIMITS, LICENSE_ISSUER, type LicenseClaims } from '@kpi/shared/domain/license/claims';
import {
  daysUntil,
  dueMilestone,
  type Milestone,
  nextChangeAt,
  statusAt,
} from '@kpi/shared/domain/license/license';
import type { OfflineLicenseVerifier } from '@kpi/shared/license/offline-verifier';
import type { Scope } from '@kpi/shared/platform/cosmos/tenant-repository';
import { isAppError, unprocessable } from '@kpi/shared/platform/errors';
import type { Logger } from '@kpi/shared/platform/log';
import type { EventPublisher } from '@kpi/shared/platform/servicebus/ports';
import type { HistoryDocument, LicenseDocument, PendingEvent } from './license-documents';
import type { LicenseStore } from './license-store';

/** Signs licence claims (the current key of the ring). */
export interface KeySigner {
  sign(claims: LicenseClaims): string;
}

/** Everything the licence use cases need; adapters in dependencies.ts, fakes in tests. */
/**
 * The KPIs a client configuration selects (catalog and custom KPI ids), read from the Config service's
 * store; undefined when the tenant has no such configuration.
 */
export interface ConfigurationSelections {
  selection(scope: Scope, configurationId: string): Promise<string[] | undefined>;
}

export interface LicenseDeps {
  store: LicenseStore;
  configurations: ConfigurationSelections;
  signer: KeySigner;
  /** Verifies keys against this service's own published keys. */
  verifier: OfflineLicenseVerifier;
  publisher: EventPublisher;
  /** The topic of `license.*` events. */
  topic: string;
  clock: () => Date;
  /** A new random id (url-safe). */
  newId: () => string;
  log: Logger;
}

/** Limits on licence terms, so that a retired signing key's retention can cover every key it signed. */
export const TERM_LIMITS = { maxTermDays: 3 * 366, maxGraceDays: 90 } as const;

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** Signs a new key for `doc` (new `jti`) and returns the document carrying it. */
export function withNewKey(deps: LicenseDeps, doc: LicenseDocument, now: Date): LicenseDocument {
  const keyId = `key_${deps.newId()}`;
  const key = deps.signer.sign({
    iss: LICENSE_ISSUER,
    sub: doc.id,
    jti: keyId,
    iat: Math.floor(now.getTime() / 1000),
    nbf: seconds(doc.notBefore),
    exp: seconds(doc.expiresAt),
    tenantId: doc.tenantId,
    configurationId: doc.configurationId,
    kpiIds: doc.kpiIds,
    edition: doc.edition,
    features: doc.features,
    maxDeployments: doc.maxDeployments,
    graceDays: doc.graceDays,
  });
  if (key.length > KEY_LIMITS.maxKeyChars) {
    // Verifiers refuse keys above this size, so such a key must never be issued.
    throw unprocessable(
      'LICENSE.KEY_TOO_LARGE',
      `The licence key would exceed ${KEY_LIMITS.maxKeyChars} characters`,
    );
  }
  return { ...doc, keyId, key };
}

/**
 * A `license.*` event for `doc`. Its message id is deterministic per effect (the licence, its expiry and the
 * milestone or new status), so a repeated sweep produces the same id and consumers can de-duplicate.
 */
export function licenseEvent(
  type: LicenseEventType,
  doc: LicenseDocument,
  now: Date,
  effect: { milestone?: Milestone; discriminator?: string } = {},
): PendingEvent {
  const suffix =
    effect.milestone !== undefined
      ? `:${effect.milestone}`
      : effect.discriminator
        ? `:${effect.discriminator}`
        : '';
  const messageId = `${type}:${doc.id}:${doc.expiresAt}${suffix}`;
  const data: LicenseEventData = {
    licenseId: doc.id,
    tenantId: doc.tenantId,
    configurationId: doc.configurationId,
    expiresAt: doc.expiresAt,
    graceDays: doc.graceDays,
    status: statusAt(doc, now),
    contacts: doc.contacts,
    ...(effect.milestone !== undefined ? { milestone: effect.milestone } : {}),
    idempotencyKey: messageId,
  };
  return { messageId, type, data };
}

/**
 * The sweep must look at a document at once when it has pending events, a stale status or a milestone due
 * (a licence issued 45 days before expiry owes its 60-day notice now), else at its next change.
 */
export function scheduleNextCheck(doc: LicenseDocument, now: Date): LicenseDocument {
  const dueNow =
    doc.pendingEvents.length > 0 ||
    statusAt(doc, now) !== doc.status ||
    dueMilestone(doc, doc.milestonesSent, now) !== undefined;
  const next = dueNow ? now : nextChangeAt(doc, now);
  const { nextCheckAt: _old, ...rest } = doc;
  return next ? { ...rest, nextCheckAt: next.toISOString() } : rest;
}

/**
 * Publishes the document's pending events, then clears them. A failure leaves them pending with
 * `nextCheckAt` = now, so the next sweep publishes them again (same message ids). Never throws.
 */
export async function publishPending(
  deps: LicenseDeps,
  scope: Scope,
  written: { item: LicenseDocument; etag: string },
): Promise<LicenseDocument> {
  const doc = written.item;
  if (doc.pendingEvents.length === 0) return doc;
  try {
    for (const e of doc.pendingEvents) {
      await deps.publisher.publish(deps.topic, {
        type: e.type,
        subject: doc.id,
        data: e.data,
        messageId: e.messageId,
      });
    }
    const cleared = scheduleNextCheck({ ...doc, pendingEvents: [] }, deps.clock());
    return (await deps.store.replace(scope, cleared, written.etag)).item;
  } catch (err) {
    // Someone changed the document meanwhile (it keeps the events pending) or the bus is down: the sweep retries.
    const code = isAppError(err) ? err.code : undefined;
    deps.log.warn('licence events left pending for the sweep', {
      licenseId: doc.id,
      code,
      error: String(err),
    });
    return doc;
  }
}

/** A history entry. Pass a deterministic `id` for effects that may be repeated. */
export function historyEntry(
  deps: LicenseDeps,
  doc: LicenseDocument,
  action: HistoryDocument['action'],
  by: string,
  now: Date,
  details?: HistoryDocument['details'],
  id?: string,
): HistoryDocument {
  return {
    id: id ?? `${doc.id}:${now.toISOString()}:${deps.newId()}`,
    tenantId: doc.tenantId,
    licenseId: doc.id,
    at: now.toISOString(),
    action,
    by,
    ...(details ? { details } : {}),
  };
}

/** The API view of a licence at `now` (no key: it is served only to tenant admins, on its own route). */
export function toView(doc: LicenseDocument, now: Date): LicenseView {
  // ISO times of one format compare as strings.
  const lastValidated = doc.activeDeployments.reduce<string | undefined>(
    (newest, d) =>
      d.lastValidatedAt && (!newest || d.lastValidatedAt > newest) ? d.lastValidatedAt : newest,
    undefined,
  );
  return {
    id: doc.id,
    tenantId: doc.tenantId,
    configurationId: doc.configurationId,
    kpiIds: doc.kpiIds,
    edition: doc.edition,
    features: doc.features,
    maxDeployments: doc.maxDeployments,
    contacts: doc.contacts,
    issuedAt: doc.issuedAt,
    notBefore: doc.notBefore,
    expiresAt: doc.expiresAt,
    graceDays: doc.graceDays,
    ...(doc.revokedAt ? { revokedAt: doc.revokedAt } : {}),
    status: statusAt(doc, now),
    daysLeft: daysUntil(now, doc.expiresAt),
    keyId: doc.keyId,
    activeDeployments: doc.activeDeployments,
    ...(lastValidated ? { lastValidatedAt: lastValidated } : {}),
  };
}
