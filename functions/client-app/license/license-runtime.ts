/**
 * The licence of this process: loaded once per cold start, synced with the vendor (in the background when
 * the deployment can already serve from its cache), reloaded from the shared storage when it is older than
 * `RELOAD_AFTER_MS` (Function instances share no memory: a key pasted on one instance, or a revocation found
 * by the timer on another, reaches every instance within that time), and guarded per request.
 */
import { LICENSE_HEADERS, type LicenseBanner } from '@kpi/shared/contracts/client-app';
import { AppError, ErrorCodes, forbidden } from '@kpi/shared/platform/errors';
import type { ClientDeps } from './client-deps';
import { bannerAt, type LoadedLicense, loadLicense } from './loaded-license';
import { type SyncOptions, type SyncReport, syncWithVendor } from './sync-with-vendor';

export const RELOAD_AFTER_MS = 30_000;

export class LicenseRuntime {
  private loaded: LoadedLicense | undefined;
  private loading: Promise<LoadedLicense> | undefined;
  private loadedAt = 0;
  private generation = 0;
  private appliedGeneration = 0;
  /** One sync at a time per process. */
  private chain: Promise<unknown> = Promise.resolve();
  private started: Promise<LoadedLicense> | undefined;

  constructor(private readonly deps: ClientDeps) {}

  /**
   * Cold start, once per process: load from the cache; when the deployment was never activated or has no
   * snapshot yet, wait for the vendor, otherwise serve at once and sync in the background.
   */
  start(): Promise<LoadedLicense> {
    this.started ??= (async () => {
      const first = await this.reload();
      const needsVendor = !first.state.activation || !first.snapshot;
      const sync = this.sync({ trigger: 'cold-start' });
      if (needsVendor) return sync.then(() => this.current());
      sync.catch((err: unknown) => this.deps.log.warn('background sync failed', { error: String(err) }));
      return first;
    })().catch((err: unknown) => {
      this.started = undefined;
      throw err;
    });
    return this.started;
  }

  /** The licence now: started, and reloaded in the background when stale. */
  async current(): Promise<LoadedLicense> {
    if (!this.loaded) await (this.started ?? this.start());
    if (Date.now() - this.loadedAt > RELOAD_AFTER_MS && !this.loading) {
      this.reload().catch((err: unknown) =>
        this.deps.log.warn('licence reload failed', { error: String(err) }),
      );
    }
    return this.loaded as LoadedLicense;
  }

  /**
   * Reads key, state and snapshot again. Concurrent callers share one read, except `fresh` ones (after a
   * write), which never reuse a read that began before it; an older read finishing last never wins.
   */
  reload(fresh = false): Promise<LoadedLicense> {
    if (this.loading && !fresh) return this.loading;
    const generation = ++this.generation;
    const loading = loadLicense(this.deps)
      .then((l) => {
        if (generation >= this.appliedGeneration) {
          this.appliedGeneration = generation;
          this.loaded = l;
          this.loadedAt = Date.now();
        }
        return this.loaded ?? l;
      })
      .finally(() => {
        if (this.loading === loading) this.loading = undefined;
      });
    this.loading = loading;
    return loading;
  }

  /** Syncs with the vendor (serialised), then reloads. */
  sync(options: SyncOptions): Promise<SyncReport> {
    const run = this.chain.then(async () => {
      const loaded = await this.reload(true);
      const report = await syncWithVendor(this.deps, loaded, options);
      await this.reload(true);
      return report;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** The banner now. */
  async banner(): Promise<LicenseBanner> {
    return bannerAt(await this.current(), this.deps.clock(), this.deps.tenantId);
  }

  /**
   * Data routes: the banner when the licence lets the deployment serve, else 403 with the `LICENSE.*` code
   * (data is kept; only serving stops).
   */
  async guard(): Promise<{ loaded: LoadedLicense; banner: LicenseBanner }> {
    const loaded = await this.current();
    const banner = bannerAt(loaded, this.deps.clock(), this.deps.tenantId);
    if (banner.state === 'refused') {
      const code = banner.reasonCode ?? 'LICENSE.REFUSED';
      throw new AppError(
        code,
        banner.message ?? 'The licence does not allow this deployment to serve',
        403,
        banner,
        licenseHeaders(banner),
      );
    }
    return { loaded, banner };
  }
}

/** The `x-license-*` headers of an answer. */
export function licenseHeaders(banner: LicenseBanner): Record<string, string> {
  return {
    [LICENSE_HEADERS.state]: banner.state,
    [LICENSE_HEADERS.daysLeft]: String(banner.daysLeft),
    ...(banner.reasonCode ? { [LICENSE_HEADERS.reason]: banner.reasonCode } : {}),
  };
}

/** Only the deployment's own tenant's users are served (vendor staff included: they are another tenant). */
export function checkOwnTenant(caller: { tenantId?: string } | undefined, tenantId: string): void {
  if (!caller || caller.tenantId !== tenantId) {
    throw forbidden(ErrorCodes.tenantForbidden, 'This deployment serves only its own tenant');
  }
}
