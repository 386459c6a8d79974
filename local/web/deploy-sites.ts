/**
 * azd `postdeploy` hook: builds each UI, switches static website hosting on in its storage account and
 * uploads it with its runtime config — the same `uploadSite` that `npm start` uses against Azurite.
 * Reads the outputs of bicep/main.bicep from the azd environment (UI_SITES, FUNCTION_APPS, AUTH_*) and
 * AUTH_CLIENT_ID, the Entra ID app registration of the UIs (a single-page application).
 */
import { BlobServiceClient } from '@azure/storage-blob';
import { defineSettings, text, url } from '@kpi/shared/platform/config';
import { azureCredential } from '@kpi/shared/platform/identity';
import { uploadSite } from '@kpi/shared/platform/static-site/upload-site';
import { buildUi, type UiName, uiNames } from './build-ui';
import {
  enableStaticWebsite,
  functionAppsSchema,
  parseOutput,
  runtimeConfigFor,
  uiSitesSchema,
} from './site-deployment';

const settings = defineSettings({
  uiSites: text('UI_SITES'),
  functionApps: text('FUNCTION_APPS'),
  issuer: url('AUTH_ISSUER'),
  audience: text('AUTH_AUDIENCE'),
  clientId: text('AUTH_CLIENT_ID'),
});

async function main(): Promise<void> {
  const s = settings.load();
  const sites = parseOutput('UI_SITES', s.uiSites, uiSitesSchema);
  const apps = parseOutput('FUNCTION_APPS', s.functionApps, functionAppsSchema);
  for (const site of sites) {
    if (!uiNames.includes(site.name as UiName)) throw new Error(`UI_SITES names an unknown UI: ${site.name}`);
    const built = await buildUi(site.name as UiName, { logLevel: 'warn' });
    const service = new BlobServiceClient(
      `https://${site.storageAccount}.blob.core.windows.net`,
      azureCredential(),
    );
    await enableStaticWebsite(service);
    const result = await uploadSite({
      blobServiceClient: service,
      distDir: built.distDir,
      runtimeConfig: runtimeConfigFor(site, apps, s),
    });
    console.log(
      `${site.name}: ${result.uploaded.length} files uploaded, ${result.removed.length} removed → ${site.url}`,
    );
  }
}

main().catch((err: Error) => {
  console.error(`deploying the UIs failed: ${err.message}`);
  process.exit(1);
});
