import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { launchBrowser, type PageWatch, startUiStack, type UiStack, watchPage } from './browser-stack';

// The set-up every UI browser test file shares, written once: one stack and one Chromium per file, a fresh
// context and watched page per test, the page described when a test fails.

/** A page in a context of its own, its console errors collected. Close it with `context.close()`. */
export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  watch: PageWatch;
}

/** What differs between the browser test files. */
export interface BrowserSessionOptions<S extends { stop(): Promise<void> } = UiStack> {
  /**
   * Starts what the file's pages run against (stopped after the file); by default the whole stack with the
   * UIs served (`startUiStack`). The Client UI's tests start client deployments, each serving its own UI.
   */
  start?: () => Promise<S>;
  /** Size of every page; 1280×800 unless said (the tests' scroll and layout checks assume it). */
  viewport?: { width: number; height: number };
  /** Lets tests save downloads (`page.waitForEvent('download')`). */
  acceptDownloads?: boolean;
  /** `page.setDefaultTimeout` of each test's page, for pages slow on a loaded machine. */
  defaultTimeout?: number;
  /** Runs on each new context before its page opens, e.g. to put values in the UI's localStorage. */
  prepareContext?: (context: BrowserContext) => Promise<void>;
  /**
   * After each test, expect its page to have logged no console error (default true). Tests that provoke
   * an error on purpose take it out of `watch.errors`; files whose tests check the errors themselves (each
   * filtering what it expects) pass false.
   */
  expectNoPageErrors?: boolean;
}

/** The running stack, the browser and the current test's page; each getter throws when used too early. */
export interface BrowserSession<S = UiStack> {
  readonly stack: S;
  readonly browser: Browser;
  /** The current test's context, page and watch (opened before each test, closed after it). */
  readonly context: BrowserContext;
  readonly page: Page;
  readonly watch: PageWatch;
  /** Another page like the test's, in a context of its own (e.g. a second user); the caller closes it. */
  openPage(): Promise<WatchedPage>;
}

/** Starting the whole stack and building the UIs takes minutes on a loaded 2-core machine. */
const startTimeout = 300_000;

/**
 * Registers the hooks of a browser test file: beforeAll starts the stack (UIs served) and Chromium, afterAll
 * stops both; beforeEach opens a watched page in a new context, afterEach prints what the page shows when
 * the test failed, closes the context and (unless told not to) expects no console errors. Call it at the
 * top of the describe block, before the file's own hooks, which then see `session.stack` already started.
 */
export function useBrowserSession<S extends { stop(): Promise<void> } = UiStack>(
  options: BrowserSessionOptions<S> = {},
): BrowserSession<S> {
  const { viewport = { width: 1280, height: 800 }, acceptDownloads, defaultTimeout } = options;
  const expectNoPageErrors = options.expectNoPageErrors ?? true;
  let stack: S | undefined;
  let browser: Browser | undefined;
  let current: WatchedPage | undefined;

  const ready = <T>(value: T | undefined, name: string, when: string): T => {
    if (value === undefined)
      throw new Error(`session.${name} is set in ${when}: use it inside a test or hook`);
    return value;
  };

  const session: BrowserSession<S> = {
    get stack() {
      return ready(stack, 'stack', 'beforeAll');
    },
    get browser() {
      return ready(browser, 'browser', 'beforeAll');
    },
    get context() {
      return ready(current, 'context', 'beforeEach').context;
    },
    get page() {
      return ready(current, 'page', 'beforeEach').page;
    },
    get watch() {
      return ready(current, 'watch', 'beforeEach').watch;
    },
    async openPage() {
      const context = await session.browser.newContext({
        viewport,
        ...(acceptDownloads ? { acceptDownloads } : {}),
      });
      await options.prepareContext?.(context);
      const page = await context.newPage();
      if (defaultTimeout !== undefined) page.setDefaultTimeout(defaultTimeout);
      return { context, page, watch: watchPage(page) };
    },
  };

  beforeAll(async () => {
    stack = options.start ? await options.start() : ((await startUiStack()) as unknown as S);
    browser = await launchBrowser();
  }, startTimeout);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
  beforeEach(async () => {
    current = await session.openPage();
  });
  afterEach(async ({ task }) => {
    if (!current) return;
    const { context, watch } = current;
    current = undefined;
    if (task.result?.state === 'fail') console.error(await watch.describe());
    await context.close();
    if (expectNoPageErrors) expect(watch.errors).toEqual([]);
    // Every page of every UI test works under the page's Content-Security-Policy (issue 12).
    expect(watch.cspViolations).toEqual([]);
  });

  return session;
}
