/** An e-mail address as ACS takes it. */
export interface OutboxAddress {
  address: string;
  displayName?: string;
}

/** One message accepted by the local e-mail stand-in, as kept in the outbox. */
export interface OutboxMessage {
  /** The ACS operation id (the `Operation-Id` header when the sender gave one). */
  id: string;
  /** ISO 8601 time the stand-in accepted the message. */
  sentAt: string;
  senderAddress: string;
  recipients: { to: OutboxAddress[]; cc: OutboxAddress[]; bcc: OutboxAddress[] };
  replyTo: OutboxAddress[];
  content: { subject: string; plainText?: string; html?: string };
  headers: Record<string, string>;
  /** Attachments are described, not stored. */
  attachments: { name: string; contentType: string; sizeBytes: number; contentId?: string }[];
}

/** Where sent mail lands. */
export interface OutboxStore {
  /** Stores the message unless one with the same id exists; true when it was stored by this call. */
  add(message: OutboxMessage): Promise<boolean>;
  get(id: string): Promise<OutboxMessage | undefined>;
  /** Every message, oldest first. */
  list(): Promise<OutboxMessage[]>;
}
