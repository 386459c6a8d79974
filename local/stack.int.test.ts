/**
 * The whole local platform as `npm start` runs it (on free ports, in a temporary folder): the first slice
 * through every layer, the edge's answers to bad input through the real host, and a restart that keeps
 * every kind of data.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmailClient } from '@azure/communication-email';
import { ServiceBusClient } from '@azure/service-bus';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox } from './email/blob-outbox';
import { type Stack, startStack } from './stack';

let dataDir: string;
let stack: Stack;
const auth = async (email: string) => ({ authorization: `Bearer ${await stack.token(email)}` });

async function poll<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kpi-stack-'));
  stack = await startStack({ dataDir, ports: 'free' });
});

afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the first slice', () => {
  it('serves the seeded catalog tree to any signed-in user, with an ETag', async () => {
    const res = await fetch(`${stack.urls.api}/metadata/tree`, {
      headers: await auth('vera@contoso.example'),
    });
    expect(res.status).toBe(200);
    const tree = (await res.json()) as { kpiCount: number; industries: { kind: string; count: number }[] };
    expect(tree.kpiCount).toBeGreaterThanOrEqual(200);
    expect(tree.industries.length).toBeGreaterThanOrEqual(6);
    expect(tree.industries.every((i) => i.kind === 'industry' && i.count > 0)).toBe(true);
    const etag = res.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(`${stack.urls.api}/metadata/tree`, {
      headers: { ...(await auth('vera@contoso.example')), 'if-none-match': etag! },
    });
    expect(again.status).toBe(304);
  });

  it('filters the tree by industry and search text', async () => {
    const headers = await auth('alex@fabrikam.example');
    const all = (await (await fetch(`${stack.urls.api}/metadata/tree`, { headers })).json()) as {
      industries: { id: string }[];
    };
    const first = all.industries[0]!.id;
    const one = (await (
      await fetch(`${stack.urls.api}/metadata/tree?industry=${first}`, { headers })
    ).json()) as {
      industries: { id: string }[];
    };
    expect(one.industries.map((i) => i.id)).toEqual([first]);
    const unknown = await fetch(`${stack.urls.api}/metadata/tree?industry=no-such-industry`, { headers });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe(
      'CATALOG.INDUSTRY_NOT_FOUND',
    );
  });

  it('carries catalog.published from metadata to monitoring over Service Bus', async () => {
    const publish = await fetch(`${stack.urls.api}/metadata/catalog/publish`, {
      method: 'POST',
      headers: { ...(await auth('ada@vendor.example')), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(publish.status).toBe(200);
    const { catalogVersion } = (await publish.json()) as { catalogVersion: string };
    const staff = await auth('sam@vendor.example');
    const events = await poll('the recorded event', async () => {
      const res = await fetch(`${stack.urls.api}/monitoring/events`, { headers: staff });
      const body = (await res.json()) as { items: { type: string; subject?: string }[] };
      // The seed published once at start; this publish adds a second record.
      const published = body.items.filter(
        (e) => e.type === 'catalog.published' && e.subject === catalogVersion,
      );
      return published.length >= 2 ? published : undefined;
    });
    expect(events.length).toBeGreaterThanOrEqual(2);
  });

  it('runs the health timer through the admin endpoint and serves its result', async () => {
    const run = await fetch(`${stack.urls.host}/admin/functions/platform-health-check?wait=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"input":""}',
    });
    expect(run.status).toBe(200);
    const res = await fetch(`${stack.urls.api}/monitoring/health`, {
      headers: await auth('sam@vendor.example'),
    });
    const body = (await res.json()) as {
      items: { app: string; status: string; checks: { name: string }[] }[];
    };
    const monitoring = body.items.find((h) => h.app === 'monitoring');
    expect(monitoring?.status).toBe('ok');
    expect(monitoring?.checks.map((c) => c.name).sort()).toEqual(['blob', 'cosmos', 'service-bus']);
  });
});

describe('bad input gets a clear error and changes nothing', () => {
  const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;
  const publishUrl = () => `${stack.urls.api}/metadata/catalog/publish`;

  it('401 without a token, 403 with a role that is not allowed', async () => {
    const none = await fetch(`${stack.urls.api}/metadata/tree`);
    expect(none.status).toBe(401);
    expect(await errorCode(none)).toBe('AUTH.TOKEN_MISSING');
    const forged = await fetch(`${stack.urls.api}/metadata/tree`, {
      headers: { authorization: 'Bearer abc.def.ghi' },
    });
    expect(forged.status).toBe(401);
    const owner = await fetch(publishUrl(), {
      method: 'POST',
      headers: { ...(await auth('olivia@contoso.example')), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(owner.status).toBe(403);
    expect(await errorCode(owner)).toBe('AUTH.ROLE_FORBIDDEN');
    const tenantUser = await fetch(`${stack.urls.api}/monitoring/events`, {
      headers: await auth('alex@fabrikam.example'),
    });
    expect(tenantUser.status).toBe(403);
  });

  it('400 for malformed JSON and for a body that fails validation, 413 for an oversized body', async () => {
    const headers = { ...(await auth('ada@vendor.example')), 'content-type': 'application/json' };
    const malformed = await fetch(publishUrl(), { method: 'POST', headers, body: '{"oops' });
    expect(malformed.status).toBe(400);
    expect(await errorCode(malformed)).toBe('REQUEST.INVALID_JSON');
    const invalid = await fetch(publishUrl(), { method: 'POST', headers, body: '{"unexpected":1}' });
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as { error: { code: string; details: unknown[] } };
    expect(body.error.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(body.error.details.length).toBeGreaterThan(0);
    const huge = await fetch(publishUrl(), {
      method: 'POST',
      headers,
      body: JSON.stringify({ x: 'a'.repeat(400_000) }),
    });
    expect(huge.status).toBe(413);
    expect(await errorCode(huge)).toBe('REQUEST.BODY_TOO_LARGE');
  });

  it('404 for an unknown route, 405 for a known route with another method, never a stack trace', async () => {
    const headers = await auth('ada@vendor.example');
    const unknownInApp = await fetch(`${stack.urls.api}/metadata/no-such-thing`, { headers });
    expect(unknownInApp.status).toBe(404);
    expect(await errorCode(unknownInApp)).toBe('ROUTE.NOT_FOUND');
    const unknownApp = await fetch(`${stack.urls.api}/no-such-app/x`, { headers });
    expect(unknownApp.status).toBe(404);
    const wrongMethod = await fetch(`${stack.urls.api}/metadata/tree`, { method: 'DELETE', headers });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toContain('GET');
    expect(await wrongMethod.text()).not.toMatch(/\bat .+\.(ts|js):\d+/);
  });

  it('answers CORS only for the configured UI origins', async () => {
    const allowed = stack.values.CORS_ORIGINS!.split(',')[0]!;
    const preflight = (origin: string) =>
      fetch(`${stack.urls.api}/metadata/tree`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    const ok = await preflight(allowed);
    expect(ok.headers.get('access-control-allow-origin')).toBe(allowed);
    const refused = await preflight('http://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves each app its OpenAPI document', async () => {
    for (const app of ['metadata', 'monitoring']) {
      const res = await fetch(`${stack.urls.api}/${app}/openapi.json`);
      expect(res.status).toBe(200);
      const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
      expect(doc.openapi).toMatch(/^3\.1/);
      expect(Object.keys(doc.paths).length).toBeGreaterThan(1);
    }
  });
});

describe('a restart keeps every kind of data', () => {
  it('finds the catalog, blobs, queued messages and sent mail of the first run', async () => {
    const values = stack.values;
    const blobs = BlobServiceClient.fromConnectionString(values.STORAGE!);
    await blobs.getContainerClient('restart-check').createIfNotExists();
    await blobs.getContainerClient('restart-check').getBlockBlobClient('note.txt').upload('kept', 4);
    // A queued message no function consumes: a dead-lettered copy on the monitoring subscription's DLQ.
    const sb = new ServiceBusClient(values.SERVICEBUS!);
    const sender = sb.createSender('catalog-events');
    await sender.sendMessages({ body: 'not an event envelope', messageId: 'restart-check-poison' });
    await sender.close();
    const mail = new EmailClient(values.EMAIL!, { allowInsecureConnection: true } as never);
    await (
      await mail.beginSend({
        senderAddress: values.EMAIL_SENDER!,
        content: { subject: 'restart check', plainText: 'kept' },
        recipients: { to: [{ address: 'olivia@contoso.example' }] },
      })
    ).pollUntilDone();
    const dlq = sb.createReceiver('catalog-events', 'monitoring', { subQueueType: 'deadLetter' });
    await poll('the poison message in the dead-letter queue', async () => {
      const peeked = await dlq.peekMessages(10);
      return peeked.some((m) => m.messageId === 'restart-check-poison') ? true : undefined;
    });
    await dlq.close();
    await sb.close();

    await stack.stop();
    stack = await startStack({ dataDir, ports: 'free' });

    const tree = await fetch(`${stack.urls.api}/metadata/tree`, {
      headers: await auth('vera@contoso.example'),
    });
    expect(tree.status).toBe(200);
    const blobs2 = BlobServiceClient.fromConnectionString(stack.values.STORAGE!);
    const note = await blobs2
      .getContainerClient('restart-check')
      .getBlockBlobClient('note.txt')
      .downloadToBuffer();
    expect(note.toString()).toBe('kept');
    const outbox = await listOutbox(blobs2);
    expect(outbox.some((m) => m.content.subject === 'restart check')).toBe(true);
    const sb2 = new ServiceBusClient(stack.values.SERVICEBUS!);
    const dlq2 = sb2.createReceiver('catalog-events', 'monitoring', { subQueueType: 'deadLetter' });
    const kept = await dlq2.peekMessages(10);
    const poison = kept.find((m) => m.messageId === 'restart-check-poison');
    expect(poison?.deadLetterReason).toBe('InvalidMessage');
    await dlq2.close();
    await sb2.close();
    const events = await fetch(`${stack.urls.api}/monitoring/events`, {
      headers: await auth('sam@vendor.example'),
    });
    const body = (await events.json()) as { items: { type: string }[] };
    expect(body.items.some((e) => e.type === 'catalog.published')).toBe(true);
  });
});
