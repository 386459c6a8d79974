/**
 * No Bicep compiler runs on our machines, so this test cross-checks bicep/ against the code instead
 * (DESIGN.md "Azure shape"): app folders, the settings each app reads, the Cosmos containers and Service Bus
 * entities the code names, and Bicep hygiene. The rules live in bicep/checks/ and are tested on bad inputs there.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lexBicep } from './checks/bicep-lexer';
import * as bicep from './checks/bicep-rules';
import { type SourceFile, scanCode, scanPublishes } from './checks/code-scan';
import * as rules from './checks/crosscheck-rules';
import {
  containerOwnershipSchema,
  cosmosContainersSchema,
  entitiesDeclarationSchema,
  functionAppsSchema,
  loadDeclaration,
  parseDeclaration,
  topicOwnershipSchema,
} from './checks/declarations';

const root = resolve(__dirname, '..');
const readFile = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);
const rel = (path: string) => relative(root, path);

function walk(dir: string, keep: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return ['node_modules', 'dist', '.data'].includes(entry.name) ? [] : walk(path, keep);
    return keep(path) ? [path] : [];
  });
}

// The files that define the naming functions are not uses of them; tests name things on purpose.
const definitions = [
  'shared/platform/cosmos/container-names.ts',
  'shared/platform/servicebus/entity-names.ts',
];
const sources = (dir: string): SourceFile[] =>
  walk(
    join(root, dir),
    (p) => /\.tsx?$/.test(p) && !/\.test\.tsx?$/.test(p) && !definitions.includes(rel(p)),
  ).map((p) => ({ path: rel(p), text: readFileSync(p, 'utf8') }));

const bicepFiles = walk(__dirname, (p) => p.endsWith('.bicep')).map((p) => ({
  path: p,
  text: readFileSync(p, 'utf8'),
}));
const mainBicep = bicepFiles.find((f) => rel(f.path) === 'bicep/main.bicep');
const clientBicep = bicepFiles.find((f) => rel(f.path) === 'bicep/client.bicep');
const functionAppModule = bicepFiles.find((f) => rel(f.path) === 'bicep/modules/function-app.bicep');
const appFolders = readdirSync(join(root, 'functions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'functions', d.name, 'index.ts')))
  .map((d) => d.name);

/** Passes when there are no problems; a failure lists every one. */
const expectNone = (problems: readonly string[]) =>
  expect(
    problems.map((p) => p.replace(root, '.')),
    `\n${problems.join('\n')}\n`,
  ).toEqual([]);

const loadApps = () => loadDeclaration(root, 'function-apps.json', functionAppsSchema).apps;
/** The client deployment's apps (client.bicep), checked as the vendor's are. */
const loadClientApps = () => loadDeclaration(root, 'client-function-apps.json', functionAppsSchema).apps;
const allApps = () => [...loadApps(), ...loadClientApps()];

