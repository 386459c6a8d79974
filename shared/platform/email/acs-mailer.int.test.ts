import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmailServer, startEmailServer } from '../../../local/email/email-server';
import type { OutboxMessage, OutboxStore } from '../../../local/email/outbox';
import { freePort } from '../../../local/net';
import { AcsMailer, operationIdFor } from './acs-mailer';

class MemoryOutbox implements OutboxStore {
  readonly messages = new Map<string, OutboxMessage>();
  async add(m: OutboxMessage) {
    if (this.messages.has(m.id)) return false;
    this.messages.set(m.id, m);
    return true;
  }
  async get(id: string) {
    return this.messages.get(id);
  }
  async list() {
    return [...this.messages.values()];
  }
}

let server: RunningEmailServer;
const outbox = new MemoryOutbox();
let mailer: AcsMailer;

beforeAll(async () => {
  server = await startEmailServer({
    port: await freePort(),
    accessKey: Buffer.from('local-email-key').toString('base64'),
    outbox,
  });
  mailer = AcsMailer.fromConnection(
    { kind: 'connectionString', value: server.connectionString },
    'noreply@kpi.example',
  );
});

afterAll(async () => {
  await server?.stop();
});

describe('AcsMailer', () => {
  it('sends through the ACS REST shape and returns the message id', async () => {
    const id = await mailer.send({
      to: ['olivia@contoso.example'],
      subject: 'Licence expires in 30 days',
      html: '<p>Renew</p>',
      text: 'Renew',
    });
    const sent = await outbox.get(id);
    expect(sent).toMatchObject({
      senderAddress: 'noreply@kpi.example',
      recipients: { to: [{ address: 'olivia@contoso.example' }] },
      content: { subject: 'Licence expires in 30 days', plainText: 'Renew', html: '<p>Renew</p>' },
    });
  });

  it('sends once per idempotency key', async () => {
    const message = {
      to: ['a@x.example'],
      subject: 'Alert',
      html: '<b>x</b>',
      text: 'x',
      idempotencyKey: 'alert-1:opened',
    };
    const before = outbox.messages.size;
    const first = await mailer.send(message);
    const second = await mailer.send(message);
    expect(second).toBe(first);
    expect(first).toBe(operationIdFor('alert-1:opened'));
    expect(outbox.messages.size).toBe(before + 1);
  });
});
