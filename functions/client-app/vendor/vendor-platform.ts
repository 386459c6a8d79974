/**
 * The vendor platform as the client deployment sees it: four public routes reached over HTTPS with the
 * licence key or the deployment credential, exactly as across the internet. A call either succeeds, is
 * refused with the platform's stable code (a `LICENSE.*` code for licence refusals), or finds the platform
 * unreachable (network error, timeout, 5xx, 429), in which case the deployment runs on what it cached.
 */
import type { ValidationResponse } from '@kpi/shared/contracts/license';

export type VendorResult<T> =
  | { ok: true; value: T }
  | { ok: false; kind: 'refused'; status: number; code: string; message: string }
  | { ok: false; kind: 'unreachable'; message: string };

export interface Activation {
  licenseId: string;
  credentialId: string;
  /** `<credentialId>.<secret>`: kept as the Key Vault secret `deployment-credential`, never in storage. */
  credential: string;
}

export interface SnapshotAnswer {
  /** False on 304 (the cached snapshot is current). */
  changed: boolean;
  jws?: string;
  etag?: string;
}

/** A reissued credential; the one presented is revoked. */
export interface RotatedCredential extends Activation {
  previousCredentialId: string;
}

/** Port: the vendor routes the client app calls. */
export interface VendorPlatform {
  activate(key: string, deploymentId: string): Promise<VendorResult<Activation>>;
  validate(key: string, deploymentId: string, credential: string): Promise<VendorResult<ValidationResponse>>;
  snapshot(credential: string, etag: string | undefined): Promise<VendorResult<SnapshotAnswer>>;
  /** `rotate-credential`: a new credential for this deployment, authenticated with the current one. */
  rotateCredential(deploymentId: string, credential: string): Promise<VendorResult<RotatedCredential>>;
}
