/**
 * The security policy of the UIs, in the two places it can live:
 *
 * - In each `web/<ui>/index.html` as `<meta http-equiv="Content-Security-Policy">`: Azure Blob static
 *   websites cannot set response headers, so the page carries its own policy. Its `connect-src` names only
 *   `'self'` in the source; `uploadSite` adds the API and identity origins of the runtime config it writes
 *   beside the page (`withConnectSources`), so the policy is exact for wherever the UI is deployed.
 * - As response headers (`SITE_SECURITY_HEADERS`) from whatever serves the files: the local gateway, and the
 *   Front Door rule set in bicep/modules/ui-front-door.bicep. They are what a meta tag cannot do: browsers
 *   ignore `frame-ancestors` in a meta policy, so framing (clickjacking) is refused only by a header.
 *   A browser enforces both policies, each of them, so the header stays minimal.
 */

/** Response headers every UI file is served with (gateway; Front Door rule in Bicep, cross-checked). */
export const SITE_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': "frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
});

/** Origins (`scheme://host:port`) of the runtime config's `apiBase`, `apiBases` and `issuer`. */
export function runtimeConfigOrigins(config: Readonly<Record<string, unknown>>): string[] {
  const urls: unknown[] = [config.apiBase, config.issuer];
  const bases = config.apiBases;
  if (bases && typeof bases === 'object') urls.push(...Object.values(bases as Record<string, unknown>));
  const origins = new Set<string>();
  for (const u of urls) {
    if (typeof u !== 'string') continue;
    try {
      const parsed = new URL(u);
      if (parsed.protocol === 'https:' || parsed.protocol === 'http:') origins.add(parsed.origin);
    } catch {
      // not a URL: nothing to allow
    }
  }
  return [...origins].sort();
}

const META_CSP = /(<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=")([^"]*)(")/i;

/**
 * `html` with `origins` added to the `connect-src` of its meta Content-Security-Policy (created when the
 * policy has none). A page without a meta policy is returned unchanged.
 */
export function withConnectSources(html: string, origins: readonly string[]): string {
  const m = META_CSP.exec(html);
  if (!m || origins.length === 0) return html;
  const directives = (m[2] as string)
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '');
  const i = directives.findIndex((d) => /^connect-src\s/i.test(d) || d === 'connect-src');
  const current = i >= 0 ? (directives[i] as string).split(/\s+/).slice(1) : ["'self'"];
  const merged = [...new Set([...current, ...origins])];
  const directive = `connect-src ${merged.join(' ')}`;
  if (i >= 0) directives[i] = directive;
  else directives.push(directive);
  return html.replace(META_CSP, (_all, open: string, _policy: string, close: string) => {
    return `${open}${directives.join('; ')}${close}`;
  });
}
