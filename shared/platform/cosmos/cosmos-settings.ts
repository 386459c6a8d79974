/** The settings every app that uses Cosmos DB reads, spread into its `settingsSpec` (see shared/platform/config). */
import { connection, text } from '../config';

export const cosmosSettings = {
  /** `COSMOS` (connection string) locally, `COSMOS__accountEndpoint` (identity) in Azure. */
  cosmos: connection('COSMOS', 'accountEndpoint'),
  cosmosDatabase: text('COSMOS_DATABASE', { default: 'kpi' }),
};
