import type { SourceType } from '@kpi/shared/contracts/demo-config';

/** How a source type is shown: a label, a short badge and its colour. */
export interface SourceTypeInfo {
  label: string;
  /** Two or three letters drawn in the type's icon. */
  badge: string;
  colour: string;
  /** One line shown under the type in the editor. */
  hint: string;
}

/**
 * Every source type the service accepts (`SOURCE_TYPES` in the contract). A Record keyed by the type, so a
 * type added to the contract fails the type check here until it has a label. Not imported from the contract
 * module at run time: that module pulls zod into the page chunk.
 */
export const SOURCE_TYPE_INFO: Record<SourceType, SourceTypeInfo> = {
  sqlserver: { label: 'SQL Server / Azure SQL', badge: 'SQL', colour: '#a4262c', hint: 'Tables or views' },
  postgresql: { label: 'PostgreSQL', badge: 'PG', colour: '#336791', hint: 'Tables or views' },
  dynamics365: { label: 'Dynamics 365', badge: 'D365', colour: '#0b53ce', hint: 'Dataverse entities' },
  sap: { label: 'SAP', badge: 'SAP', colour: '#0a6ed1', hint: 'ERP tables or CDS views' },
  salesforce: { label: 'Salesforce', badge: 'SF', colour: '#00a1e0', hint: 'Salesforce objects' },
  csv: { label: 'CSV files', badge: 'CSV', colour: '#1d7a46', hint: 'Delimited text exports' },
  excel: { label: 'Excel files', badge: 'XLS', colour: '#217346', hint: 'XLSX workbooks' },
  rest: { label: 'REST API', badge: 'API', colour: '#6b3fa0', hint: 'JSON endpoints' },
};

/** The types in the order the editor offers them. */
export const SOURCE_TYPE_ORDER = Object.keys(SOURCE_TYPE_INFO) as SourceType[];
