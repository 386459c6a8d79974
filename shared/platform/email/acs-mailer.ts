import { createHash } from 'node:crypto';
import { EmailClient } from '@azure/communication-email';
import type { Connection } from '../config';
import { azureCredential, parseConnectionString } from '../identity';
import type { Mailer, MailMessage } from './ports';

/** ACS e-mail client: connection string (local: http endpoint) or endpoint + DefaultAzureCredential. */
export function emailClient(connection: Connection): EmailClient {
  if (connection.kind === 'identity') {
    const insecure = connection.endpoint.startsWith('http://');
    return new EmailClient(
      connection.endpoint,
      azureCredential(),
      insecure ? { allowInsecureConnection: true } : {},
    );
  }
  const endpoint = parseConnectionString(connection.value).get('endpoint') ?? '';
  const insecure = endpoint.startsWith('http://');
  return new EmailClient(connection.value, insecure ? { allowInsecureConnection: true } : {});
}

/** A UUID-shaped id derived from the key (ACS expects a GUID-like operation id). */
export function operationIdFor(key: string): string {
  const h = createHash('sha256').update(`kpi-mail:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** `Mailer` on Azure Communication Services e-mail. */
export class AcsMailer implements Mailer {
  constructor(
    private readonly client: EmailClient,
    private readonly senderAddress: string,
  ) {}

  static fromConnection(connection: Connection, senderAddress: string): AcsMailer {
    return new AcsMailer(emailClient(connection), senderAddress);
  }

  async send(message: MailMessage): Promise<string> {
    if (message.to.length === 0) throw new Error('An e-mail needs at least one recipient');
    const poller = await this.client.beginSend(
      {
        senderAddress: this.senderAddress,
        content: { subject: message.subject, html: message.html, plainText: message.text },
        recipients: { to: message.to.map((address) => ({ address })) },
      },
      message.idempotencyKey ? { operationId: operationIdFor(message.idempotencyKey) } : {},
    );
    const result = await poller.pollUntilDone();
    if (result.status !== 'Succeeded') {
      throw new Error(
        `E-mail send ended with status ${result.status}: ${result.error?.message ?? 'no detail'}`,
      );
    }
    return result.id;
  }
}
