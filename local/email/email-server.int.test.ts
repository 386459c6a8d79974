import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmailClient, type EmailMessage } from '@azure/communication-email';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAzurite, startAzurite } from '../azurite/azurite';
import { freePort } from '../net';
import { acsSignature, contentHash } from './acs-hmac';
import { BlobOutbox, listOutbox } from './blob-outbox';
import { type RunningEmailServer, startEmailServer } from './email-server';

describe('startEmailServer (ACS e-mail stand-in)', () => {
  let dataDir: string;
  let azurite: RunningAzurite;
  let email: RunningEmailServer;
  let blob: BlobServiceClient;
  const accessKey = randomBytes(32).toString('base64');
  let azuritePorts: { blobPort: number; queuePort: number; tablePort: number };

  const message = (subject: string): EmailMessage => ({
    senderAddress: 'DoNotReply@kpi-platform.local',
    content: {
      subject,
      plainText: 'The KPI crossed its threshold.',
      html: '<p>The KPI crossed its threshold.</p>',
    },
    recipients: {
      to: [{ address: 'olivia@contoso.example', displayName: 'Olivia' }],
      bcc: [{ address: 'audit@contoso.example' }],
    },
    headers: { 'x-kpi-alert': 'a1' },
    attachments: [
      {
        name: 'report.csv',
        contentType: 'text/csv',
        contentInBase64: Buffer.from('a,b\n1,2\n').toString('base64'),
      },
    ],
  });

  const startEmail = async (port = 0) => {
    email = await startEmailServer({ port, accessKey, outbox: new BlobOutbox(blob) });
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kpi-email-'));
    azuritePorts = { blobPort: await freePort(), queuePort: await freePort(), tablePort: await freePort() };
    azurite = await startAzurite({ dataDir, ...azuritePorts });
    blob = BlobServiceClient.fromConnectionString(azurite.connectionString);
    await startEmail(await freePort());
  });
  afterAll(async () => {
    await email?.stop();
    await azurite?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sends through EmailClient.beginSend().pollUntilDone() and the mail lands in the Blob outbox', async () => {
    const client = new EmailClient(email.connectionString, { allowInsecureConnection: true });
    const poller = await client.beginSend(message('Threshold crossed'));
    const result = await poller.pollUntilDone();
    expect(result.status).toBe('Succeeded');

    const outbox = await listOutbox(blob);
    const sent = outbox.find((m) => m.id === result.id);
    expect(sent).toMatchObject({
      senderAddress: 'DoNotReply@kpi-platform.local',
      recipients: {
        to: [{ address: 'olivia@contoso.example', displayName: 'Olivia' }],
        cc: [],
        bcc: [{ address: 'audit@contoso.example' }],
      },
      content: { subject: 'Threshold crossed', plainText: 'The KPI crossed its threshold.' },
      headers: { 'x-kpi-alert': 'a1' },
      attachments: [{ name: 'report.csv', contentType: 'text/csv', sizeBytes: 8 }],
    });
    expect(Date.parse(sent?.sentAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('sends one mail for a repeated Operation-Id', async () => {
    const client = new EmailClient(email.connectionString, { allowInsecureConnection: true });
    const operationId = randomUUID();
    const first = await (await client.beginSend(message('Once'), { operationId })).pollUntilDone();
    const second = await (await client.beginSend(message('Once'), { operationId })).pollUntilDone();
    expect(first.id).toBe(operationId);
    expect(second.id).toBe(operationId);
    const outbox = await listOutbox(blob);
    expect(outbox.filter((m) => m.content.subject === 'Once')).toHaveLength(1);
  });

  it('refuses a request signed with another key (401)', async () => {
    const wrongKey = randomBytes(32).toString('base64');
    const client = new EmailClient(`endpoint=${email.endpoint};accesskey=${wrongKey}`, {
      allowInsecureConnection: true,
    });
    const before = (await listOutbox(blob)).length;
    await expect(client.beginSend(message('Forged'))).rejects.toMatchObject({ statusCode: 401 });
    expect(await listOutbox(blob)).toHaveLength(before);
  });

  const rawSend = async (body: string, opts: { tamper?: boolean } = {}) => {
    const url = `${email.endpoint}emails:send?api-version=2025-09-01`;
    const date = new Date().toUTCString();
    const host = new URL(url).host;
    const hash = contentHash(body);
    const sent = opts.tamper ? body.replace('Olivia', 'Mallory') : body;
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-ms-date': date,
        'x-ms-content-sha256': hash,
        authorization: acsSignature(
          accessKey,
          'POST',
          '/emails:send?api-version=2025-09-01',
          date,
          host,
          hash,
        ),
      },
      body: sent,
    });
  };

  it('refuses a body that does not match its signed hash (401)', async () => {
    const res = await rawSend(JSON.stringify(message('Tampered')), { tamper: true });
    expect(res.status).toBe(401);
  });

  it.each([
    ['no sender', { ...message('x'), senderAddress: undefined }, 'senderAddress'],
    ['no recipients', { ...message('x'), recipients: { to: [] } }, 'recipients'],
    ['no content body', { ...message('x'), content: { subject: 'x' } }, 'content'],
    [
      'bad address',
      { ...message('x'), recipients: { to: [{ address: 'nobody' }] } },
      'recipients.to.0.address',
    ],
  ])('answers 400 with an ACS error body for %s', async (_label, body, target) => {
    const res = await rawSend(JSON.stringify(body));
    expect(res.status).toBe(400);
    expect(res.headers.get('x-ms-error-code')).toBe('BadRequest');
    const json = (await res.json()) as { error: { code: string; details: { target?: string }[] } };
    expect(json.error.code).toBe('BadRequest');
    expect(json.error.details.map((d) => d.target)).toContain(target);
  });

  it('keeps the outbox in Azurite: after restarting both, the mail is still there and its operation still succeeds', async () => {
    const before = await listOutbox(blob);
    expect(before.length).toBeGreaterThan(0);
    await email.stop();
    await azurite.stop();
    azurite = await startAzurite({ dataDir, ...azuritePorts });
    blob = BlobServiceClient.fromConnectionString(azurite.connectionString);
    await startEmail();
    expect(await listOutbox(blob)).toEqual(before);

    const first = before[0];
    if (!first) throw new Error('empty outbox');
    const url = `${email.endpoint}emails/operations/${first.id}?api-version=2025-09-01`;
    const date = new Date().toUTCString();
    const hash = contentHash('');
    const res = await fetch(url, {
      headers: {
        'x-ms-date': date,
        'x-ms-content-sha256': hash,
        authorization: acsSignature(
          accessKey,
          'GET',
          new URL(url).pathname + new URL(url).search,
          date,
          new URL(url).host,
          hash,
        ),
      },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: first.id, status: 'Succeeded' });
  });
});
