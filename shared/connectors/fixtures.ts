/**
 * Test helpers for the connector: an in-memory `SecretStore` (the Key Vault adapter arrives with the
 * client deployment's stack) and a logger that keeps every line it writes, so tests can search the logs.
 */
import { createLogger, type Logger } from '../platform/log';
import type { SecretStore } from './ports';

export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();
  async get(name: string) {
    return this.values.get(name);
  }
  async set(name: string, value: string, _contentType?: string) {
    this.values.set(name, value);
  }
}

export function capturingLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  return { log: createLogger({ app: 'connector-test' }, (_level, line) => lines.push(line)), lines };
}

/** All batches of a read, collected. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
