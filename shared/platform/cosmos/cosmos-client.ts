import { CosmosClient } from '@azure/cosmos';
import type { Connection } from '../config';
import { azureCredential, connectionKey, parseConnectionString } from '../identity';

const clients = new Map<string, CosmosClient>();

/**
 * One `CosmosClient` per connection per process. A connection string (`AccountEndpoint=…;AccountKey=…;`)
 * uses the key; an http:// endpoint (the local stand-in) needs endpoint discovery off, or the SDK switches
 * to https. An identity connection uses `DefaultAzureCredential`.
 */
export function cosmosClient(connection: Connection): CosmosClient {
  const key = connectionKey(connection);
  let client = clients.get(key);
  if (!client) {
    client = createClient(connection);
    clients.set(key, client);
  }
  return client;
}

function createClient(connection: Connection): CosmosClient {
  if (connection.kind === 'identity') {
    return new CosmosClient({ endpoint: connection.endpoint, aadCredentials: azureCredential() });
  }
  const parts = parseConnectionString(connection.value);
  const endpoint = parts.get('accountendpoint');
  const key = parts.get('accountkey');
  if (!endpoint || !key) throw new Error('COSMOS connection string needs AccountEndpoint and AccountKey');
  const local = endpoint.startsWith('http://');
  return new CosmosClient({
    endpoint,
    key,
    ...(local ? { connectionPolicy: { enableEndpointDiscovery: false } } : {}),
  });
}
