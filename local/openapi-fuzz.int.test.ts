/**
 * Issue 12 "done means": every route of every app's OpenAPI document, driven with generated bad bodies and
 * odd path ids (fast-check, seeded, bounded), through the real host with all four apps. Each request
 * carries a valid credential of a role the route allows, so the edge's id, body and schema checks are
 * reached, not only 401s. No answer may be a 5xx, and every 4xx carries the error shape.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
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

const SEED = 20_261_207;
const APPS = ['metadata', 'demo-config', 'license', 'monitoring'] as const;
const ODD_IDS_PER_ROUTE = 3;
const BAD_BODIES_PER_ROUTE = 5;
const CONCURRENCY = 6;

let dataDir: string;
let stack: Stack;
let ops: Operation[];
let deploymentCredential: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kpi-openapi-fuzz-'));
  stack = await startStack({ dataDir, ports: 'free' });
  for (const [who, email] of Object.entries(seededEmails)) tokens[who] = await stack.token(email);
  ops = await fetchDocs(stack.urls.api, APPS);
  deploymentCredential = await activateDeployment();
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** A deployment credential of contoso, through the licence API, for the `deployment` routes. */
async function activateDeployment(): Promise<string> {
  const api = `${stack.urls.api}/license`;
  const issued = await fetch(`${api}/licenses`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.ada}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      tenantId: 'contoso',
      configurationId: 'cfg-fuzz',
      kpiIds: ['revenue-growth'],
      edition: 'professional',
      maxDeployments: 1,
      expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.000Z'),
      contacts: ['olivia@contoso.example'],
    }),
  });
  const { key } = (await issued.json()) as { key: string };
  const activated = await fetch(`${api}/activations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key, deploymentId: 'fuzz-deployment' }),
  });
  if (activated.status !== 201)
    throw new Error(`activation: HTTP ${activated.status} ${await activated.text()}`);
  return ((await activated.json()) as { credential: string }).credential;
}

/** The seeded user whose roles the route allows (staff first: they pass every tenant check), and a tenant. */
function callerFor(op: Operation): { token?: string; tenant: string } {
  const roles = Array.isArray(op.roles) ? (op.roles as string[]) : [];
  if (roles.includes('platform-admin')) return { token: tokens.ada, tenant: 'contoso' };
  if (roles.includes('support')) return { token: tokens.sam, tenant: 'contoso' };
  if (roles.includes('owner')) return { token: tokens.olivia, tenant: 'contoso' };
  if (roles.includes('editor')) return { token: tokens.eddie, tenant: 'contoso' };
  if (roles.includes('viewer')) return { token: tokens.vera, tenant: 'contoso' };
  if (roles.includes('admin')) return { token: tokens.alex, tenant: 'fabrikam' };
  return { tenant: 'contoso' };
}

function credentialsFor(op: Operation): Credentials {
  const { token } = callerFor(op);
  return {
    tokens: { ...(token ? { bearer: token } : {}), deployment: deploymentCredential },
    apiKeys: { deployment: `Deployment ${deploymentCredential}` },
  };
}

const validParams = (op: Operation): Record<string, string> => {
  const tenant = callerFor(op).tenant;
  return Object.fromEntries(
    op.pathParams.map((p) => [
      p,
      p === 'tenantId' ? tenant : p === 'deploymentId' ? 'fuzz-deployment' : 'fuzz-1',
    ]),
  );
};

const oddId = fc.oneof(
  fc.constantFrom('a/b', 'a\\b', 'a#b', 'a?b', ' ', 'a b', '..', '%', '-x', 'é', '\u0000', 'x'.repeat(300)),
  fc.string({ minLength: 1, maxLength: 24 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
);

function badBody(valid: unknown) {
  const text = fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 200 }),
    fc.integer({ min: 65, max: 20_000 }).map((n) => `{"a":${'['.repeat(n)}${']'.repeat(n)}}`),
    fc.constant(''),
    fc.constant('{"a":'),
    fc.tuple(fc.string({ maxLength: 12 }), fc.jsonValue()).map(([k, v]) => {
      // The valid body with one property replaced or added: reaches the schema, not only the parser.
      const base = valid && typeof valid === 'object' && !Array.isArray(valid) ? valid : {};
      const keys = Object.keys(base);
      const key = keys.length > 0 && k.length % 2 === 0 ? (keys[k.length % keys.length] as string) : k;
      return JSON.stringify({ ...base, [key]: v });
    }),
  );
  return fc.record({
    text,
    contentType: fc.constantFrom('application/json', 'application/json', 'text/plain'),
  });
}

interface Planned {
  op: Operation;
  kind: 'odd-id' | 'bad-body' | 'valid' | 'junk-query';
  url: string;
  init: RequestInit;
}

function plan(op: Operation, index: number): Planned[] {
  const out: Planned[] = [];
  const params = validParams(op);
  const headers = securityHeaders(op, credentialsFor(op));
  const valid = op.bodySchema ? sampleFromSchema(op.bodySchema) : undefined;
  const withBody = (text: string | undefined, contentType = 'application/json'): RequestInit => ({
    method: op.method,
    headers: text === undefined ? headers : { ...headers, 'content-type': contentType },
    ...(text === undefined ? {} : { body: text }),
  });
  const validText = valid === undefined ? undefined : JSON.stringify(valid);
  if (op.pathParams.length > 0) {
    const samples = fc.sample(fc.tuple(fc.nat(), oddId), { seed: SEED + index, numRuns: ODD_IDS_PER_ROUTE });
    for (const [which, id] of samples) {
      const name = op.pathParams[which % op.pathParams.length] as string;
      out.push({ op, kind: 'odd-id', url: urlOf(op, { ...params, [name]: id }), init: withBody(validText) });
    }
  }
  if (op.bodySchema) {
    const samples = fc.sample(badBody(valid), {
      seed: SEED + 7919 * (index + 1),
      numRuns: BAD_BODIES_PER_ROUTE,
    });
    for (const b of samples) {
      out.push({ op, kind: 'bad-body', url: urlOf(op, params), init: withBody(b.text, b.contentType) });
    }
  }
  out.push({ op, kind: 'valid', url: urlOf(op, params), init: withBody(validText) });
  const [junk] = fc.sample(
    fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 40 })),
    {
      seed: SEED - index,
      numRuns: 1,
    },
  );
  const query = new URLSearchParams(junk ?? {}).toString();
  out.push({ op, kind: 'junk-query', url: `${urlOf(op, params)}?${query}`, init: withBody(validText) });
  return out;
}

async function runAll(requests: Planned[]) {
  const byStatus: Record<number, number> = {};
  const problems: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const r = requests[next++] as Planned;
      const res = await fetch(r.url, r.init);
      const text = await res.text();
      byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
      const where = `${r.op.method} ${r.op.path} [${r.kind}] ${r.url.slice(0, 160)}`;
      if (res.status >= 500) problems.push(`${res.status} ${where}: ${text.slice(0, 200)}`);
      else if (res.status >= 400) {
        let error: { code?: unknown; message?: unknown } | undefined;
        try {
          error = (JSON.parse(text) as { error?: typeof error }).error;
        } catch {
          error = undefined;
        }
        if (typeof error?.code !== 'string' || typeof error.message !== 'string')
          problems.push(`${res.status} without the error shape: ${where}: ${text.slice(0, 200)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { byStatus, problems };
}

describe('fuzzing every documented route of the four apps', () => {
  it('answers odd ids, bad bodies and junk queries with no 5xx and always the error shape', {
    timeout: 240_000,
  }, async () => {
    const requests = ops.flatMap((op, i) => plan(op, i));
    const started = Date.now();
    const { byStatus, problems } = await runAll(requests);
    const reached = requests.filter((r) => r.kind !== 'valid').length;
    console.log(
      `openapi fuzz (seed ${SEED}): ${ops.length} routes covered in ${APPS.length} apps, ${requests.length} requests ` +
        `(${reached} malformed) in ${((Date.now() - started) / 1000).toFixed(1)} s; answers by status: ` +
        Object.entries(byStatus)
          .map(([s, n]) => `${s}×${n}`)
          .join(', '),
    );
    expect(ops.length).toBeGreaterThan(80);
    // The credentials were accepted: most answers come from validation, not from authentication.
    expect(byStatus[400] ?? 0).toBeGreaterThan((byStatus[401] ?? 0) * 5);
    expect(problems).toEqual([]);
  });
});
