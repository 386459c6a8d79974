/**
 * The shared set-up of the monitoring integration tests: one local stack per test file (free ports,
 * temporary data), deployment credentials for four deployments in two tenants, contoso's ops address
 * and vendor support as e-mail contacts, and small request helpers. Call `useMonitoringStack()` at the
 * top of a test file: it registers the beforeAll/afterAll hooks.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { type Stack, startStack } from '../../local/stack';
import { credentialFor, heartbeat } from './monitoring-test-kit';

export const DEPLOYMENTS = [
  ['contoso', 'contoso-prod'],
  ['contoso', 'contoso-edge'],
  ['contoso', 'contoso-lab'],
  ['fabrikam', 'fabrikam-prod'],
] as const;

export interface MonitoringHarness {
  /** The running stack (set once beforeAll has run). */
  readonly stack: Stack;
  /** Authorization header value per deployment id. */
  readonly creds: Record<string, string>;
  api(path: string): string;
  as(email: string): Promise<Record<string, string>>;
  /** Posts a heartbeat with the deployment's credential. */
  send(deploymentId: string, body?: unknown): Promise<Response>;
  /** A monitoring API call as a seeded user. */
  call(
    email: string,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
  /** Runs the sweep timer now, through the host's admin API. */
  sweep(): Promise<void>;
  getDeployment(
    tenant: string,
    id: string,
  ): Promise<{ status: string; openAlerts: Record<string, string>; lastHeartbeat?: { id: string } }>;
}

export function useMonitoringStack(): MonitoringHarness {
  let dataDir: string | undefined;
  let stack: Stack | undefined;
  const creds: Record<string, string> = {};
  const running = () => {
    if (!stack) throw new Error('the stack is not running yet');
    return stack;
  };
  const h: MonitoringHarness = {
    get stack() {
      return running();
    },
    creds,
    api: (path) => `${running().urls.api}/monitoring/${path}`,
    as: async (email) => ({
      authorization: `Bearer ${await running().token(email)}`,
      'content-type': 'application/json',
    }),
    send: (deploymentId, body = heartbeat(deploymentId)) =>
      fetch(h.api('heartbeats'), {
        method: 'POST',
        headers: { authorization: creds[deploymentId] as string, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    call: async (email, method, path, body, headers) =>
      fetch(h.api(path), {
        method,
        headers: { ...(await h.as(email)), ...headers },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      }),
    sweep: async () => {
      const res = await fetch(`${running().urls.host}/admin/functions/deployments-sweep?wait=true`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(200);
    },
    getDeployment: async (tenant, id) =>
      (await (await h.call('ada@vendor.example', 'GET', `tenants/${tenant}/deployments/${id}`)).json()) as {
        status: string;
        openAlerts: Record<string, string>;
        lastHeartbeat?: { id: string };
      },
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kpi-monitoring-'));
    stack = await startStack({ dataDir, ports: 'free' });
    for (const [tenant, id] of DEPLOYMENTS) creds[id] = await credentialFor(stack, tenant, id);
    // Alerts of contoso go to its ops address; vendor support gets everything.
    const contacts = await h.call('olivia@contoso.example', 'PUT', 'tenants/contoso/settings', {
      contacts: { emails: ['ops@contoso.example'] },
    });
    expect(contacts.status).toBe(200);
    const vendor = await h.call('ada@vendor.example', 'PUT', 'vendor/contacts', {
      emails: ['sam@vendor.example'],
    });
    expect(vendor.status).toBe(200);
  });

  afterAll(async () => {
    await stack?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  return h;
}
