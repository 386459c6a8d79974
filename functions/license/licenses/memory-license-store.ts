/** An in-memory `LicenseStore` for unit tests: same tenant rules and `ifMatch` semantics as the Cosmos one. */

import type { DeploymentCredential } from '@kpi/shared/contracts/deployment-credential';
import type { Page, Scope, Versioned } from '@kpi/shared/platform/cosmos/tenant-repository';
import { resolveScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { AppError, ErrorCodes, notFound } from '@kpi/shared/platform/errors';
import type { HistoryDocument, LicenseDocument } from './license-documents';
import type { LicenseStore } from './license-store';

type Row<T> = { item: T; etag: string };

export class MemoryLicenseStore implements LicenseStore {
  readonly licenses = new Map<string, Row<LicenseDocument>>();
  readonly credentials = new Map<string, DeploymentCredential>();
  readonly historyEntries = new Map<string, HistoryDocument>();
  private version = 0;

  private row<T>(item: T): Row<T> {
    this.version += 1;
    return { item: structuredClone(item), etag: `"${this.version}"` };
  }
  private out<T>(row: Row<T> | undefined): Versioned<T> | undefined {
    return row ? { item: structuredClone(row.item), etag: row.etag } : undefined;
  }
  private key(scope: Scope, id: string): string {
    return `${resolveScope(scope)}/${id}`;
  }
  private page(items: LicenseDocument[]): Page<LicenseDocument> {
    return { items: items.sort((a, b) => a.id.localeCompare(b.id)).map((i) => structuredClone(i)) };
  }

  async get(scope: Scope, id: string) {
    return this.out(this.licenses.get(this.key(scope, id)));
  }
  async list(scope: Scope) {
    const tenantId = resolveScope(scope);
    return this.page([...this.licenses.values()].map((r) => r.item).filter((l) => l.tenantId === tenantId));
  }
  async create(scope: Scope, doc: LicenseDocument) {
    const k = this.key(scope, doc.id);
    if (this.licenses.has(k)) throw new AppError('LICENSE.CONFLICT', 'exists', 409);
    const row = this.row({ ...doc, tenantId: resolveScope(scope) });
    this.licenses.set(k, row);
    return this.out(row) as Versioned<LicenseDocument>;
  }
  async replace(scope: Scope, doc: LicenseDocument, ifMatch: string) {
    const k = this.key(scope, doc.id);
    const current = this.licenses.get(k);
    if (!current) throw notFound('LICENSE.NOT_FOUND', 'absent');
    if (current.etag !== ifMatch) throw new AppError(ErrorCodes.concurrencyConflict, 'changed', 412);
    const row = this.row({ ...doc, tenantId: resolveScope(scope) });
    this.licenses.set(k, row);
    return this.out(row) as Versioned<LicenseDocument>;
  }

  async findInAnyTenant(id: string) {
    return this.out([...this.licenses.values()].find((r) => r.item.id === id));
  }
  async listAll() {
    return this.page([...this.licenses.values()].map((r) => r.item));
  }
  /** Counts how many licences each sweep read, to test that it reads only the due ones. */
  dueReads = 0;
  async dueForCheck(now: string) {
    const due = [...this.licenses.values()]
      .map((r) => r.item)
      .filter((l) => l.nextCheckAt !== undefined && l.nextCheckAt <= now);
    this.dueReads += due.length;
    return this.page(due);
  }

  async getCredential(id: string) {
    const found = this.credentials.get(id);
    return found && structuredClone(found);
  }
  async createCredential(record: DeploymentCredential) {
    if (this.credentials.has(record.id)) throw new AppError('DEPLOYMENT_CREDENTIAL.CONFLICT', 'exists', 409);
    this.credentials.set(record.id, structuredClone(record));
  }
  async replaceCredential(record: DeploymentCredential) {
    if (!this.credentials.has(record.id)) throw notFound('DEPLOYMENT_CREDENTIAL.NOT_FOUND', 'absent');
    this.credentials.set(record.id, structuredClone(record));
  }

  async addHistory(scope: Scope, entry: HistoryDocument) {
    this.historyEntries.set(this.key(scope, entry.id), {
      ...structuredClone(entry),
      tenantId: resolveScope(scope),
    });
  }
  async history(scope: Scope, licenseId: string) {
    const tenantId = resolveScope(scope);
    return [...this.historyEntries.values()]
      .filter((h) => h.tenantId === tenantId && h.licenseId === licenseId)
      .sort((a, b) => a.at.localeCompare(b.at));
  }
}
