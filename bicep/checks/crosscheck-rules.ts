/**
 * Rules that compare the code with the Bicep declarations. Each takes plain data and returns problems as
 * readable strings ([] = consistent), so each can be tested on small bad inputs.
 */
import type { CodeNames, Named } from './code-scan';
import type { FunctionAppDeclaration, RoleName } from './declarations';

/** What an app's config module exports as `settingsSpec` (shared/platform/config.ts `defineSettings`). */
export interface SettingsNames {
  readonly azureNames: readonly string[];
  readonly localNames: readonly string[];
}

/** Every app folder with an index.ts is declared, and every declared app has such a folder. */
export function checkAppFolders(folders: readonly string[], declared: readonly string[]): string[] {
  return [
    ...folders
      .filter((f) => !declared.includes(f))
      .map((f) => `functions/${f}/index.ts exists but bicep/function-apps.json does not declare app '${f}'`),
    ...declared
      .filter((d) => !folders.includes(d))
      .map((d) => `bicep/function-apps.json declares app '${d}' but functions/${d}/index.ts does not exist`),
  ];
}

/**
 * The app's Bicep settings are exactly what its code reads in Azure: every `azureNames` entry is declared
 * (in function-apps.json or by the Function app module itself), nothing else is, and no connection-string
 * form (a `localNames` entry that is not also an Azure name) is.
 */
export function checkAppSettings(
  app: FunctionAppDeclaration,
  spec: SettingsNames,
  platformSettings: readonly string[],
): string[] {
  const declared = Object.keys(app.settings);
  const problems: string[] = [];
  for (const name of spec.azureNames) {
    if (!declared.includes(name) && !platformSettings.includes(name)) {
      problems.push(
        `app '${app.name}' reads ${name}, which bicep/function-apps.json does not declare for it`,
      );
    }
  }
  for (const name of declared) {
    if (!spec.azureNames.includes(name)) {
      problems.push(
        `app '${app.name}': bicep/function-apps.json declares ${name}, which its settingsSpec does not read`,
      );
    }
    if (spec.localNames.includes(name) && !spec.azureNames.includes(name)) {
      problems.push(
        `app '${app.name}': ${name} is the connection-string form; declare the identity-based setting`,
      );
    }
  }
  return problems;
}

/** Every binding in function-apps.json names a key of main.bicep's `settingValues`. */
export function checkBindings(
  apps: readonly FunctionAppDeclaration[],
  valueKeys: readonly string[],
): string[] {
  return apps.flatMap((app) =>
    Object.entries(app.settings)
      .filter(([, key]) => !valueKeys.includes(key))
      .map(
        ([name, key]) =>
          `app '${app.name}': ${name} binds to '${key}', which main.bicep's settingValues lacks`,
      ),
  );
}

// Which roles make a binding usable, and so which bindings each role is for. A group lists every binding
// one role serves (a Key Vault reference needs the same secrets role as the vault endpoint).
const roleGroups: readonly { bindings: readonly string[]; roles: readonly RoleName[] }[] = [
  { bindings: ['cosmos.endpoint'], roles: ['cosmos-data-contributor'] },
  { bindings: ['servicebus.namespace'], roles: ['servicebus-sender', 'servicebus-receiver'] },
  { bindings: ['storage.blobServiceUri'], roles: ['storage-blob-data-contributor'] },
  { bindings: ['email.endpoint'], roles: ['email-sender'] },
  {
    bindings: ['keyvault.uri', 'keyvault.licenseSigningKeys'],
    roles: ['keyvault-secrets-user', 'keyvault-secrets-officer'],
  },
];

/** An app holds a role for each service it connects to, and no role for a service it does not. */
export function checkRoles(app: FunctionAppDeclaration): string[] {
  const bindings = Object.values(app.settings);
  const problems: string[] = [];
  for (const group of roleGroups) {
    const connected = group.bindings.find((b) => bindings.includes(b));
    const holds = group.roles.filter((r) => app.roles.includes(r));
    if (connected && holds.length === 0) {
      problems.push(
        `app '${app.name}' connects to ${connected} but holds none of: ${group.roles.join(', ')}`,
      );
    }
    if (!connected && holds.length > 0) {
      problems.push(
        `app '${app.name}' holds ${holds.join(', ')} but has no setting bound to ${group.bindings.join(' or ')}`,
      );
    }
  }
  return problems;
}

// Connections (shared brief "Settings"): the bare name holds a connection string, never allowed in Azure.
const connectionNames = ['COSMOS', 'SERVICEBUS', 'STORAGE', 'EMAIL', 'AzureWebJobsStorage'];
const secretLikeName =
  /(connectionstring|connection_string|accountkey|accesskey|sharedaccess|secret|password|sas)$/i;

