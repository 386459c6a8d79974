/** What the client app's use cases need: ports only (adapters in ../dependencies.ts, fakes in tests). */
import type { LastSeenStore } from '@kpi/shared/domain/license/verdict';
import type { OfflineLicenseVerifier } from '@kpi/shared/license/offline-verifier';
import type { SecretStore } from '@kpi/shared/platform/keyvault/secret-store';
import type { Logger } from '@kpi/shared/platform/log';
import type { SnapshotVerifier } from '../catalog/verify-snapshot';
import type { HistoryStore, StateStore } from '../state/client-state';
import type { VendorPlatform } from '../vendor/vendor-platform';

/** Key Vault secret names (client.bicep creates `license-key` from its secure parameter). */
export const SECRETS = { licenseKey: 'license-key', credential: 'deployment-credential' } as const;

export interface ClientDeps {
  tenantId: string;
  deploymentId: string;
  secrets: SecretStore;
  state: StateStore;
  history: HistoryStore;
  lastSeen: LastSeenStore;
  verifier: OfflineLicenseVerifier;
  snapshots: SnapshotVerifier;
  vendor: VendorPlatform;
  clock: () => Date;
  newId: () => string;
  log: Logger;
}
