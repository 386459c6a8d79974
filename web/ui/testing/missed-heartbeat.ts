import { expect } from 'vitest';
import { heartbeat } from '../../../functions/monitoring/monitoring-test-kit';
import { apiCall, type UiStack } from './browser-stack';

// Data for the monitor UI's browser tests, made through the real API as in production: no rows written
// straight into the stand-ins, so the pages show what the services really produce.

const DAY = 86_400_000;

/** The licence and deployment of a contoso deployment that missed its heartbeat. */
export interface MissedHeartbeatOptions {
  deploymentId: string;
  /** The configuration the licence is for. */
  configurationId: string;
  /** Days from now until the licence expires. */
  expiresInDays: number;
  /** Who the licence's e-mails go to. */
  contacts: string[];
}

/**
 * Makes a contoso deployment go down: ada issues a licence, the deployment activates with it (getting its
 * credential), olivia gives it a 10 s period with no grace, it sends one heartbeat, and 11 s later the
 * deployments sweep (run through the host's admin endpoint) finds it silent, which opens a
 * heartbeat-missing alert and e-mails its contacts. Returns the licence's id.
 */
export async function missHeartbeat(stack: UiStack, options: MissedHeartbeatOptions): Promise<string> {
  const { deploymentId } = options;
  const issued = (await apiCall(stack, 'ada@vendor.example', 'POST', 'license/licenses', {
    tenantId: 'contoso',
    configurationId: options.configurationId,
    kpiIds: ['revenue-growth'],
    edition: 'standard',
    maxDeployments: 3,
    expiresAt: new Date(Date.now() + options.expiresInDays * DAY).toISOString().replace(/\.\d{3}Z$/, '.000Z'),
    graceDays: 14,
    contacts: options.contacts,
  })) as { license: { id: string }; key: string };
  const activation = (await fetch(`${stack.api}/license/activations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key: issued.key, deploymentId }),
  }).then((r) => r.json())) as { credential: string };
  expect(activation.credential).toBeTruthy();
  // A short period and no grace, so one missed heartbeat makes the deployment down.
  await apiCall(
    stack,
    'olivia@contoso.example',
    'PUT',
    `monitoring/tenants/contoso/deployments/${deploymentId}`,
    {
      periodSeconds: 10,
      graceSeconds: 0,
    },
  );
  const sent = await fetch(`${stack.api}/monitoring/heartbeats`, {
    method: 'POST',
    headers: { authorization: `Deployment ${activation.credential}`, 'content-type': 'application/json' },
    body: JSON.stringify(heartbeat(deploymentId)),
  });
  expect(sent.status).toBeLessThan(300);
  await new Promise((r) => setTimeout(r, 11_000));
  const host = stack.api.replace(/\/api\/?$/, '');
  const swept = await fetch(`${host}/admin/functions/deployments-sweep?wait=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  expect(swept.status).toBe(200);
  return issued.license.id;
}
