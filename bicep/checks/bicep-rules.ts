/**
 * Hygiene rules for Bicep files, checked without a compiler. Each rule takes file text (and, where it
 * follows references, a way to read other files) and returns problems as readable strings; [] = fine.
 */
import { dirname, resolve } from 'node:path';
import { type LexedBicep, lexBicep, lineOf, matchingClose, objectKeys } from './bicep-lexer';

/** A Bicep file: absolute path and text. */
export interface BicepFile {
  readonly path: string;
  readonly text: string;
}

/** Reads a file by absolute path; undefined when it does not exist. */
export type ReadFile = (absolutePath: string) => string | undefined;

interface ParamDeclaration {
  name: string;
  required: boolean;
  offset: number;
}

/** `param` declarations: a param is required when it has no default and its type is not nullable (`string?`). */
export function paramDeclarations(lexed: LexedBicep): ParamDeclaration[] {
  const out: ParamDeclaration[] = [];
  for (const m of lexed.codeOnly.matchAll(/^[ \t]*param[ \t]+([A-Za-z_]\w*)[ \t]+([^\n]*)$/gm)) {
    const rest = (m[2] as string).trim();
    const hasDefault = /=/.test(rest);
    const type = rest.split('=')[0]?.trim() ?? '';
    out.push({ name: m[1] as string, required: !hasDefault && !type.endsWith('?'), offset: m.index ?? 0 });
  }
  return out;
}

/** `output` names. */
export function outputNames(lexed: LexedBicep): string[] {
  return [...lexed.codeOnly.matchAll(/^[ \t]*output[ \t]+([A-Za-z_]\w*)\b/gm)].map((m) => m[1] as string);
}

/** Brackets, strings and comments are closed. */
export function checkSyntax(file: BicepFile): string[] {
  return lexBicep(file.text).problems.map((p) => `${file.path}: ${p}`);
}

/** Every param is used somewhere besides its declaration (object keys and `.property` names do not count). */
export function checkUnusedParams(file: BicepFile): string[] {
  const lexed = lexBicep(file.text);
  const problems: string[] = [];
  for (const param of paramDeclarations(lexed)) {
    const uses = [...lexed.codeOnly.matchAll(new RegExp(`(?<![\\w.$])${param.name}(?![\\w$])`, 'g'))].filter(
      (m) => {
        const at = m.index ?? 0;
        if (at >= param.offset && at <= param.offset + 'param '.length + param.name.length + 8) return false;
        const lineStart = lexed.codeOnly.lastIndexOf('\n', at - 1) + 1;
        const before = lexed.codeOnly.slice(lineStart, at);
        const isKey =
          /^\s*$|[{,]\s*$/.test(before) && /^\s*:/.test(lexed.codeOnly.slice(at + param.name.length));
        return !isKey;
      },
    );
    if (uses.length === 0) problems.push(`${file.path}: param '${param.name}' is never used`);
  }
  return problems;
}

/** Every `module x 'path'` exists; it gets every required param and no unknown one; `x.outputs.y` exists. */
export function checkModules(file: BicepFile, readFile: ReadFile): string[] {
  const lexed = lexBicep(file.text);
  const problems: string[] = [];
  const modules = new Map<string, LexedBicep>();
  for (const m of lexed.noComments.matchAll(/\bmodule\s+([A-Za-z_]\w*)\s+'([^']+)'\s*=/g)) {
    const [, symbol, relPath] = m as unknown as [string, string, string];
    const line = lineOf(file.text, m.index ?? 0);
    const target = resolve(dirname(file.path), relPath);
    const text = readFile(target);
    if (text === undefined) {
      problems.push(`${file.path}:${line}: module '${symbol}' points to missing file ${relPath}`);
      continue;
    }
    const callee = lexBicep(text);
    modules.set(symbol, callee);
    const bodyOpen = lexed.codeOnly.indexOf('{', (m.index ?? 0) + m[0].length);
    const bodyClose = matchingClose(lexed.codeOnly, bodyOpen);
    const body = lexed.codeOnly.slice(bodyOpen, bodyClose + 1);
    const paramsAt = /\bparams\s*:\s*\{/.exec(body);
    const passed = paramsAt ? objectKeys(lexed, bodyOpen + paramsAt.index + paramsAt[0].length - 1) : [];
    const declared = paramDeclarations(callee);
    for (const key of passed) {
      if (!declared.some((d) => d.name === key)) {
        problems.push(
          `${file.path}:${line}: module '${symbol}' passes '${key}', which ${relPath} does not declare`,
        );
      }
    }
    for (const d of declared) {
      if (d.required && !passed.includes(d.name)) {
        problems.push(`${file.path}:${line}: module '${symbol}' does not pass required param '${d.name}'`);
      }
    }
  }
  for (const m of lexed.codeOnly.matchAll(
    /(?<![\w.])([A-Za-z_]\w*)(?:\[[^\]]*\])?\.outputs\.([A-Za-z_]\w*)/g,
  )) {
    const callee = modules.get(m[1] as string);
    if (callee && !outputNames(callee).includes(m[2] as string)) {
      const line = lineOf(file.text, m.index ?? 0);
      problems.push(`${file.path}:${line}: module '${m[1]}' has no output '${m[2]}'`);
    }
  }
  return problems;
}

