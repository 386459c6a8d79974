/**
 * The port the licence use cases depend on. Tenant isolation is in the store: tenant-scoped methods take a
 * `Scope` (the verified caller, or a system scope derived from a verified licence key or a sweep), and only
 * the explicitly cross-tenant methods (`findInAnyTenant`, `listAll`, `dueForCheck`) see every tenant; the
 * use cases call those for vendor staff and the expiry sweep only.
 */

import type { DeploymentCredential } from '@kpi/shared/contracts/deployment-credential';
import type { Page, PageOptions, Scope, Versioned } from '@kpi/shared/platform/cosmos/tenant-repository';
import type { HistoryDocument, LicenseDocument } from './license-documents';

export interface LicenseStore {
  get(scope: Scope, id: string): Promise<Versioned<LicenseDocument> | undefined>;
  list(scope: Scope, page?: PageOptions): Promise<Page<LicenseDocument>>;
  create(scope: Scope, doc: LicenseDocument): Promise<Versioned<LicenseDocument>>;
  /** Replaces only if unchanged since `ifMatch` (412 `CONCURRENCY.CONFLICT` otherwise). */
  replace(scope: Scope, doc: LicenseDocument, ifMatch: string): Promise<Versioned<LicenseDocument>>;

  /** Vendor staff: a licence by id, whatever its tenant. */
  findInAnyTenant(id: string): Promise<Versioned<LicenseDocument> | undefined>;
  /** Vendor staff: every licence. */
  listAll(page?: PageOptions): Promise<Page<LicenseDocument>>;
  /** The expiry sweep: licences whose `nextCheckAt` is at or before `now`. */
  dueForCheck(now: string, page?: PageOptions): Promise<Page<LicenseDocument>>;

  /** Deployment credentials are addressed by their unguessable id (one point read); callers check the tenant. */
  getCredential(id: string): Promise<DeploymentCredential | undefined>;
  createCredential(record: DeploymentCredential): Promise<void>;
  replaceCredential(record: DeploymentCredential): Promise<void>;

  /** Upserts by id, so an entry written twice (a retried sweep) is stored once. */
  addHistory(scope: Scope, entry: HistoryDocument): Promise<void>;
  history(scope: Scope, licenseId: string): Promise<HistoryDocument[]>;
}
