/**
 * The online licence check a client app makes besides its heartbeats: at start-up, then again by the
 * `checkAgainAt` the licence service answers (a day at most). The simulator makes it so the Monitor's
 * licence page shows each simulated deployment's last validation, as it would for a real fleet.
 */
import { validationResponseSchema } from '@kpi/shared/contracts/license';

/** A deployment that validates: its id, credential header and the licence key it was installed with. */
export interface ValidatingDeployment {
  id: string;
  /** `Deployment <credentialId>.<secret>` */
  authorization: string;
  licenseKey: string;
}

export type LicenseCheck =
  /** Valid: when to check again (epoch ms). */
  | { kind: 'valid'; checkAgainAt: number }
  /** The service refused the key or credential (4xx): its error code. */
  | { kind: 'refused'; status: number; code: string }
  /** No usable answer (network, 5xx, malformed): try again later. */
  | { kind: 'failed'; reason: string };

/** Shortest wait before checking again, whatever the service says: a clock skew never makes a tight loop. */
export const MIN_RECHECK_MS = 60_000;
const DAY_MS = 86_400_000;

/** `POST {api}/license/validations` for one deployment. */
export async function checkLicense(
  api: string,
  d: ValidatingDeployment,
  now: () => number = Date.now,
  fetchImpl: typeof fetch = fetch,
): Promise<LicenseCheck> {
  let res: Response;
  try {
    res = await fetchImpl(`${api}/license/validations`, {
      method: 'POST',
      headers: { authorization: d.authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ key: d.licenseKey, deploymentId: d.id }),
    });
  } catch (err) {
    return { kind: 'failed', reason: (err as Error).message };
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (res.status >= 400 && res.status < 500) {
    const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
    return { kind: 'refused', status: res.status, code: typeof code === 'string' ? code : 'UNKNOWN' };
  }
  const parsed = validationResponseSchema.safeParse(body);
  if (!res.ok || !parsed.success) return { kind: 'failed', reason: `HTTP ${res.status}` };
  const at = Date.parse(parsed.data.checkAgainAt);
  const next = Number.isFinite(at) ? at : now() + DAY_MS;
  return { kind: 'valid', checkAgainAt: Math.max(now() + MIN_RECHECK_MS, next) };
}
