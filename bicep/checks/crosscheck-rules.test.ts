import { describe, expect, it } from 'vitest';
import * as rules from './crosscheck-rules';
import type { FunctionAppDeclaration } from './declarations';
import { functionAppsSchema, parseDeclaration } from './declarations';

const app = (over: Partial<FunctionAppDeclaration> = {}): FunctionAppDeclaration => ({
  name: 'metadata',
  settings: { COSMOS__accountEndpoint: 'cosmos.endpoint', AUTH_ISSUER: 'auth.issuer' },
  roles: ['cosmos-data-contributor'],
  ...over,
});

describe('checkAppFolders', () => {
  it('passes when folders and declarations agree, and names both kinds of mismatch', () => {
    expect(rules.checkAppFolders(['a', 'b'], ['b', 'a'])).toEqual([]);
    expect(rules.checkAppFolders(['a', 'new'], ['a', 'gone'])).toEqual([
      "functions/new/index.ts exists but bicep/function-apps.json does not declare app 'new'",
      "bicep/function-apps.json declares app 'gone' but functions/gone/index.ts does not exist",
    ]);
  });
});

describe('checkAppSettings', () => {
  const spec = {
    azureNames: ['COSMOS__accountEndpoint', 'AUTH_ISSUER'],
    localNames: ['COSMOS', 'AUTH_ISSUER'],
  };

  it('passes an exact match, counting settings the module adds itself', () => {
    expect(rules.checkAppSettings(app(), spec, [])).toEqual([]);
    const withHost = { ...spec, azureNames: [...spec.azureNames, 'AzureWebJobsStorage__accountName'] };
    expect(rules.checkAppSettings(app(), withHost, ['AzureWebJobsStorage__accountName'])).toEqual([]);
  });

  it('fails a setting the code reads but Bicep lacks, one Bicep declares that nobody reads, and connection strings', () => {
    const declared = app({ settings: { AUTH_ISSUER: 'auth.issuer', COSMOS: 'cosmos.endpoint', EXTRA: 'x' } });
    expect(rules.checkAppSettings(declared, spec, [])).toEqual([
      "app 'metadata' reads COSMOS__accountEndpoint, which bicep/function-apps.json does not declare for it",
      "app 'metadata': bicep/function-apps.json declares COSMOS, which its settingsSpec does not read",
      "app 'metadata': COSMOS is the connection-string form; declare the identity-based setting",
      "app 'metadata': bicep/function-apps.json declares EXTRA, which its settingsSpec does not read",
    ]);
  });
});

describe('checkBindings and checkRoles', () => {
  it('fails a binding main.bicep does not offer', () => {
    expect(rules.checkBindings([app()], ['cosmos.endpoint', 'auth.issuer'])).toEqual([]);
    expect(rules.checkBindings([app()], ['cosmos.endpoint'])).toEqual([
      "app 'metadata': AUTH_ISSUER binds to 'auth.issuer', which main.bicep's settingValues lacks",
    ]);
  });

  it('fails a connection without its role and a role without its connection', () => {
    expect(rules.checkRoles(app())).toEqual([]);
    expect(rules.checkRoles(app({ roles: ['servicebus-sender'] }))).toEqual([
      "app 'metadata' connects to cosmos.endpoint but holds none of: cosmos-data-contributor",
      "app 'metadata' holds servicebus-sender but has no setting bound to servicebus.namespace",
    ]);
  });

  it('a Key Vault reference needs the secrets role like the vault endpoint does', () => {
    const licence = app({
      settings: {
        COSMOS__accountEndpoint: 'cosmos.endpoint',
        LICENSE_SIGNING_KEYS: 'keyvault.licenseSigningKeys',
      },
      roles: ['cosmos-data-contributor', 'keyvault-secrets-user'],
    });
    expect(rules.checkRoles(licence)).toEqual([]);
    expect(rules.checkRoles({ ...licence, roles: ['cosmos-data-contributor'] })).toEqual([
      "app 'metadata' connects to keyvault.licenseSigningKeys but holds none of: keyvault-secrets-user, keyvault-secrets-officer",
    ]);
    expect(
      rules.checkRoles({ ...licence, settings: { COSMOS__accountEndpoint: 'cosmos.endpoint' } }),
    ).toEqual([
      "app 'metadata' holds keyvault-secrets-user but has no setting bound to keyvault.uri or keyvault.licenseSigningKeys",
    ]);
  });
});

