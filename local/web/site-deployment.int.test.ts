/** The Azure-side steps of deploying the UIs, against Azurite: static website on, runtime config per app. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAzurite, startAzurite } from '../azurite/azurite';
import {
  enableStaticWebsite,
  functionAppsSchema,
  parseOutput,
  runtimeConfigFor,
  uiSitesSchema,
} from './site-deployment';

let dir: string;
let azurite: RunningAzurite;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kpi-sites-'));
  azurite = await startAzurite({ dataDir: dir, blobPort: 0, queuePort: 0, tablePort: 0 });
});

afterAll(async () => {
  await azurite?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('deploying the UIs', () => {
  it('switches static website hosting on with index.html as index and 404 document', async () => {
    const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
    await enableStaticWebsite(service);
    const props = await service.getProperties();
    expect(props.staticWebsite?.enabled).toBe(true);
    expect(props.staticWebsite?.indexDocument).toBe('index.html');
    expect(props.staticWebsite?.errorDocument404Path).toBe('index.html');
  });

  it('gives each UI the API base of every Function app', () => {
    const sites = parseOutput(
      'UI_SITES',
      '[{"name":"config","storageAccount":"stcfg","url":"https://stcfg.z6.web.core.windows.net/"}]',
      uiSitesSchema,
    );
    const apps = parseOutput(
      'FUNCTION_APPS',
      '[{"name":"metadata","url":"https://fn-meta.azurewebsites.net"},{"name":"monitoring","url":"https://fn-mon.azurewebsites.net/"}]',
      functionAppsSchema,
    );
    const config = runtimeConfigFor(sites[0]!, apps, {
      issuer: 'https://login.example/t/v2.0',
      audience: 'api://kpi',
      clientId: 'c1',
    });
    expect(config).toEqual({
      apiBase: 'https://fn-meta.azurewebsites.net/api',
      apiBases: {
        metadata: 'https://fn-meta.azurewebsites.net/api',
        monitoring: 'https://fn-mon.azurewebsites.net/api',
      },
      issuer: 'https://login.example/t/v2.0',
      clientId: 'c1',
      audience: 'api://kpi',
      app: 'config',
    });
  });

  it('names the output that is malformed', () => {
    expect(() => parseOutput('UI_SITES', 'not json', uiSitesSchema)).toThrow(/UI_SITES is not JSON/);
    expect(() => parseOutput('FUNCTION_APPS', '[{"name":"x"}]', functionAppsSchema)).toThrow(
      /FUNCTION_APPS is malformed/,
    );
  });
});
