/**
 * Gives every simulated deployment a deployment credential the way a real installation gets one: the
 * platform admin issues licences (up to 100 deployment slots each) through the licence service, and each
 * deployment activates with its licence key. Credentials and licences are cached in a JSON file (under
 * `.data/simulate/` for `npm run simulate`), so re-runs against the same stack reuse their activations.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { loadCatalog } from '@kpi/shared/domain/catalog/load-catalog';

const SLOTS_PER_LICENSE = 100;

export interface SimDeployment {
  id: string;
  tenantId: string;
}

/** What the cache keeps per deployment. */
interface CachedDeployment extends SimDeployment {
  /** `Deployment <credentialId>.<secret>` */
  authorization: string;
  licenseId: string;
}

export interface ProvisionedDeployment extends CachedDeployment {
  /** The licence key the deployment was activated with (as installed in a client's app settings). */
  licenseKey: string;
}

interface CachedLicense {
  id: string;
  tenantId: string;
  key: string;
  slots: number;
  used: number;
}

interface CacheFile {
  version: 1;
  api: string;
  licences: CachedLicense[];
  deployments: Record<string, CachedDeployment>;
}

export interface ProvisionOptions {
  /** Functions API base, e.g. `http://127.0.0.1:7071/api`. */
  api: string;
  /** A platform-admin bearer token (licences are issued by platform admins). */
  adminToken: () => Promise<string>;
  deployments: readonly SimDeployment[];
  /** JSON cache of licences and credentials; none: provision afresh every time. */
  cacheFile?: string;
  /** Licences activated in parallel (activations of one licence run one after another). */
  parallel?: number;
  log?: (line: string) => void;
}

/** Deployment ids `<prefix>-<tenant>-<n>`, tenants taken round-robin. */
export function fleetDeployments(prefix: string, tenants: readonly string[], count: number): SimDeployment[] {
  return Array.from({ length: count }, (_, i) => {
    const tenantId = tenants[i % tenants.length] as string;
    return { id: `${prefix}-${tenantId}-${String(i + 1).padStart(4, '0')}`, tenantId };
  });
}

async function readCache(file: string | undefined, api: string): Promise<CacheFile> {
  const empty: CacheFile = { version: 1, api, licences: [], deployments: {} };
  if (!file) return empty;
  try {
    const cache = JSON.parse(await readFile(file, 'utf8')) as CacheFile;
    // Credentials of another stack (other port) mean nothing here.
    return cache.version === 1 && cache.api === api ? cache : empty;
  } catch {
    return empty;
  }
}

async function writeCache(file: string, cache: CacheFile): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(cache), { mode: 0o600 });
  await rename(tmp, file);
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed as Record<string, unknown> & { error?: { code?: string } } };
}

/** Returns a credential for every deployment, issuing licences and activating only what the cache lacks. */
export async function provisionFleet(o: ProvisionOptions): Promise<ProvisionedDeployment[]> {
  const cache = await readCache(o.cacheFile, o.api);
  const missing = o.deployments.filter((d) => !cache.deployments[d.id]);
  if (missing.length > 0) {
    const kpiIds = loadCatalog()
      .kpis.slice(0, 6)
      .map((k) => k.id);
    // Plan: each missing deployment takes a free slot of a licence of its tenant, new licences as needed.
    const byLicense = new Map<CachedLicense, SimDeployment[]>();
    for (const d of missing) {
      let licence = cache.licences.find((l) => l.tenantId === d.tenantId && l.used < l.slots);
      if (!licence) {
        const res = await postJson(
          `${o.api}/license/licenses`,
          {
            tenantId: d.tenantId,
            configurationId: 'simulated-fleet',
            kpiIds,
            edition: 'professional',
            maxDeployments: SLOTS_PER_LICENSE,
            expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString().replace(/\.\d+Z$/, '.000Z'),
            contacts: [`ops@${d.tenantId}.example`],
          },
          { authorization: `Bearer ${await o.adminToken()}` },
        );
        if (res.status !== 201) {
          throw new Error(
            `SIMULATE.LICENSE_FAILED: issuing a licence for ${d.tenantId}: ${res.status} ${JSON.stringify(res.body)}`,
          );
        }
        const issued = res.body as { license: { id: string }; key: string };
        licence = {
          id: issued.license.id,
          tenantId: d.tenantId,
          key: issued.key,
          slots: SLOTS_PER_LICENSE,
          used: 0,
        };
        cache.licences.push(licence);
      }
      licence.used++;
      byLicense.set(licence, [...(byLicense.get(licence) ?? []), d]);
    }
    o.log?.(`simulate: activating ${missing.length} deployments on ${byLicense.size} licences`);
    const queue = [...byLicense.entries()];
    let failure: Error | undefined;
    const worker = async () => {
      for (let next = queue.shift(); next && !failure; next = queue.shift()) {
        const [licence, deployments] = next;
        for (const d of deployments) {
          const res = await postJson(`${o.api}/license/activations`, {
            key: licence.key,
            deploymentId: d.id,
          });
          if (res.status !== 201) {
            const hint =
              res.body?.error?.code === 'LICENSE.ALREADY_ACTIVATED'
                ? ' (activated by an earlier run whose credential cache is gone: use another --prefix)'
                : '';
            failure = new Error(
              `SIMULATE.ACTIVATION_FAILED: ${d.id}: ${res.status} ${JSON.stringify(res.body)}${hint}`,
            );
            return;
          }
          const body = res.body as { credential: string; licenseId: string };
          cache.deployments[d.id] = {
            ...d,
            authorization: `Deployment ${body.credential}`,
            licenseId: body.licenseId,
          };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, o.parallel ?? 4) }, worker));
    // Keep what did succeed, even when something failed, so a re-run does not activate twice.
    if (o.cacheFile) await writeCache(o.cacheFile, cache);
    if (failure) throw failure;
  }
  const keys = new Map(cache.licences.map((l) => [l.id, l.key]));
  return o.deployments.map((d) => {
    const cached = cache.deployments[d.id] as CachedDeployment;
    const licenseKey = keys.get(cached.licenseId);
    if (!licenseKey) {
      throw new Error(
        `SIMULATE.CACHE_CORRUPT: ${o.cacheFile} has ${d.id} but not its licence ${cached.licenseId}: delete the file and use another --prefix`,
      );
    }
    return { ...cached, licenseKey };
  });
}
