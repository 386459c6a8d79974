/** The source types the Config app lets consultants declare, and which of them this deployment can reach. */
import { typeUnavailable } from '@kpi/shared/connectors/connectors';
import { connectorTypeFor } from '@kpi/shared/contracts/connector';
import { SOURCE_TYPES } from '@kpi/shared/contracts/demo-config';

const NAMES: Record<(typeof SOURCE_TYPES)[number], string> = {
  sqlserver: 'SQL Server',
  postgresql: 'PostgreSQL',
  dynamics365: 'Dynamics 365',
  sap: 'SAP',
  salesforce: 'Salesforce',
  csv: 'CSV files',
  excel: 'Excel (XLSX) files',
  rest: 'REST JSON API',
};

export function sourceTypes() {
  return {
    items: SOURCE_TYPES.map((type) => {
      const connector = connectorTypeFor(type);
      return connector
        ? { type, name: NAMES[type], available: true, connector }
        : { type, name: NAMES[type], available: false, message: typeUnavailable(type).message };
    }),
  };
}
