/**
 * What the deployment keeps in its own storage so that it starts and serves while the vendor platform is
 * unreachable: the activation (never the credential itself: that is a Key Vault secret), the last good
 * online verdict or the online refusal, and the last good signed snapshot.
 */
import type { ValidationEntry } from '@kpi/shared/contracts/client-app';
import type { StoredSnapshot } from '@kpi/shared/license/catalog-snapshot';

export interface ActivationRecord {
  licenseId: string;
  credentialId: string;
  activatedAt: string;
}

/** The last answer of the licence service's online validation for one key. */
export interface OnlineVerdict {
  at: string;
  /** The key it was given for (`jti`): a renewed key is validated again at once. */
  keyId: string;
  licenseId: string;
  mode: 'full' | 'grace';
  daysLeft: number;
  kpiIds: string[];
  checkAgainAt: string;
}

/** An online refusal (revoked, superseded, suspended, deactivated, …) of one key. */
export interface OnlineRefusal {
  at: string;
  keyId: string;
  code: string;
  message: string;
}

export interface LicenseState {
  activation?: ActivationRecord;
  online?: OnlineVerdict;
  refusal?: OnlineRefusal;
  /**
   * The last key refused offline for what it is (tampered, wrong tenant, missing…), by its digest and code:
   * recorded in the history once, not on every timer run.
   */
  offlineRefusal?: { keyDigest: string; code: string };
  /** The latest call to the vendor platform succeeded (or was refused: it answered). */
  vendorReachable: boolean;
  lastContactAt?: string;
}

export type { StoredSnapshot };

/** Port: the deployment's state documents. */
export interface StateStore {
  readLicense(): Promise<LicenseState | undefined>;
  writeLicense(state: LicenseState): Promise<void>;
  readSnapshot(): Promise<StoredSnapshot | undefined>;
  writeSnapshot(snapshot: StoredSnapshot): Promise<void>;
}

/** Port: the validation history, newest first. */
export interface HistoryStore {
  append(entry: ValidationEntry): Promise<void>;
  page(
    limit: number,
    continuationToken?: string,
  ): Promise<{ items: ValidationEntry[]; continuationToken?: string }>;
}
