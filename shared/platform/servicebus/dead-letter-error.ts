/**
 * Thrown by a Service Bus handler for a message that can never succeed (poison). The local host dead-letters
 * at once on this error name; in Azure the message is retried up to the subscription's max delivery count
 * and then dead-lettered, with the description in the log.
 */
export class DeadLetterError extends Error {
  override readonly name = 'DeadLetterError';
  constructor(
    readonly deadLetterReason: string,
    readonly deadLetterErrorDescription: string,
  ) {
    super(`${deadLetterReason}: ${deadLetterErrorDescription}`);
  }
}
