/**
 * The Client UI of one client deployment, served as Azure serves it in the client's subscription: built
 * once, uploaded into the deployment's own storage account's `$web` with a `config.json` whose `apiBase`
 * is that deployment's host (never the vendor's), and served on its own origin by the gateway. The
 * deployment must allow that origin (its CORS_ORIGINS), so callers pick the port first.
 */
import { uploadSite } from '@kpi/shared/platform/static-site/upload-site';
import type { AzuriteAccount } from '../azurite/azurite';
import { startGateway } from '../gateway/gateway';
import { buildUi } from './build-ui';

/** OAuth client id of the Client UI at the issuer. */
export const clientUiClientId = 'kpi-client';

export interface ClientUiConfigOptions {
  /** The client deployment's API base, e.g. `http://127.0.0.1:7081/api`. */
  api: string;
  /** The client's identity provider (locally the shared issuer). */
  issuer: string;
  audience: string;
}

/** The Client UI's `config.json`: its own deployment's API, the client's issuer. */
export function clientUiRuntimeConfig(o: ClientUiConfigOptions) {
  return {
    apiBase: o.api,
    issuer: o.issuer,
    clientId: clientUiClientId,
    audience: o.audience,
    app: 'client',
  };
}

export interface ClientSiteOptions extends ClientUiConfigOptions {
  /** The deployment's own storage account. */
  account: AzuriteAccount;
  /** Port on 127.0.0.1 (0: a free one; pass the one given to the deployment's CORS_ORIGINS). */
  port: number;
  /** The built Client UI; by default built now (`buildUi`, skipped when up to date). */
  distDir?: string;
}

export interface RunningClientSite {
  /** e.g. `http://127.0.0.1:4283` */
  url: string;
  stop(): Promise<void>;
}

export async function serveClientSite(o: ClientSiteOptions): Promise<RunningClientSite> {
  const distDir = o.distDir ?? (await buildUi('client', { logLevel: 'warn' })).distDir;
  await uploadSite({
    connectionString: o.account.connectionString,
    distDir,
    runtimeConfig: clientUiRuntimeConfig(o),
  });
  const gateway = await startGateway({
    sites: [{ name: 'client', port: o.port, blobBaseUrl: `${o.account.blobEndpoint}/$web` }],
  });
  const url = gateway.urls.client;
  if (!url) throw new Error('the gateway serves no client site');
  return { url, stop: () => gateway.stop() };
}