describe('bicep cross-check (this repository)', () => {
  it('declarations parse and match their schemas', () => {
    const problems = [
      ['function-apps.json', functionAppsSchema],
      ['cosmos-containers.json', cosmosContainersSchema],
      ['servicebus-entities.json', entitiesDeclarationSchema],
      ['cosmos-containers.json', containerOwnershipSchema],
      ['servicebus-entities.json', topicOwnershipSchema],
      ['client-function-apps.json', functionAppsSchema],
      ['client-cosmos-containers.json', cosmosContainersSchema],
      ['client-servicebus-entities.json', entitiesDeclarationSchema],
      ['client-cosmos-containers.json', containerOwnershipSchema],
      ['client-servicebus-entities.json', topicOwnershipSchema],
    ].flatMap(([file, schema]) => {
      const parsed = parseDeclaration(
        `bicep/${file}`,
        readFileSync(join(__dirname, file as string), 'utf8'),
        schema as never,
      );
      return parsed.ok ? [] : parsed.problems;
    });
    expectNone(problems);
  });

  it('main.parameters.json feeds only params main.bicep declares, from the azd environment', () => {
    const parameters = JSON.parse(readFileSync(join(__dirname, 'main.parameters.json'), 'utf8')).parameters;
    const declared = mainBicep ? bicep.paramDeclarations(lexBicep(mainBicep.text)).map((p) => p.name) : [];
    expect(Object.keys(parameters).filter((k) => !declared.includes(k))).toEqual([]);
    expect(parameters.environmentName.value).toBe(`\${AZURE_ENV_NAME}`);
    expect(parameters.location.value).toBe(`\${AZURE_LOCATION}`);
  });

  it('(a) every functions/<app> with an index.ts is in function-apps.json or client-function-apps.json, and vice versa', () => {
    expect(appFolders.length).toBeGreaterThan(0);
    const vendor = loadApps().map((a) => a.name);
    const client = loadClientApps().map((a) => a.name);
    expect(vendor.filter((a) => client.includes(a))).toEqual([]);
    expectNone(rules.checkAppFolders(appFolders, [...vendor, ...client]));
  });

  it('(b) every setting an app reads in Azure (settingsSpec.azureNames) is declared for it, and nothing else', async () => {
    const platformSettings = functionAppModule
      ? (bicep.varListNames(functionAppModule, 'platformSettings') ?? [])
      : [];
    expect(platformSettings).toContain('AzureWebJobsStorage__accountName');
    const problems: string[] = [];
    for (const app of allApps()) {
      const configFile = join(root, 'functions', app.name, 'config.ts');
      if (!existsSync(configFile)) {
        problems.push(
          `functions/${app.name}/config.ts is missing: it must export settingsSpec (defineSettings)`,
        );
        continue;
      }
      const mod = (await import(configFile)) as { settingsSpec?: rules.SettingsNames };
      if (!mod.settingsSpec?.azureNames) {
        problems.push(`functions/${app.name}/config.ts does not export settingsSpec with azureNames`);
        continue;
      }
      problems.push(...rules.checkAppSettings(app, mod.settingsSpec, platformSettings));
    }
    expectNone(problems);
  });

  // Each deployment is checked against its own declarations: the vendor apps (and shared/) against
  // cosmos-containers.json and servicebus-entities.json, the client apps against client-*.json.
  const deployments = () => [
    {
      suffix: '',
      apps: loadApps(),
      files: [...loadApps().flatMap((a) => sources(`functions/${a.name}`)), ...sources('shared')],
    },
    {
      suffix: 'client-',
      apps: loadClientApps(),
      files: loadClientApps().flatMap((a) => sources(`functions/${a.name}`)),
    },
  ];

  it("(c) every Cosmos container the code names is in its deployment's cosmos-containers.json", () => {
    const problems = deployments().flatMap(({ suffix, files }) => {
      const code = scanCode(files);
      const file = `${suffix}cosmos-containers.json`;
      const declared = loadDeclaration(root, file, cosmosContainersSchema).containers.map((c) => c.name);
      return [
        ...code.problems,
        ...rules
          .checkContainers(code.containers, declared)
          .map((p) => p.replace('bicep/cosmos-containers.json', `bicep/${file}`)),
      ];
    });
    expect(scanCode(sources('functions')).containers.length).toBeGreaterThan(0);
    expectNone(problems);
  });

  it("(d) every topic, queue and subscription the code names is in its deployment's servicebus-entities.json; triggers can connect", () => {
    const problems = deployments().flatMap(({ suffix, apps, files }) => {
      const code = scanCode(files);
      const file = `${suffix}servicebus-entities.json`;
      const entities = loadDeclaration(root, file, entitiesDeclarationSchema);
      const declared = {
        topics: entities.topics.map((t) => t.name),
        queues: entities.queues.map((q) => q.name),
        subscriptions: entities.topics.flatMap((t) => t.subscriptions.map((s) => `${t.name}/${s.name}`)),
      };
      const triggerProblems = apps.flatMap((app) =>
        rules.checkTriggers(app, scanCode(sources(`functions/${app.name}`)).triggers),
      );
      return [
        ...code.problems,
        ...rules
          .checkEntities(code, declared)
          .map((p) => p.replace('bicep/servicebus-entities.json', `bicep/${file}`)),
        ...triggerProblems,
      ];
    });
    expectNone(problems);
  });

  it('(f) each container and topic names its owner and readers; no other app names it, only the owner publishes', () => {
    expect(scanCode([...sources('functions'), ...sources('shared')]).containers.length).toBeGreaterThan(0);
    const problems = deployments().flatMap(({ suffix, apps, files }) => {
      const code = scanCode(files);
      const names = apps.map((a) => a.name);
      const containersFile = `${suffix}cosmos-containers.json`;
      const topicsFile = `${suffix}servicebus-entities.json`;
      const containers = loadDeclaration(root, containersFile, containerOwnershipSchema).containers;
      const topics = loadDeclaration(root, topicsFile, topicOwnershipSchema).topics;
      return [
        ...rules.checkOwnership(
          'Cosmos container',
          `bicep/${containersFile}`,
          containers,
          names,
          code.containers,
        ),
        ...rules.checkOwnership(
          'Service Bus topic',
          `bicep/${topicsFile}`,
          topics,
          names,
          code.topics,
          scanPublishes(files),
        ),
      ];
    });
    expectNone(problems);
  });

  it('(e) Bicep files are well-formed: brackets, module paths and params, outputs, loadJsonContent, used params', () => {
    expect(bicepFiles.length).toBeGreaterThan(5);
    const problems = bicepFiles.flatMap((f) => [
      ...bicep.checkSyntax(f),
      ...bicep.checkModules(f, readFile),
      ...bicep.checkLoadJsonPaths(f, readFile),
      ...bicep.checkUnusedParams(f),
    ]);
    expectNone(problems);
  });

  it('(e) identity only: no keys, secrets or connection strings; key-based access switched off; GA API versions', () => {
    const apps = loadApps();
    const problems = [
      ...bicepFiles.flatMap((f) => [
        ...bicep.checkNoSecrets(f),
        ...bicep.checkResources(f),
        ...bicep.checkFlexSettings(f),
      ]),
      ...rules.checkIdentityOnlySettings([...apps, ...loadClientApps()], bicep.forbiddenFlexSettings),
    ];
    expectNone(problems);
  });

  it('(e) Function apps: one module, Node 22, bindings exist in main.bicep, roles match connections, azure.yaml', () => {
    const apps = loadApps();
    const valueKeys = mainBicep ? (bicep.varObjectKeys(mainBicep, 'settingValues') ?? []) : [];
    expect(valueKeys).toContain('cosmos.endpoint');
    const problems = [
      ...(functionAppModule
        ? bicep.checkNodeRuntime(functionAppModule)
        : ['bicep/modules/function-app.bicep missing']),
      ...bicep.checkSingleSiteModule(bicepFiles, functionAppModule?.path ?? ''),
      ...rules.checkBindings(apps, valueKeys),
      ...apps.flatMap((a) => rules.checkRoles(a)),
      // client.bicep binds the client apps' settings to its own settingValues.
      ...rules
        .checkBindings(
          loadClientApps(),
          clientBicep ? (bicep.varObjectKeys(clientBicep, 'settingValues') ?? []) : [],
        )
        .map((p) => p.replace("main.bicep's", "client.bicep's")),
      ...loadClientApps().flatMap((a) => rules.checkRoles(a)),
      ...rules.checkAzureYaml(
        readFileSync(join(root, 'azure.yaml'), 'utf8'),
        apps.map((a) => a.name),
      ),
    ];
    expectNone(problems);
  });
});
