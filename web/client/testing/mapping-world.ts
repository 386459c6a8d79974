/**
 * What the mapping page's browser test runs against: the vendor platform, one licensed contoso deployment
 * serving its Client UI, and a discovered source written into the deployment's `sources` container as the
 * connector stores it (a TMS export of shipments, one row with a bad date).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CosmosClient } from '@azure/cosmos';
import type { ColumnType } from '@kpi/shared/contracts/connector';
import type { StoredSource } from '@kpi/shared/contracts/source';
import { startClientDeployment, storageAccountName } from '../../../local/client/client-deployment';
import { issueLicense } from '../../../local/client/issue-license';
import { freePort } from '../../../local/net';
import { apiAudience, type Stack, startStack } from '../../../local/stack';
import { buildUi } from '../../../local/web/build-ui';
import { serveClientSite } from '../../../local/web/client-site';
import { inDays } from './client-world';

export interface MappingWorld {
  vendor: Stack;
  /** Origin of the deployment's Client UI. */
  ui: string;
  /** The deployment's API base. */
  api: string;
  stop(): Promise<void>;
}

const at = '2026-12-07T09:00:00.000Z';
const column = (name: string, type: ColumnType) => ({ name, type, sourceType: type, nullable: true });

export const TMS: StoredSource = {
  id: 'tms',
  tenantId: 'contoso',
  name: 'TMS export',
  status: 'ready',
  providesObjects: ['Shipment'],
  origin: { kind: 'client' },
  secretRefs: [],
  discovered: {
    discoveredAt: at,
    streams: [
      {
        name: 'shipments',
        columns: [
          column('shipment_no', 'string'),
          column('shipped_at', 'datetime'),
          column('promised_at', 'datetime'),
          column('delivered_at', 'datetime'),
          column('in_full', 'string'),
        ],
        keyCandidates: [['shipment_no']],
        cursorCandidates: ['shipped_at'],
        rowEstimate: 2,
        sampleRows: [
          {
            shipment_no: 'S1',
            shipped_at: '2026-01-02T10:00:00Z',
            promised_at: '2026-01-05T10:00:00Z',
            delivered_at: '2026-01-04T08:00:00Z',
            in_full: 'Y',
          },
          {
            shipment_no: 'S2',
            shipped_at: 'not a date',
            promised_at: '2026-01-06T10:00:00Z',
            delivered_at: null,
            in_full: 'N',
          },
        ],
      },
    ],
  },
  createdAt: at,
  createdBy: 'olivia@contoso.example',
  updatedAt: at,
  updatedBy: 'olivia@contoso.example',
};

export async function startMappingWorld(): Promise<MappingWorld> {
  const root = await mkdtemp(join(tmpdir(), 'kpi-mapping-ui-'));
  const running: { stop(): Promise<void> }[] = [];
  const stop = async () => {
    for (const part of running.reverse()) await part.stop().catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  };
  try {
    const [vendor, built] = await Promise.all([
      startStack({ dataDir: join(root, 'vendor'), ports: 'free' }),
      buildUi('client', { logLevel: 'warn' }),
    ]);
    running.push(vendor);
    const issued = await issueLicense({
      api: vendor.urls.api,
      adminToken: () => vendor.token('ada@vendor.example'),
      tenantId: 'contoso',
      configurationId: 'cfg-mapping-ui-tests',
      kpiIds: ['otif-rate', 'gross-margin'],
      expiresAt: inDays(365),
    });
    const port = await freePort();
    const deployment = await startClientDeployment({
      tenantId: 'contoso',
      deploymentId: 'contoso-ui-mapping',
      vendorApi: vendor.urls.api,
      authIssuer: vendor.urls.issuer,
      authAudience: apiAudience,
      licenseKey: issued.key,
      dataDir: join(root, 'client'),
      // The mapping page's apps only (every worker started costs seconds).
      apps: ['client-app', 'connector', 'mapping'],
      corsOrigins: [`http://127.0.0.1:${port}`],
    });
    running.push(deployment);
    await new CosmosClient({
      endpoint: deployment.cosmos.endpoint,
      key: deployment.cosmos.key,
      connectionPolicy: { enableEndpointDiscovery: false },
    })
      .database('kpi-client')
      .container('sources')
      .items.upsert(TMS);
    const account = deployment.storage.accounts[storageAccountName(deployment.deploymentId)];
    if (!account) throw new Error('no storage account for the deployment');
    const site = await serveClientSite({
      account,
      api: deployment.api,
      issuer: vendor.urls.issuer,
      audience: apiAudience,
      port,
      distDir: built.distDir,
    });
    running.push(site);
    // The mapping app answers once client-app has fetched and stored the signed snapshot.
    const token = await vendor.token('olivia@contoso.example');
    for (let i = 0; i < 120; i++) {
      const res = await fetch(`${deployment.api}/mapping/objects`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.status === 200) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    return { vendor, ui: site.url, api: deployment.api, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
