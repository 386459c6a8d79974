import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { Connection } from './config';

let credential: TokenCredential | undefined;

/** One `DefaultAzureCredential` per process (it caches tokens; many instances would each fetch their own). */
export function azureCredential(): TokenCredential {
  credential ??= new DefaultAzureCredential();
  return credential;
}

/** `Key=Value;Key=Value` → map with lower-cased keys (values may contain `=`, e.g. base64 keys). */
export function parseConnectionString(cs: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of cs.split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim().toLowerCase(), part.slice(i + 1).trim());
  }
  return out;
}

/** A stable key for per-process client caches. */
export const connectionKey = (c: Connection) =>
  c.kind === 'identity' ? `id:${c.endpoint}` : `cs:${c.value}`;
