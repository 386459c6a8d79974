/**
 * What deploying the UIs to Azure needs besides the upload itself: the azd outputs of main.bicep parsed,
 * each UI's runtime config (API base per Function app, since each has its own host in Azure), and static
 * website hosting switched on (Bicep cannot: it is a data-plane setting of the storage account).
 */
import type { BlobServiceClient } from '@azure/storage-blob';
import { z } from 'zod';

export const uiSitesSchema = z.array(
  z.object({ name: z.string().min(1), storageAccount: z.string().min(3), url: z.string().url() }),
);
export const functionAppsSchema = z.array(
  z.object({ name: z.string().min(1), siteName: z.string().optional(), url: z.string().url() }),
);
export type UiSite = z.infer<typeof uiSitesSchema>[number];
export type DeployedApp = z.infer<typeof functionAppsSchema>[number];

/** Parses an azd output holding a JSON array; the error names the output. */
export function parseOutput<T>(name: string, raw: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error(`${name} is not JSON (expected the array output of bicep/main.bicep)`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new Error(`${name} is malformed: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}

export interface AuthSettings {
  issuer: string;
  audience: string;
  clientId: string;
}

/** The `config.json` of one UI: every Function app's own API base, the first one as the default. */
export function runtimeConfigFor(site: UiSite, apps: readonly DeployedApp[], auth: AuthSettings) {
  const first = apps[0];
  if (!first) throw new Error('FUNCTION_APPS is empty: deploy the Function apps before the UIs');
  const apiBases = Object.fromEntries(apps.map((a) => [a.name, `${a.url.replace(/\/+$/, '')}/api`]));
  return {
    apiBase: apiBases[first.name] as string,
    apiBases,
    issuer: auth.issuer,
    clientId: auth.clientId,
    audience: auth.audience,
    app: site.name,
  };
}

/** Static website hosting with client-side routes falling back to index.html (the 404 document). */
export async function enableStaticWebsite(service: BlobServiceClient): Promise<void> {
  await service.setProperties({
    staticWebsite: { enabled: true, indexDocument: 'index.html', errorDocument404Path: 'index.html' },
  });
}
