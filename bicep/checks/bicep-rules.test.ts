import { describe, expect, it } from 'vitest';
import { lexBicep, objectKeys } from './bicep-lexer';
import * as rules from './bicep-rules';

const file = (text: string, path = '/repo/bicep/main.bicep') => ({ path, text });
const files =
  (map: Record<string, string>): rules.ReadFile =>
  (path) =>
    map[path];

describe('lexBicep', () => {
  it('accepts balanced brackets, interpolations with nested strings, escapes and comments', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Bicep source text, not a template
    const text = "var a = { b: [ '${c(')}')}' ] } // }\n/* ] */ var d = 'it\\'s {'\nvar e = '''\n{ [\n'''";
    expect(lexBicep(text).problems).toEqual([]);
  });

  it('reports unclosed, mismatched and stray brackets and unterminated strings, with lines', () => {
    expect(lexBicep('var a = {\n  b: [\n}').problems).toEqual([
      "line 3: '}' closes '[' opened on line 2",
      "line 1: '{' is never closed",
    ]);
    expect(lexBicep('var a = 1 }').problems).toEqual(["line 1: '}' closes nothing"]);
    expect(lexBicep("var a = 'open").problems).toEqual(['line 1: unterminated string']);
    expect(lexBicep('/* never closed').problems).toEqual(['line 1: unterminated /* comment']);
  });

  it('blanks comments and string text but keeps interpolations as code', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Bicep source text, not a template
    const lexed = lexBicep("var a = 'x ${name} y' // name");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Bicep source text, not a template
    expect(lexed.codeOnly).toBe("var a = '  ${name}  '        ");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Bicep source text, not a template
    expect(lexed.noComments).toBe("var a = 'x ${name} y'        ");
  });

  it('lists top-level object keys, quoted or not, separated by lines or commas', () => {
    const text = "var o = {\n  a: 1\n  'b.c': { d: 2 }\n  e: [ { f: 3 } ], g: 4\n}";
    expect(objectKeys(lexBicep(text), text.indexOf('{'))).toEqual(['a', 'b.c', 'e', 'g']);
  });
});

describe('checkUnusedParams', () => {
  it('passes params used in expressions and interpolations', () => {
    expect(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Bicep source text, not a template
      rules.checkUnusedParams(file("param a string\nparam b int\nvar c = '${a}-x'\noutput d int = b")),
    ).toEqual([]);
  });

  it('fails a param used only as an object key, a property name, a comment or string text', () => {
    const text = "param name string\nvar o = { name: 'x' }\nvar p = o.name // name\nvar q = 'name'";
    expect(rules.checkUnusedParams(file(text))).toEqual([
      "/repo/bicep/main.bicep: param 'name' is never used",
    ]);
  });
});

describe('checkModules', () => {
  const callee =
    "param required string\nparam optional string = 'x'\nparam nullable string?\noutput out string = required";

  it('passes a call with the required params and a known output', () => {
    const main =
      "module m 'modules/m.bicep' = {\n  name: 'm'\n  params: {\n    required: 'a'\n  }\n}\noutput o string = m.outputs.out";
    expect(rules.checkModules(file(main), files({ '/repo/bicep/modules/m.bicep': callee }))).toEqual([]);
  });

  it('fails a missing module file', () => {
    const main = "module m 'modules/gone.bicep' = {\n  name: 'm'\n}";
    expect(rules.checkModules(file(main), files({}))).toEqual([
      "/repo/bicep/main.bicep:1: module 'm' points to missing file modules/gone.bicep",
    ]);
  });

  it('fails unknown params, missing required params and unknown outputs (also in loops)', () => {
    const main =
      "module m 'modules/m.bicep' = [for (x, i) in xs: {\n  name: 'm'\n  params: {\n    typo: 'a'\n  }\n}]\noutput o string = m[0].outputs.nope";
    expect(rules.checkModules(file(main), files({ '/repo/bicep/modules/m.bicep': callee }))).toEqual([
      "/repo/bicep/main.bicep:1: module 'm' passes 'typo', which modules/m.bicep does not declare",
      "/repo/bicep/main.bicep:1: module 'm' does not pass required param 'required'",
      "/repo/bicep/main.bicep:7: module 'm' has no output 'nope'",
    ]);
  });
});

describe('checkLoadJsonPaths', () => {
  it('passes existing files and fails missing ones, relative to the Bicep file', () => {
    const read = files({ '/repo/bicep/a.json': '{}' });
    expect(rules.checkLoadJsonPaths(file("var a = loadJsonContent('a.json')"), read)).toEqual([]);
    expect(rules.checkLoadJsonPaths(file("var a = loadJsonContent('../a.json')"), read)).toEqual([
      '/repo/bicep/main.bicep:1: loadJsonContent names missing file ../a.json',
    ]);
  });
});