/** Every `loadJsonContent('path')` names an existing file. */
export function checkLoadJsonPaths(file: BicepFile, readFile: ReadFile): string[] {
  const lexed = lexBicep(file.text);
  return [...lexed.noComments.matchAll(/\bloadJsonContent\(\s*'([^']+)'/g)]
    .filter((m) => readFile(resolve(dirname(file.path), m[1] as string)) === undefined)
    .map(
      (m) => `${file.path}:${lineOf(file.text, m.index ?? 0)}: loadJsonContent names missing file ${m[1]}`,
    );
}

// The one connection string allowed: Application Insights' (an ingestion address, not a credential; local
// authentication is disabled, so ingestion needs the app's Entra ID token).
// And one secure parameter: client.bicep's licence key, which goes only into the Key Vault secret `license-key`.
const allowedSecretLookalikes = [
  /\bappInsights\.properties\.ConnectionString\b/g,
  /@secure\(\)(?=\s*param licenseKey string\b)/g,
];
const secretPatterns: [RegExp, string][] = [
  [/\blist[A-Z]\w*\(/, 'calls a list*() function (keys or connection strings)'],
  [/accountkey\s*=/i, 'contains an account key'],
  [/sharedaccesskey/i, 'contains a shared access key'],
  [/accesskey\s*=/i, 'contains an access key'],
  [/@secure\(\)/, 'declares a @secure() param (identity-based connections need none)'],
  [/\b(primary|secondary)(Key|MasterKey|ConnectionString)\b/i, 'reads a key or connection string'],
  [/connectionstring/i, 'uses a connection string'],
  [/\bdisableLocalAuth\s*:\s*false/i, 'enables local (key) authentication'],
  [/\ballowSharedKeyAccess\s*:\s*true/, 'enables shared key access'],
  [/\ballowBlobPublicAccess\s*:\s*true/, 'enables anonymous blob access'],
  [/\benableRbacAuthorization\s*:\s*false/, 'uses Key Vault access policies instead of RBAC'],
];

/** No keys, connection strings or secure params: every connection is identity-based. */
export function checkNoSecrets(file: BicepFile): string[] {
  let code = lexBicep(file.text).noComments;
  for (const allowed of allowedSecretLookalikes) code = code.replace(allowed, (s) => ' '.repeat(s.length));
  return secretPatterns
    .filter(([pattern]) => pattern.test(code))
    .map(([pattern, what]) => {
      const at = code.search(pattern);
      return `${file.path}:${lineOf(file.text, at)}: ${what}`;
    });
}

interface ResourceDeclaration {
  symbol: string;
  type: string;
  apiVersion: string;
  existing: boolean;
  body: string;
  line: number;
}

/** Resource declarations with their body text (comments blanked). */
export function resourceDeclarations(file: BicepFile): ResourceDeclaration[] {
  const lexed = lexBicep(file.text);
  const out: ResourceDeclaration[] = [];
  const pattern = /\bresource\s+([A-Za-z_]\w*)\s+'([^'@]+)@([^']+)'\s*(existing\s*)?=/g;
  for (const m of lexed.noComments.matchAll(pattern)) {
    const open = lexed.codeOnly.indexOf('{', (m.index ?? 0) + m[0].length);
    const close = matchingClose(lexed.codeOnly, open);
    out.push({
      symbol: m[1] as string,
      type: m[2] as string,
      apiVersion: m[3] as string,
      existing: Boolean(m[4]),
      body: lexed.noComments.slice(open, close + 1),
      line: lineOf(file.text, m.index ?? 0),
    });
  }
  return out;
}

// Resource types whose key-based access must be switched off, and the property that does it.
const localAuthOff: Record<string, RegExp> = {
  'Microsoft.DocumentDB/databaseAccounts': /\bdisableLocalAuth\s*:\s*true\b/,
  'Microsoft.ServiceBus/namespaces': /\bdisableLocalAuth\s*:\s*true\b/,
  'Microsoft.Communication/communicationServices': /\bdisableLocalAuth\s*:\s*true\b/,
  'Microsoft.Insights/components': /\bDisableLocalAuth\s*:\s*true\b/,
  'Microsoft.Storage/storageAccounts': /\ballowSharedKeyAccess\s*:\s*false\b/,
  'Microsoft.KeyVault/vaults': /\benableRbacAuthorization\s*:\s*true\b/,
};

/** Every created resource of a type with keys has them disabled; no preview API versions. */
export function checkResources(file: BicepFile): string[] {
  const problems: string[] = [];
  for (const r of resourceDeclarations(file)) {
    if (/preview/i.test(r.apiVersion)) {
      problems.push(`${file.path}:${r.line}: ${r.symbol} uses preview API ${r.type}@${r.apiVersion}`);
    }
    const required = localAuthOff[r.type];
    if (!r.existing && required && !required.test(r.body)) {
      problems.push(
        `${file.path}:${r.line}: ${r.symbol} (${r.type}) must set ${required.source.replace(/\\[bs]\*?/g, '')}`,
      );
    }
  }
  return problems;
}

// Settings that the Flex Consumption plan rejects or replaces with functionAppConfig, and the key-based form of
// host storage (identity-based is AzureWebJobsStorage__accountName).
export const forbiddenFlexSettings = [
  'FUNCTIONS_WORKER_RUNTIME',
  'FUNCTIONS_EXTENSION_VERSION',
  'WEBSITE_NODE_DEFAULT_VERSION',
  'WEBSITE_RUN_FROM_PACKAGE',
  'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING',
  'WEBSITE_CONTENTSHARE',
  'linuxFxVersion',
];

/** No app setting that Flex Consumption rejects, and no key-based `AzureWebJobsStorage`. */
export function checkFlexSettings(file: BicepFile): string[] {
  const code = lexBicep(file.text).noComments;
  const problems = forbiddenFlexSettings
    .filter((name) => new RegExp(`\\b${name}\\b`).test(code))
    .map((name) => `${file.path}: sets ${name}, which Flex Consumption does not accept`);
  if (/'AzureWebJobsStorage'|\bAzureWebJobsStorage\s*:/.test(code)) {
    problems.push(
      `${file.path}: sets AzureWebJobsStorage (a connection string); use AzureWebJobsStorage__accountName`,
    );
  }
  return problems;
}

/** The Function app module runs Node.js 22 and is the only file that declares a site. */
export function checkNodeRuntime(functionAppModule: BicepFile, expectedMajor = '22'): string[] {
  const code = lexBicep(functionAppModule.text).noComments;
  const m = /runtime\s*:\s*\{\s*name\s*:\s*'([^']+)'\s*version\s*:\s*'([^']+)'\s*\}/.exec(code);
  if (!m) return [`${functionAppModule.path}: no functionAppConfig.runtime { name, version }`];
  if (m[1] !== 'node' || m[2] !== expectedMajor) {
    return [`${functionAppModule.path}: runtime is ${m[1]} ${m[2]}, expected node ${expectedMajor}`];
  }
  return [];
}

/** Only `allowedPath` declares `Microsoft.Web/sites`: every Function app comes from the one module. */
export function checkSingleSiteModule(files: readonly BicepFile[], allowedPath: string): string[] {
  return files.flatMap((f) =>
    f.path === allowedPath
      ? []
      : resourceDeclarations(f)
          .filter((r) => r.type === 'Microsoft.Web/sites' && !r.existing)
          .map((r) => `${f.path}:${r.line}: declares a site; use ${allowedPath}`),
  );
}

/** Keys of `var <name> = { ... }` (e.g. main.bicep's settingValues). */
export function varObjectKeys(file: BicepFile, varName: string): string[] | undefined {
  const lexed = lexBicep(file.text);
  const m = new RegExp(`^[ \\t]*var[ \\t]+${varName}[ \\t]*=[ \\t]*\\{`, 'm').exec(lexed.codeOnly);
  if (!m) return undefined;
  return objectKeys(lexed, m.index + m[0].length - 1);
}

/** Names in the `name: '...'` entries of `var <name> = [ ... ]` (e.g. function-app.bicep's platformSettings). */
export function varListNames(file: BicepFile, varName: string): string[] | undefined {
  const lexed = lexBicep(file.text);
  const m = new RegExp(`^[ \\t]*var[ \\t]+${varName}[ \\t]*=[ \\t]*\\[`, 'm').exec(lexed.codeOnly);
  if (!m) return undefined;
  const open = m.index + m[0].length - 1;
  const body = lexed.noComments.slice(open, matchingClose(lexed.codeOnly, open) + 1);
  return [...body.matchAll(/\bname\s*:\s*'([^']+)'/g)].map((n) => n[1] as string);
}