/** Setting names are identity-based or plain: no connection strings, keys, secrets, or Flex-rejected names. */
export function checkIdentityOnlySettings(
  apps: readonly FunctionAppDeclaration[],
  forbiddenNames: readonly string[],
): string[] {
  return apps.flatMap((app) =>
    Object.keys(app.settings).flatMap((name) => {
      const problems: string[] = [];
      const prefixedElsewhere = Object.keys(app.settings).some((other) => other.startsWith(`${name}__`));
      if (connectionNames.includes(name) || prefixedElsewhere) {
        problems.push(`app '${app.name}': ${name} is a connection-string setting; use ${name}__<property>`);
      }
      if (secretLikeName.test(name)) problems.push(`app '${app.name}': ${name} looks like a secret`);
      if (forbiddenNames.includes(name))
        problems.push(`app '${app.name}': ${name} is rejected by Flex Consumption`);
      return problems;
    }),
  );
}

/** Every container the code names is declared. */
export function checkContainers(named: readonly Named[], declared: readonly string[]): string[] {
  return named
    .filter((n) => !declared.includes(n.name))
    .map((n) => `${n.at}: Cosmos container '${n.name}' is not in bicep/cosmos-containers.json`);
}

/** The declared Service Bus entities, by kind. */
export interface DeclaredEntities {
  topics: readonly string[];
  queues: readonly string[];
  /** `topic/subscription`. */
  subscriptions: readonly string[];
}

/** Every topic, queue and subscription the code names is declared. */
export function checkEntities(code: CodeNames, declared: DeclaredEntities): string[] {
  const missing = (list: readonly Named[], known: readonly string[], kind: string) =>
    list
      .filter((n) => !known.includes(n.name))
      .map((n) => `${n.at}: Service Bus ${kind} '${n.name}' is not in bicep/servicebus-entities.json`);
  return [
    ...missing(code.topics, declared.topics, 'topic'),
    ...missing(code.queues, declared.queues, 'queue'),
    ...missing(code.subscriptions, declared.subscriptions, 'subscription'),
  ];
}

/** An app's Service Bus triggers name a connection it declares identity-based, and the app may receive. */
export function checkTriggers(app: FunctionAppDeclaration, triggers: CodeNames['triggers']): string[] {
  return triggers.flatMap((t) => {
    const problems: string[] = [];
    if (!t.connection) problems.push(`${t.at}: Service Bus trigger without connection: 'SERVICEBUS'`);
    else if (!(`${t.connection}__fullyQualifiedNamespace` in app.settings)) {
      problems.push(
        `${t.at}: app '${app.name}' lacks setting ${t.connection}__fullyQualifiedNamespace for its trigger`,
      );
    }
    if (!app.roles.includes('servicebus-receiver')) {
      problems.push(
        `${t.at}: app '${app.name}' has a Service Bus trigger but not the servicebus-receiver role`,
      );
    }
    return problems;
  });
}

/** azure.yaml has one `host: function` service per app, named after it, deploying functions/<app>/dist. */
export function checkAzureYaml(yaml: string, apps: readonly string[]): string[] {
  const services = new Map<string, string>();
  const section = /^services:\s*\n((?:[ \t]+.*\n|\s*\n)*)/m.exec(yaml)?.[1] ?? '';
  let current: string | undefined;
  for (const line of section.split('\n')) {
    const key = /^ {2}([A-Za-z0-9_-]+):\s*$/.exec(line);
    if (key) {
      current = key[1] as string;
      services.set(current, '');
    } else if (current) services.set(current, `${services.get(current)}${line}\n`);
  }
  const problems: string[] = [];
  for (const app of apps) {
    const body = services.get(app);
    if (body === undefined) {
      problems.push(`azure.yaml has no service '${app}'`);
      continue;
    }
    for (const [pattern, what] of [
      [new RegExp(`^\\s+project:\\s*\\.?/?functions/${app}/?\\s*$`, 'm'), `project: ./functions/${app}`],
      [/^\s+host:\s*function\s*$/m, 'host: function'],
      [/^\s+dist:\s*dist\s*$/m, 'dist: dist'],
      [/^\s+remoteBuild:\s*false\s*$/m, 'remoteBuild: false'],
    ] as const) {
      if (!pattern.test(body)) problems.push(`azure.yaml service '${app}' lacks ${what}`);
    }
  }
  for (const [name, body] of services) {
    if (/^\s+host:\s*function\s*$/m.test(body) && !apps.includes(name)) {
      problems.push(
        `azure.yaml deploys function service '${name}', which bicep/function-apps.json does not declare`,
      );
    }
  }
  return problems;
}
