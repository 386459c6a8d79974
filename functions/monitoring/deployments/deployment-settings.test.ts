import { systemScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { describe, expect, it } from 'vitest';
import { memoryDependencies } from '../support/memory-stores';
import { newDeployment } from './deployment-doc';
import { changeDeploymentSettings } from './deployment-settings';

const now = new Date('2026-11-26T10:00:00.000Z');
const contoso = systemScope('contoso', 'test');

function setup() {
  const m = memoryDependencies();
  const tenant = (id: string) =>
    m.stores.tenants.create(systemScope(id, 'test'), {
      id,
      name: id,
      industryId: 'manufacturing',
      contacts: [],
      createdAt: now.toISOString(),
    });
  const credential = (tenantId: string, deploymentId: string) =>
    m.stores.credentials.create({
      id: `dc_${deploymentId.padEnd(22, 'x').slice(0, 22)}`,
      tenantId,
      deploymentId,
      secretHash: `sha256:${'0'.repeat(64)}`,
      createdAt: now.toISOString(),
    });
  return { ...m, tenant, credential };
}

describe('changeDeploymentSettings', () => {
  it('an unknown deployment id is 404 and nothing is created', async () => {
    const { deps, stores, tenant } = setup();
    await tenant('contoso');
    await expect(
      changeDeploymentSettings(deps, contoso, 'nobody', { periodSeconds: 30 }, now),
    ).rejects.toMatchObject({ httpStatus: 404, code: 'DEPLOYMENT.NOT_FOUND' });
    expect(stores.deployments.items.size).toBe(0);
  });

  it("another tenant's deployment id is 404 too: its credential names the other tenant", async () => {
    const { deps, stores, tenant, credential } = setup();
    await tenant('contoso');
    await credential('fabrikam', 'fabrikam-prod');
    await expect(
      changeDeploymentSettings(deps, contoso, 'fabrikam-prod', { periodSeconds: 30 }, now),
    ).rejects.toMatchObject({ httpStatus: 404, code: 'DEPLOYMENT.NOT_FOUND' });
    expect(stores.deployments.items.size).toBe(0);
  });

  it('a tenant that does not exist is 404', async () => {
    const { deps, stores, credential } = setup();
    await credential('ghost', 'ghost-prod');
    await expect(
      changeDeploymentSettings(deps, systemScope('ghost', 'test'), 'ghost-prod', { periodSeconds: 30 }, now),
    ).rejects.toMatchObject({ httpStatus: 404, code: 'TENANT.NOT_FOUND' });
    expect(stores.deployments.items.size).toBe(0);
  });

  it('a deployment with a credential of this tenant may be set up before its first heartbeat', async () => {
    const { deps, tenant, credential } = setup();
    await tenant('contoso');
    await credential('contoso', 'contoso-edge');
    const saved = await changeDeploymentSettings(deps, contoso, 'contoso-edge', { periodSeconds: 30 }, now);
    expect(saved).toMatchObject({
      id: 'contoso-edge',
      tenantId: 'contoso',
      status: 'new',
      periodSeconds: 30,
    });
  });

  it('a deployment that reported is updated', async () => {
    const { deps, stores, tenant } = setup();
    await tenant('contoso');
    await stores.deployments.create(contoso, newDeployment('contoso', 'd2', now));
    const saved = await changeDeploymentSettings(deps, contoso, 'd2', { name: 'Second' }, now);
    expect(saved).toMatchObject({ id: 'd2', name: 'Second' });
  });
});
