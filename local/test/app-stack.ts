/**
 * What every app's integration test sets up: the local stack on free ports in a fresh data folder for the
 * file's tests, and a JSON client for the app's routes as a seeded user.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type Stack, startStack } from '../stack';

/**
 * Starts the stack before the file's tests and stops it (removing its data) after them. The returned value
 * stands for the running stack: use it inside tests and hooks, not at module level.
 */
export function useStack(dataDirPrefix: string): Stack {
  let dataDir: string | undefined;
  let started: Stack | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), dataDirPrefix));
    started = await startStack({ dataDir, ports: 'free' });
  });
  afterAll(async () => {
    await started?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  return new Proxy({} as Stack, {
    get(_target, key) {
      if (!started) throw new Error('the stack is started in beforeAll: use it inside tests');
      const value = Reflect.get(started, key);
      return typeof value === 'function' ? value.bind(started) : value;
    },
  });
}

/** A response as the tests read it. */
export interface AppResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions
  body: any;
  headers: Headers;
}

/** A JSON call to `/api/<app>/<path>` as a seeded user (`as`: e-mail) or with explicit headers. */
export function appClient(stack: Stack, app: string) {
  return async (
    method: string,
    path: string,
    options: { as?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<AppResponse> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as) headers.authorization = `Bearer ${await stack.token(options.as)}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${stack.urls.api}/${app}/${path}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
}
