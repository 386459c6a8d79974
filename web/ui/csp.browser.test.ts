/**
 * Issue 12: the UIs sent no Content-Security-Policy and no frame protection. Each UI now carries a CSP in
 * its page (completed at upload with the API and identity origins) and the gateway sends the headers a meta
 * policy cannot express. Every UI signs in and works with no CSP violation; another site cannot frame it.
 */
import { describe, expect, it } from 'vitest';
import { useBrowserSession } from './testing/browser-session';
import { signIn, skipReason } from './testing/browser-stack';

if (skipReason) console.warn(`CSP browser tests skipped: ${skipReason}`);

const users = {
  config: 'olivia@contoso.example',
  monitor: 'sam@vendor.example',
  client: 'vera@contoso.example',
} as const;

describe.skipIf(skipReason !== undefined)('UI pages under their Content-Security-Policy', () => {
  const session = useBrowserSession({ expectNoPageErrors: false });

  for (const ui of ['config', 'monitor', 'client'] as const) {
    it(`${ui}: signs in and renders with the page's CSP, and no violation`, {
      timeout: 120_000,
    }, async () => {
      const { stack, page, watch } = session;
      const response = await page.goto(stack.ui[ui]);
      expect(response?.headers()['x-frame-options']).toBe('DENY');
      expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
      await signIn(page, stack.ui[ui], users[ui]);
      await page.locator('main').first().waitFor();
      // The UI's own API calls went through (the header shows the user), under the upload-completed policy.
      const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      expect(policy).toContain("script-src 'self'");
      // The origins the UI's runtime config names (the Client UI's API is its client deployment's host).
      const runtime = (await (await fetch(`${stack.ui[ui]}/config.json`)).json()) as {
        apiBase: string;
        issuer: string;
      };
      expect(policy).toContain(new URL(runtime.apiBase).origin);
      expect(policy).toContain(new URL(runtime.issuer).origin);
      if (ui !== 'client') expect(runtime.apiBase).toBe(stack.api);
      await page.waitForLoadState('networkidle');
      expect(watch.cspViolations).toEqual([]);
    });
  }

  it('another site cannot frame a UI (frame-ancestors none)', async () => {
    const { stack, page, watch } = session;
    await page.setContent(`<iframe id="f" src="${stack.ui.monitor}/"></iframe>`);
    await expect
      .poll(() => watch.cspViolations.some((v) => /frame-ancestors/.test(v)), { timeout: 15_000 })
      .toBe(true);
    // Nothing of the UI runs inside the frame.
    const framed = page.frames().find((f) => f.url().startsWith(stack.ui.monitor));
    expect(
      (await framed
        ?.locator('#root')
        .count()
        .catch(() => 0)) ?? 0,
    ).toBe(0);
    watch.cspViolations.length = 0; // the refusal itself is the expected violation
  });
});
