/**
 * In-memory stand-ins for the monitoring repositories, for unit tests of the use cases: the same
 * semantics the use cases rely on (409 on duplicate create, 412 on a stale etag, tenant partitioning),
 * queries return every item of the tenant (the use cases filter again where it matters).
 */

import type { Tenant } from '@kpi/shared/contracts/demo-config';
import type { DeploymentCredential } from '@kpi/shared/contracts/deployment-credential';
import type { Alert } from '@kpi/shared/contracts/monitoring-alert';
import type { RemoteCommand } from '@kpi/shared/contracts/monitoring-command';
import type { Deployment } from '@kpi/shared/contracts/monitoring-deployment';
import type { StoredHeartbeat } from '@kpi/shared/contracts/monitoring-heartbeat';
import type { TrackedLicense } from '@kpi/shared/contracts/monitoring-license';
import type { AuditEntry, MailRate, NotificationRecord } from '@kpi/shared/contracts/monitoring-notification';
import type { MaintenanceWindow, MonitoringSettings, Silence } from '@kpi/shared/contracts/monitoring-rules';
import type { Principal } from '@kpi/shared/platform/auth/caller';
import { resolveScope, type TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import type { Mailer, MailMessage } from '@kpi/shared/platform/email/ports';
import { AppError, conflict } from '@kpi/shared/platform/errors';
import { MemoryEffectStore, MemoryEventPublisher } from '@kpi/shared/platform/servicebus/memory-ports';
import type { AppDeps } from '../dependencies';

type Scope = Principal | TenantScope;
type Entry<T> = { item: T; etag: string };
let etags = 0;

/** A tenant-partitioned repository in memory. */
export class MemoryTenantRepo<T extends { id: string; tenantId: string }> {
  readonly items = new Map<string, Entry<T>>();
  private key = (tenantId: string, id: string) => `${tenantId}\u0000${id}`;
  async get(scope: Scope, id: string) {
    return this.items.get(this.key(resolveScope(scope), id))?.item;
  }
  async getVersioned(scope: Scope, id: string) {
    return this.items.get(this.key(resolveScope(scope), id));
  }
  async list(scope: Scope) {
    return this.query(scope);
  }
  async query(scope: Scope, _filter?: unknown, _page?: unknown) {
    const tenantId = resolveScope(scope);
    return { items: [...this.items.values()].map((e) => e.item).filter((i) => i.tenantId === tenantId) };
  }
  async create(scope: Scope, input: Omit<T, 'tenantId'>) {
    const item = { ...input, tenantId: resolveScope(scope) } as T;
    if (this.items.has(this.key(item.tenantId, item.id))) throw conflict('X.CONFLICT', 'exists');
    return this.put(item);
  }
  async replace(scope: Scope, input: Omit<T, 'tenantId'>, options?: { ifMatch?: string }) {
    const item = { ...input, tenantId: resolveScope(scope) } as T;
    const current = this.items.get(this.key(item.tenantId, item.id));
    if (!current) throw new AppError('X.NOT_FOUND', 'missing', 404);
    if (options?.ifMatch && options.ifMatch !== current.etag)
      throw new AppError('CONCURRENCY.CONFLICT', 'stale', 412);
    return this.put(item);
  }
  async upsert(scope: Scope, input: Omit<T, 'tenantId'>) {
    return this.put({ ...input, tenantId: resolveScope(scope) } as T);
  }
  async delete(scope: Scope, id: string) {
    return this.items.delete(this.key(resolveScope(scope), id));
  }
  private put(item: T) {
    const entry = { item: structuredClone(item), etag: `e${++etags}` };
    this.items.set(this.key(item.tenantId, item.id), entry);
    return entry;
  }
}

/** Cross-tenant reads over a tenant repository's items (every item; callers filter again). */
export class MemoryCrossTenantView<T extends { id: string; tenantId: string }> {
  constructor(private readonly repo: MemoryTenantRepo<T>) {}
  async query(_filter?: unknown, _page?: unknown) {
    return { items: [...this.repo.items.values()].map((e) => structuredClone(e.item)) };
  }
}

/** A repository with explicit partition keys, in memory. */
export class MemoryGlobalRepo<T extends { id: string }> {
  readonly items = new Map<string, Entry<T>>();
  failWith: unknown;
  async get(id: string) {
    return this.items.get(id)?.item;
  }
  async getVersioned(id: string) {
    return this.items.get(id);
  }
  async query(_filter?: unknown, _page?: unknown) {
    return { items: [...this.items.values()].map((e) => structuredClone(e.item)) };
  }
  async create(item: T) {
    if (this.failWith) throw this.failWith;
    if (this.items.has(item.id)) throw conflict('X.CONFLICT', 'exists');
    const entry = { item: structuredClone(item), etag: `e${++etags}` };
    this.items.set(item.id, entry);
    return entry;
  }
  async replace(item: T, options?: { ifMatch?: string }) {
    const current = this.items.get(item.id);
    if (!current) throw new AppError('X.NOT_FOUND', 'missing', 404);
    if (options?.ifMatch && options.ifMatch !== current.etag)
      throw new AppError('CONCURRENCY.CONFLICT', 'stale', 412);
    const entry = { item: structuredClone(item), etag: `e${++etags}` };
    this.items.set(item.id, entry);
    return entry;
  }
}

/** Keeps sent mail; one message per idempotency key, as ACS does. */
export class MemoryMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  async send(message: MailMessage): Promise<string> {
    const index = message.idempotencyKey
      ? this.sent.findIndex((m) => m.idempotencyKey === message.idempotencyKey)
      : -1;
    if (index >= 0) return `mail-${index}`;
    this.sent.push(message);
    return `mail-${this.sent.length - 1}`;
  }
}

/** The stores the intake, sweep and mailer use, in memory (cast: only what they touch exists). */
export function memoryDependencies() {
  const deployments = new MemoryTenantRepo<Deployment>();
  const alerts = new MemoryTenantRepo<Alert>();
  const stores = {
    deployments,
    allDeployments: new MemoryCrossTenantView(deployments),
    heartbeats: new MemoryGlobalRepo<StoredHeartbeat>(),
    alerts,
    allAlerts: new MemoryCrossTenantView(alerts),
    silences: new MemoryTenantRepo<Silence>(),
    windows: new MemoryTenantRepo<MaintenanceWindow>(),
    settings: new MemoryTenantRepo<MonitoringSettings>(),
    commands: new MemoryTenantRepo<RemoteCommand>(),
    audit: new MemoryTenantRepo<AuditEntry>(),
    notifications: new MemoryTenantRepo<NotificationRecord>(),
    mailRate: new MemoryGlobalRepo<MailRate>(),
    licenses: new MemoryTenantRepo<TrackedLicense>(),
    tenants: new MemoryTenantRepo<Tenant>(),
    credentials: new MemoryGlobalRepo<DeploymentCredential>(),
    effects: new MemoryEffectStore(),
    publisher: new MemoryEventPublisher(),
    mailer: new MemoryMailer(),
  };
  return { stores, deps: stores as unknown as AppDeps };
}
