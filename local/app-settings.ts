import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every value the local stack can give an app, by setting name. Each app gets only the settings its
 * own `config.ts` declares (as in Azure, where each Function app has its own app settings).
 */
export type LocalValues = Record<string, string>;

interface SettingsModule {
  settingsSpec: { localNames: readonly string[] };
}

/** The local settings of one app: the names its config declares, filled from `values`. */
export async function settingsForApp(appDir: string, values: LocalValues): Promise<Record<string, string>> {
  const configFile = join(appDir, 'config.ts');
  if (!existsSync(configFile)) throw new Error(`${appDir} has no config.ts declaring its settings`);
  const mod = (await import(configFile)) as SettingsModule;
  const settings: Record<string, string> = {};
  for (const name of mod.settingsSpec.localNames) {
    const value = values[name];
    if (value !== undefined) settings[name] = value;
  }
  return settings;
}