describe('checkNoSecrets', () => {
  it("passes identity-based settings and App Insights' connection string", () => {
    const text =
      "var s = { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }";
    expect(rules.checkNoSecrets(file(text))).toEqual([]);
  });

  it('ignores comments', () => {
    expect(rules.checkNoSecrets(file('// never listKeys() here'))).toEqual([]);
  });

  it.each([
    ['var k = account.listKeys().primaryMasterKey', 'calls a list*() function'],
    ["var c = 'AccountEndpoint=x;AccountKey=y'", 'contains an account key'],
    ["var c = 'Endpoint=sb://x;SharedAccessKeyName=a;SharedAccessKey=b'", 'contains a shared access key'],
    ['@secure()\nparam p string', 'declares a @secure() param'],
    ['var c = ns.properties.primaryConnectionString', 'reads a key or connection string'],
    ["var c = { storageAccountConnectionStringName: 'X' }", 'uses a connection string'],
    ['var p = { disableLocalAuth: false }', 'enables local (key) authentication'],
    ['var p = { allowSharedKeyAccess: true }', 'enables shared key access'],
  ])('fails %s', (text, what) => {
    expect(rules.checkNoSecrets(file(text)).join('\n')).toContain(what);
  });
});

describe('checkResources', () => {
  it('passes resources with key access off and existing references', () => {
    const text =
      "resource a 'Microsoft.ServiceBus/namespaces@2024-01-01' = {\n  properties: { disableLocalAuth: true }\n}\nresource b 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {\n  name: 'x'\n}";
    expect(rules.checkResources(file(text))).toEqual([]);
  });

  it('fails a created resource that leaves keys on, and preview API versions', () => {
    const text =
      "resource a 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  properties: {}\n}\nresource b 'Microsoft.Web/sites@2024-11-01-preview' = {\n}";
    expect(rules.checkResources(file(text))).toEqual([
      '/repo/bicep/main.bicep:1: a (Microsoft.Storage/storageAccounts) must set allowSharedKeyAccess:false',
      '/repo/bicep/main.bicep:4: b uses preview API Microsoft.Web/sites@2024-11-01-preview',
    ]);
  });
});

describe('checkFlexSettings, checkNodeRuntime, checkSingleSiteModule', () => {
  it('fails settings Flex Consumption rejects and key-based host storage', () => {
    const text =
      "var s = [ { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'node' }, { name: 'AzureWebJobsStorage', value: x } ]";
    expect(rules.checkFlexSettings(file(text))).toEqual([
      '/repo/bicep/main.bicep: sets FUNCTIONS_WORKER_RUNTIME, which Flex Consumption does not accept',
      '/repo/bicep/main.bicep: sets AzureWebJobsStorage (a connection string); use AzureWebJobsStorage__accountName',
    ]);
    expect(rules.checkFlexSettings(file("var s = { name: 'AzureWebJobsStorage__accountName' }"))).toEqual([]);
  });

  it('requires node 22', () => {
    expect(rules.checkNodeRuntime(file("runtime: {\n  name: 'node'\n  version: '22'\n}"))).toEqual([]);
    expect(rules.checkNodeRuntime(file("runtime: {\n  name: 'node'\n  version: '20'\n}"))).toEqual([
      '/repo/bicep/main.bicep: runtime is node 20, expected node 22',
    ]);
    expect(rules.checkNodeRuntime(file('var x = 1'))).toHaveLength(1);
  });

  it('fails a site declared outside the Function app module', () => {
    const site = "resource s 'Microsoft.Web/sites@2024-04-01' = {\n}";
    expect(
      rules.checkSingleSiteModule([file(site, '/m/function-app.bicep')], '/m/function-app.bicep'),
    ).toEqual([]);
    expect(rules.checkSingleSiteModule([file(site, '/m/other.bicep')], '/m/function-app.bicep')).toEqual([
      '/m/other.bicep:1: declares a site; use /m/function-app.bicep',
    ]);
  });
});

describe('varObjectKeys / varListNames', () => {
  it('reads the keys of an object var and the names of a list var', () => {
    const text =
      "var values = {\n  'a.b': x\n  c: y\n}\nvar list = [\n  { name: 'N1', value: 1 }\n  {\n    name: 'N2'\n  }\n]";
    expect(rules.varObjectKeys(file(text), 'values')).toEqual(['a.b', 'c']);
    expect(rules.varListNames(file(text), 'list')).toEqual(['N1', 'N2']);
    expect(rules.varObjectKeys(file(text), 'missing')).toBeUndefined();
  });
});
