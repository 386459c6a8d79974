/** Default ports of `npm start`; every one can be changed by the setting named beside it. */
export const defaultPorts = {
  blob: { port: 10000, setting: 'LOCAL_BLOB_PORT' },
  queue: { port: 10001, setting: 'LOCAL_QUEUE_PORT' },
  table: { port: 10002, setting: 'LOCAL_TABLE_PORT' },
  cosmos: { port: 8081, setting: 'LOCAL_COSMOS_PORT' },
  serviceBus: { port: 5672, setting: 'LOCAL_SERVICEBUS_PORT' },
  email: { port: 7073, setting: 'LOCAL_EMAIL_PORT' },
  identity: { port: 7072, setting: 'LOCAL_IDENTITY_PORT' },
  functions: { port: 7071, setting: 'LOCAL_FUNCTIONS_PORT' },
  webConfig: { port: 4281, setting: 'LOCAL_WEB_CONFIG_PORT' },
  webMonitor: { port: 4282, setting: 'LOCAL_WEB_MONITOR_PORT' },
  webClient: { port: 4283, setting: 'LOCAL_WEB_CLIENT_PORT' },
  // The contoso client deployment, as if in another subscription: its own host, storage account, Cosmos DB
  // account, Service Bus namespace and vault.
  clientFunctions: { port: 7081, setting: 'LOCAL_CLIENT_FUNCTIONS_PORT' },
  clientBlob: { port: 10010, setting: 'LOCAL_CLIENT_BLOB_PORT' },
  clientQueue: { port: 10011, setting: 'LOCAL_CLIENT_QUEUE_PORT' },
  clientTable: { port: 10012, setting: 'LOCAL_CLIENT_TABLE_PORT' },
  clientKeyVault: { port: 7084, setting: 'LOCAL_CLIENT_KEYVAULT_PORT' },
  clientCosmos: { port: 8091, setting: 'LOCAL_CLIENT_COSMOS_PORT' },
  clientServiceBus: { port: 5682, setting: 'LOCAL_CLIENT_SERVICEBUS_PORT' },
  // The client's own systems its connector reads: a PostgreSQL ERP (PGlite) and a REST CRM.
  clientErp: { port: 5442, setting: 'LOCAL_CLIENT_ERP_PORT' },
  clientCrm: { port: 7085, setting: 'LOCAL_CLIENT_CRM_PORT' },
} as const;

export type PortName = keyof typeof defaultPorts;
