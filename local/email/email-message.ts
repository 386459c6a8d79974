import { z } from 'zod';
import type { OutboxMessage } from './outbox';

// The request body of ACS `POST /emails:send` (api-version 2025-09-01), as far as a sender can get
// it wrong. Limits are the documented ACS ones.

const maxRecipients = 50;
const addressPattern = /^[^\s@]+@[^\s@]+$/;

const address = z.object({
  address: z.string().regex(addressPattern, 'not an e-mail address'),
  displayName: z.string().optional(),
});

export const emailMessageSchema = z.object({
  senderAddress: z.string().regex(addressPattern, 'senderAddress must be an e-mail address'),
  content: z
    .object({ subject: z.string().min(1), plainText: z.string().optional(), html: z.string().optional() })
    .refine((c) => c.plainText !== undefined || c.html !== undefined, 'content needs plainText or html'),
  recipients: z
    .object({
      to: z.array(address).optional(),
      cc: z.array(address).optional(),
      bcc: z.array(address).optional(),
    })
    .refine((r) => {
      const n = (r.to?.length ?? 0) + (r.cc?.length ?? 0) + (r.bcc?.length ?? 0);
      return n >= 1 && n <= maxRecipients;
    }, `recipients must name between 1 and ${maxRecipients} addresses in to, cc and bcc`),
  replyTo: z.array(address).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  attachments: z
    .array(
      z.object({
        name: z.string().min(1),
        contentType: z.string().min(1),
        contentInBase64: z.base64(),
        contentId: z.string().optional(),
      }),
    )
    .optional(),
  userEngagementTrackingDisabled: z.boolean().optional(),
});

export type EmailMessage = z.infer<typeof emailMessageSchema>;

/** An ACS-shaped error body. */
export interface AcsError {
  error: { code: string; message: string; details?: { code: string; message: string; target?: string }[] };
}

/** Parses a send request body: the message, or the ACS-like 400 body explaining what is wrong. */
export function parseEmailMessage(
  json: unknown,
): { ok: true; message: EmailMessage } | { ok: false; error: AcsError } {
  const result = emailMessageSchema.safeParse(json);
  if (result.success) return { ok: true, message: result.data };
  const details = result.error.issues.map((issue) => ({
    code: 'InvalidRequest',
    message: issue.message,
    target: issue.path.join('.') || undefined,
  }));
  return {
    ok: false,
    error: { error: { code: 'BadRequest', message: details.map((d) => d.message).join('; '), details } },
  };
}

/** What the outbox keeps of an accepted message. */
export function toOutboxMessage(id: string, sentAt: Date, m: EmailMessage): OutboxMessage {
  return {
    id,
    sentAt: sentAt.toISOString(),
    senderAddress: m.senderAddress,
    recipients: { to: m.recipients.to ?? [], cc: m.recipients.cc ?? [], bcc: m.recipients.bcc ?? [] },
    replyTo: m.replyTo ?? [],
    content: { subject: m.content.subject, plainText: m.content.plainText, html: m.content.html },
    headers: m.headers ?? {},
    attachments: (m.attachments ?? []).map((a) => ({
      name: a.name,
      contentType: a.contentType,
      sizeBytes: Buffer.from(a.contentInBase64, 'base64').length,
      ...(a.contentId ? { contentId: a.contentId } : {}),
    })),
  };
}
