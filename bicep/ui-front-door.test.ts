/**
 * The headers Front Door adds in front of the UIs (bicep/modules/ui-front-door.bicep) are the ones the local
 * gateway sends (SITE_SECURITY_HEADERS): one policy, declared for Azure and tested locally. Both Bicep entry
 * points wire the module in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SITE_SECURITY_HEADERS } from '@kpi/shared/platform/static-site/site-headers';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(join(__dirname, path), 'utf8');

/** headerName → value of every ModifyResponseHeader action (Bicep strings unescaped). */
function frontDoorHeaders(bicep: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /headerName:\s*'([^']+)'\s*\n\s*value:\s*'((?:[^'\\]|\\.)*)'/g;
  for (const m of bicep.matchAll(re))
    out[(m[1] as string).toLowerCase()] = (m[2] as string).replace(/\\'/g, "'");
  return out;
}

describe('UI security headers in Azure', () => {
  it('Front Door overwrites every header the gateway sends, with the same value', () => {
    const declared = frontDoorHeaders(read('modules/ui-front-door.bicep'));
    for (const [name, value] of Object.entries(SITE_SECURITY_HEADERS))
      expect(declared[name], name).toBe(value);
    expect(declared['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('main.bicep and client.bicep put Front Door in front of their UIs (behind a parameter)', () => {
    for (const file of ['main.bicep', 'client.bicep']) {
      const text = read(file);
      expect(text, file).toMatch(/param uiFrontDoor bool = true/);
      expect(text, file).toMatch(/module uiFront 'modules\/ui-front-door\.bicep' = if \(uiFrontDoor\)/);
      expect(text, file).toMatch(/url: uiFrontDoor \? uiFront\.outputs\.urls\[/);
    }
  });
});
