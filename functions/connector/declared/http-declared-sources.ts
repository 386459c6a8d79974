/**
 * The Config app's declarations over the vendor's public HTTP API, with the deployment credential that
 * client-app keeps in Key Vault after activating the licence (the deployment reaches the vendor only so).
 */
import type { SecretStore } from '@kpi/shared/connectors/ports';
import { deploymentAuthorization } from '@kpi/shared/contracts/deployment-credential';
import { type DeploymentSources, deploymentSourcesSchema } from '@kpi/shared/contracts/demo-config';
import { AppError, unavailable } from '@kpi/shared/platform/errors';
import type { DeclaredSources } from './import-declared';

const TIMEOUT_MS = 10_000;
/** Written by client-app when it activates the licence (functions/client-app/license/client-deps.ts). */
export const CREDENTIAL_SECRET = 'deployment-credential';

export class HttpDeclaredSources implements DeclaredSources {
  constructor(
    /** e.g. `https://<vendor>/api` */
    private readonly api: string,
    private readonly secrets: Pick<SecretStore, 'get'>,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async declared(): Promise<DeploymentSources> {
    const credential = await this.secrets.get(CREDENTIAL_SECRET);
    if (!credential) {
      throw unavailable(
        'CONNECTOR.NOT_ACTIVATED',
        'This deployment has no deployment credential yet (the licence is activated at start-up): try again shortly',
      );
    }
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.api}/demo-config/deployment/sources`, {
        headers: { authorization: deploymentAuthorization(credential) },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw new AppError(
        'CONNECTOR.VENDOR_UNREACHABLE',
        `The vendor platform did not answer: ${(err as Error).message}`,
        502,
      );
    }
    const body = (await res.json().catch(() => undefined)) as { error?: { code?: unknown } } | undefined;
    if (!res.ok) {
      const code = typeof body?.error?.code === 'string' ? body.error.code : `HTTP.${res.status}`;
      throw new AppError(
        'CONNECTOR.VENDOR_REFUSED',
        `The Config app refused the declarations: ${code}`,
        502,
        {
          status: res.status,
          code,
        },
      );
    }
    const parsed = deploymentSourcesSchema.safeParse(body);
    if (!parsed.success) {
      throw new AppError(
        'CONNECTOR.VENDOR_UNREACHABLE',
        'The Config app answered declarations we cannot read',
        502,
      );
    }
    return parsed.data;
  }
}
