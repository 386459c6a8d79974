/** E-mail port: use cases depend on this, never on the ACS SDK. */
export interface MailMessage {
  to: string[];
  subject: string;
  html: string;
  text: string;
  /**
   * Same key → same send operation: a retried delivery does not send a second e-mail
   * (ACS operation id, derived deterministically from the key).
   */
  idempotencyKey?: string;
}

export interface Mailer {
  /** Sends and waits until accepted; returns the provider's message id. */
  send(message: MailMessage): Promise<string>;
}