describe('checkIdentityOnlySettings', () => {
  it('fails connection-string, secret-like and Flex-rejected names', () => {
    expect(rules.checkIdentityOnlySettings([app()], ['FUNCTIONS_WORKER_RUNTIME'])).toEqual([]);
    const bad = app({
      settings: {
        SERVICEBUS: 'x',
        LICENSE_SECRET: 'y',
        FUNCTIONS_WORKER_RUNTIME: 'z',
        MY__prop: 'a',
        MY: 'b',
      },
    });
    expect(rules.checkIdentityOnlySettings([bad], ['FUNCTIONS_WORKER_RUNTIME'])).toEqual([
      "app 'metadata': SERVICEBUS is a connection-string setting; use SERVICEBUS__<property>",
      "app 'metadata': LICENSE_SECRET looks like a secret",
      "app 'metadata': FUNCTIONS_WORKER_RUNTIME is rejected by Flex Consumption",
      "app 'metadata': MY is a connection-string setting; use MY__<property>",
    ]);
  });
});

describe('checkContainers, checkEntities, checkTriggers', () => {
  it('fails undeclared containers and entities', () => {
    expect(rules.checkContainers([{ name: 'catalog', at: 'a.ts:1' }], ['catalog'])).toEqual([]);
    expect(rules.checkContainers([{ name: 'nope', at: 'a.ts:1' }], ['catalog'])).toEqual([
      "a.ts:1: Cosmos container 'nope' is not in bicep/cosmos-containers.json",
    ]);
    const code = {
      containers: [],
      topics: [{ name: 't', at: 'a.ts:1' }],
      queues: [{ name: 'q', at: 'a.ts:2' }],
      subscriptions: [{ name: 't/other', at: 'a.ts:3' }],
      triggers: [],
      problems: [],
    };
    expect(rules.checkEntities(code, { topics: ['t'], queues: ['q'], subscriptions: ['t/other'] })).toEqual(
      [],
    );
    expect(rules.checkEntities(code, { topics: [], queues: [], subscriptions: ['t/s'] })).toEqual([
      "a.ts:1: Service Bus topic 't' is not in bicep/servicebus-entities.json",
      "a.ts:2: Service Bus queue 'q' is not in bicep/servicebus-entities.json",
      "a.ts:3: Service Bus subscription 't/other' is not in bicep/servicebus-entities.json",
    ]);
  });

  it('fails a trigger whose app lacks the connection setting or the receiver role', () => {
    const receiver = app({
      settings: { SERVICEBUS__fullyQualifiedNamespace: 'servicebus.namespace' },
      roles: ['servicebus-receiver'],
    });
    expect(rules.checkTriggers(receiver, [{ at: 'i.ts:1', connection: 'SERVICEBUS' }])).toEqual([]);
    expect(
      rules.checkTriggers(app(), [
        { at: 'i.ts:1', connection: 'SERVICEBUS' },
        { at: 'i.ts:9', connection: undefined },
      ]),
    ).toEqual([
      "i.ts:1: app 'metadata' lacks setting SERVICEBUS__fullyQualifiedNamespace for its trigger",
      "i.ts:1: app 'metadata' has a Service Bus trigger but not the servicebus-receiver role",
      "i.ts:9: Service Bus trigger without connection: 'SERVICEBUS'",
      "i.ts:9: app 'metadata' has a Service Bus trigger but not the servicebus-receiver role",
    ]);
  });
});

describe('checkAzureYaml', () => {
  const service = (name: string, extra = '') =>
    `  ${name}:\n    project: ./functions/${name}\n    dist: dist\n    language: js\n    host: function\n    remoteBuild: false\n${extra}`;

  it('passes one function service per app', () => {
    expect(
      rules.checkAzureYaml(`name: x\nservices:\n${service('a')}${service('b')}hooks:\n  x: y\n`, ['a', 'b']),
    ).toEqual([]);
  });

  it('fails a missing service, a wrong project, and an undeclared function service', () => {
    const yaml = `services:\n${service('a').replace('functions/a', 'functions/z')}${service('extra')}`;
    expect(rules.checkAzureYaml(yaml, ['a', 'b'])).toEqual([
      "azure.yaml service 'a' lacks project: ./functions/a",
      "azure.yaml has no service 'b'",
      "azure.yaml deploys function service 'extra', which bicep/function-apps.json does not declare",
    ]);
  });
});

describe('functionAppsSchema', () => {
  it('rejects unknown roles, bad names, duplicates and unknown fields', () => {
    const text = JSON.stringify({
      apps: [
        { name: 'Bad Name', settings: {}, roles: ['owner'] },
        { name: 'a', settings: { 'not a name': 'x' }, roles: [], extra: 1 },
      ],
    });
    const parsed = parseDeclaration('f.json', text, functionAppsSchema);
    expect(parsed.ok).toBe(false);
    const problems = parsed.ok ? [] : parsed.problems.join('\n');
    expect(problems).toContain('apps.0.name');
    expect(problems).toContain('apps.0.roles.0');
    expect(problems).toContain('apps.1');
    expect(parseDeclaration('f.json', '{', functionAppsSchema).ok).toBe(false);
  });
});
