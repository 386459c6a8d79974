import { join } from 'node:path';
import type { PluginOption, UserConfig } from 'vite';

/**
 * The Vite configuration every UI shares. `base: '/'` because each UI owns its origin (its own
 * storage account `$web` behind the gateway or a static website endpoint). No environment values
 * are baked in: settings come from `/config.json` at run time.
 *
 * Nothing here imports Vite or its plugins at run time: local/web/build-ui.ts loads those with a
 * native `import()` (tsx would otherwise transpile Vite's ESM to CommonJS, which breaks it), so the
 * caller passes the React plugin in.
 */
export function defineAppConfig(appDir: string, plugins: PluginOption[]): UserConfig {
  return {
    root: appDir,
    base: '/',
    plugins,
    // Shared static files (favicon) live once in web/ui/public.
    publicDir: join(__dirname, 'public'),
    // CSS modules through Lightning CSS (already Vite's CSS minifier): it resolves `composes: x from
    // './shared.module.css'` itself, where the PostCSS route warned on every build about a missing `from`.
    css: { transformer: 'lightningcss' },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      // The initial chunk should stay well below the 300 KB gzip budget: warn early.
      chunkSizeWarningLimit: 400,
    },
    server: { host: '127.0.0.1', strictPort: true },
    preview: { host: '127.0.0.1', strictPort: true },
  };
}
