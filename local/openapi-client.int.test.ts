/**
 * Issue 12: the OpenAPI misled a generated client (the deployment credential declared as an HTTP bearer
 * scheme, licence validation with no security). Here a client that knows only the served documents builds
 * each request from them — server URL, path, security scheme (name, type, where the credential goes) and a
 * body derived from the schema, with the values a user would supply — and every call succeeds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededEmails } from './identity/users';
import { type Stack, startStack } from './stack';
import {
  type Credentials,
  fetchDocs,
  type Operation,
  sampleFromSchema,
  securityHeaders,
  urlOf,
} from './test/openapi-requests';

let dataDir: string;
let stack: Stack;
let ops: Operation[];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kpi-openapi-client-'));
  stack = await startStack({ dataDir, ports: 'free' });
  ops = await fetchDocs(stack.urls.api, ['metadata', 'demo-config', 'license', 'monitoring']);
});

afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const find = (method: string, path: string) => {
  const op = ops.find((o) => o.method === method && o.path === path);
  if (!op) throw new Error(`${method} ${path} is not in the documents`);
  return op;
};

/** One call as a generated client would make it. */
async function send(
  op: Operation,
  creds: Credentials,
  o: { params?: Record<string, string>; body?: Record<string, unknown> } = {},
) {
  const headers = securityHeaders(op, creds);
  let body: string | undefined;
  if (op.bodySchema) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(sampleFromSchema(op.bodySchema, o.body));
  }
  const res = await fetch(urlOf(op, o.params ?? {}), { method: op.method, headers, body });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

describe('a client built from the served OpenAPI documents alone', () => {
  it('documents the deployment credential where the server reads it', () => {
    const validation = find('POST', '/api/license/validations');
    expect(validation.security).toEqual(['deployment']);
    expect(validation.doc.components.securitySchemes.deployment).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
    });
  });

  it('issues, activates, validates, sends a heartbeat and reads, every call 2xx', async () => {
    const adaToken = await stack.token(seededEmails.ada);
    const oliviaToken = await stack.token(seededEmails.olivia);
    const asAda: Credentials = { tokens: { bearer: adaToken } };

    const issued = await send(find('POST', '/api/license/licenses'), asAda, {
      body: {
        tenantId: 'contoso',
        configurationId: 'cfg-openapi-client',
        kpiIds: ['revenue-growth'],
        maxDeployments: 2,
        expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.000Z'),
        contacts: ['olivia@contoso.example'],
      },
    });
    expect(issued.status, JSON.stringify(issued.json)).toBe(201);

    const deploymentId = 'openapi-client';
    const activated = await send(
      find('POST', '/api/license/activations'),
      {},
      {
        body: { key: issued.json.key, deploymentId },
      },
    );
    expect(activated.status, JSON.stringify(activated.json)).toBe(201);

    // The user configures what each scheme asks for: the bearer token, and for the deployment API key the
    // value its description gives, `Deployment <credential>`.
    const asDeployment: Credentials = {
      tokens: { deployment: activated.json.credential },
      apiKeys: { deployment: `Deployment ${activated.json.credential}` },
    };
    const validated = await send(find('POST', '/api/license/validations'), asDeployment, {
      body: { key: issued.json.key, deploymentId },
    });
    expect(validated.status, JSON.stringify(validated.json)).toBe(200);
    expect(validated.json.status).toBe('active');

    const heartbeat = await send(find('POST', '/api/monitoring/heartbeats'), asDeployment, {
      body: { id: 'hb-openapi-1', deploymentId, sentAt: new Date().toISOString() },
    });
    expect(heartbeat.status, JSON.stringify(heartbeat.json)).toBe(200);

    const tree = await send(find('GET', '/api/metadata/tree'), { tokens: { bearer: oliviaToken } });
    expect(tree.status).toBe(200);
    const configurations = await send(
      find('GET', '/api/demo-config/tenants/{tenantId}/configurations'),
      { tokens: { bearer: oliviaToken } },
      { params: { tenantId: 'contoso' } },
    );
    expect(configurations.status).toBe(200);
    const license = await send(find('GET', '/api/license/licenses/{licenseId}'), asAda, {
      params: { licenseId: issued.json.license.id },
    });
    expect(license.status).toBe(200);
  });
});
