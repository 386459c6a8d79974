/** `VendorPlatform` over HTTP(S) with `fetch`, against the vendor's public API base. */

import { deploymentAuthorization } from '@kpi/shared/contracts/deployment-credential';
import {
  activationResponseSchema,
  credentialRotationResponseSchema,
  validationResponseSchema,
} from '@kpi/shared/contracts/license';
import type { ZodType } from 'zod';
import type {
  Activation,
  RotatedCredential,
  SnapshotAnswer,
  VendorPlatform,
  VendorResult,
} from './vendor-platform';

const TIMEOUT_MS = 10_000;

export class HttpVendorPlatform implements VendorPlatform {
  constructor(
    /** e.g. `https://<vendor>/api` */
    private readonly api: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  activate(key: string, deploymentId: string): Promise<VendorResult<Activation>> {
    return this.call('license/activations', 'POST', { key, deploymentId }, {}, activationResponseSchema);
  }

  validate(key: string, deploymentId: string, credential: string) {
    return this.call(
      'license/validations',
      'POST',
      { key, deploymentId },
      { authorization: deploymentAuthorization(credential) },
      validationResponseSchema,
    );
  }

  rotateCredential(deploymentId: string, credential: string): Promise<VendorResult<RotatedCredential>> {
    return this.call(
      `license/deployments/${encodeURIComponent(deploymentId)}/credential`,
      'POST',
      {},
      { authorization: deploymentAuthorization(credential) },
      credentialRotationResponseSchema,
    );
  }

  async snapshot(credential: string, etag: string | undefined): Promise<VendorResult<SnapshotAnswer>> {
    const headers: Record<string, string> = { authorization: deploymentAuthorization(credential) };
    if (etag) headers['if-none-match'] = etag;
    const res = await this.send('metadata/snapshot', 'GET', undefined, headers);
    if (!res.ok) return res;
    if (res.value.status === 304) {
      await res.value.body?.cancel().catch(() => {});
      return { ok: true, value: { changed: false } };
    }
    const refused = await refusal(res.value);
    if (refused) return refused;
    const body = (await res.value.json()) as { jws?: unknown };
    if (typeof body.jws !== 'string') {
      return { ok: false, kind: 'unreachable', message: 'The snapshot answer has no jws' };
    }
    return {
      ok: true,
      value: {
        changed: true,
        jws: body.jws,
        ...(res.value.headers.get('etag') ? { etag: res.value.headers.get('etag') as string } : {}),
      },
    };
  }

  private async call<T>(
    path: string,
    method: 'POST',
    body: unknown,
    headers: Record<string, string>,
    schema: ZodType<T>,
  ): Promise<VendorResult<T>> {
    const res = await this.send(path, method, body, headers);
    if (!res.ok) return res;
    const refused = await refusal(res.value);
    if (refused) return refused;
    const parsed = schema.safeParse(await res.value.json().catch(() => undefined));
    if (!parsed.success) return { ok: false, kind: 'unreachable', message: `Unexpected answer from ${path}` };
    return { ok: true, value: parsed.data };
  }

  private async send(
    path: string,
    method: 'GET' | 'POST',
    body: unknown,
    headers: Record<string, string>,
  ): Promise<VendorResult<Response>> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.api}/${path}`, {
        method,
        headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      return { ok: false, kind: 'unreachable', message: `${path}: ${(err as Error).message}` };
    }
    if (res.status >= 500 || res.status === 429) {
      await res.body?.cancel().catch(() => {});
      return { ok: false, kind: 'unreachable', message: `${path} answered ${res.status}` };
    }
    return { ok: true, value: res };
  }
}

/** A 4xx answer as a refusal with the platform's code; undefined for a success. */
async function refusal(res: Response): Promise<VendorResult<never> | undefined> {
  if (res.ok || res.status === 304) return undefined;
  const body = (await res.json().catch(() => ({}))) as { error?: { code?: unknown; message?: unknown } };
  return {
    ok: false,
    kind: 'refused',
    status: res.status,
    code: typeof body.error?.code === 'string' ? body.error.code : `HTTP.${res.status}`,
    message: typeof body.error?.message === 'string' ? body.error.message : `HTTP ${res.status}`,
  };
}
