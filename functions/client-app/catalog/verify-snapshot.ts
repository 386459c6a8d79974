/** The snapshot verifier lives in shared/license (mapping, ingestion and calculation verify the same snapshot). */
export {
  type SnapshotCheck,
  SnapshotVerifier,
  type VerifiedSnapshot,
} from '@kpi/shared/license/catalog-snapshot';
