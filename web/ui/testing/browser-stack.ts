import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import { browserExecutable, chromiumArgs } from '../../../local/test/chromium';

// Support for the UIs' browser tests: the whole local stack on free ports, headless Chromium, sign-in
// through the local issuer's page, and console-error collection.

const repoRoot = resolve(__dirname, '..', '..', '..');
const stackFile = join(repoRoot, 'local', 'stack.ts');

/** Why the browser tests cannot run here, or undefined when they can. */
export const skipReason: string | undefined = !existsSync(stackFile)
  ? 'local/stack.ts does not exist yet: the UI browser tests need the whole stack (startStack)'
  : !browserExecutable()
    ? 'no Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)'
    : undefined;

/** The part of the running stack the UI tests use. */
export interface UiStack {
  ui: { config: string; monitor: string; client: string };
  api: string;
  issuer: string;
  /** Bearer token for a seeded user, to read what the UI should show straight from the API. */
  token(email: string): Promise<string>;
  stop(): Promise<void>;
}

interface StackModule {
  startStack(options: { dataDir: string; ports: 'free'; withUis: boolean }): Promise<{
    urls: { api: string; issuer: string; ui?: Record<string, string | undefined> } & Record<string, unknown>;
    token(email: string): Promise<string>;
    stop(): Promise<void>;
  }>;
}

/** Starts the stack with the UIs built, uploaded and served through the gateway, data in a temp dir. */
export async function startUiStack(): Promise<UiStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kpi-ui-browser-'));
  // A computed specifier keeps the type check independent of the stack while it is being written.
  const specifier = stackFile;
  const { startStack } = (await import(specifier)) as StackModule;
  const stack = await startStack({ dataDir, ports: 'free', withUis: true });
  const uiUrl = (name: string): string => {
    const url = stack.urls.ui?.[name] ?? stack.urls[name];
    if (typeof url !== 'string') throw new Error(`The stack serves no ${name} UI (urls.ui.${name})`);
    return url;
  };
  return {
    ui: { config: uiUrl('config'), monitor: uiUrl('monitor'), client: uiUrl('client') },
    api: stack.urls.api,
    issuer: stack.urls.issuer,
    token: (email) => stack.token(email),
    stop: async () => {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium with the flags that keep it off the network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: browserExecutable(), args: chromiumArgs });
}

/** What a test saw of a page: the UI's console errors, and a description for failure reports. */
export interface PageWatch {
  /** Console errors and uncaught exceptions of the page, the issuer's sign-in page included. */
  errors: string[];
  /**
   * Content Security Policy violations the page reported (console lines of Chromium's "Refused to … because
   * it violates the following Content Security Policy directive"), at any level: a page that works under
   * its policy has none.
   */
  cspViolations: string[];
  /** URL, visible text and requests still in flight: call before closing the page when a test failed. */
  describe(): Promise<string>;
}

/**
 * Watches a page: collects console errors and uncaught exceptions (of the UI and of the issuer's sign-in
 * page the UI sends the user to) and tracks requests in flight.
 */
export function watchPage(page: Page): PageWatch {
  const errors: string[] = [];
  const cspViolations: string[] = [];
  const pending = new Map<Request, number>();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    if (message.type() !== 'error') return;
    errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('request', (request) => pending.set(request, Date.now()));
  page.on('requestfinished', (request) => pending.delete(request));
  page.on('requestfailed', (request) => pending.delete(request));
  return {
    errors,
    cspViolations,
    describe: async () => {
      const body = await page
        .locator('body')
        .textContent({ timeout: 1000 })
        .catch(() => null);
      const inFlight = [...pending].map(([r, at]) => `  ${r.method()} ${r.url()} (${Date.now() - at} ms)`);
      return [
        `Page: ${page.url()}`,
        `Text: ${(body ?? '(none)').slice(0, 1000)}`,
        `Requests in flight:${inFlight.length ? `\n${inFlight.join('\n')}` : ' none'}`,
      ].join('\n');
    },
  };
}

/** Opens the UI, which redirects to the issuer; picks the seeded user; waits to be back on the UI. */
export async function signIn(page: Page, uiUrl: string, email: string, path = '/'): Promise<void> {
  try {
    await page.goto(`${uiUrl}${path}`);
    await page.locator(`a[data-email="${email}"]`).click({ timeout: 15_000 });
    await page.waitForURL(
      (url) => url.origin === new URL(uiUrl).origin && url.pathname === path.split('?')[0],
    );
    await page.locator('header').getByText(email).waitFor({ timeout: 15_000 });
  } catch (err) {
    // Say where the sign-in got stuck: the page and what it shows.
    const body = await page
      .locator('body')
      .textContent({ timeout: 1000 })
      .catch(() => null);
    const text = body ?? '(no body)';
    throw new Error(
      `Sign-in as ${email} stuck at ${page.url()}: ${text.slice(0, 500)}\n${(err as Error).message}`,
    );
  }
}

/**
 * Makes the config UI open on a configuration: its workspace remembers the chosen one per tenant in
 * localStorage. Top frame only: the SOW preview's sandboxed frame has no storage.
 */
export async function rememberConfiguration(
  context: BrowserContext,
  tenant: string,
  configurationId: string,
): Promise<void> {
  await context.addInitScript(
    ([key, id]) => {
      if (window.top === window) window.localStorage.setItem(key as string, id as string);
    },
    [`kpi.config.configuration.${tenant}`, configurationId],
  );
}

/** GETs an API path as a seeded user. */
export async function apiGet<T>(stack: UiStack, path: string, email: string): Promise<T> {
  const res = await fetch(`${stack.api}/${path}`, {
    headers: { authorization: `Bearer ${await stack.token(email)}` },
  });
  if (!res.ok) throw new Error(`GET ${path} as ${email}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Calls the API as a seeded user; throws with the status and body on anything but 2xx. */
export async function apiCall(
  stack: UiStack,
  email: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(`${stack.api}/${path}`, {
    method,
    headers: { authorization: `Bearer ${await stack.token(email)}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} as ${email}: HTTP ${res.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}
