/**
 * The local Azure Functions host: one worker process per Function app (own settings, own `app.setup()`
 * state), each loading the app's `index.ts` unchanged (bundled with esbuild), behind one HTTP front that
 * serves every app's routes under the route prefix, the admin API, timers and Service Bus triggers.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import type { Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertPortFree } from '../net';
import { createAdminHandler, type FunctionInfo } from './admin-api';
import { bundleEntry, defaultBuildRoot, removeStaleDirs } from './build-app';
import { createConnectionRouter, createFrontHttpServer, type HttpTarget } from './front-server';
import { RouteTable } from './route-matcher';
import type { FunctionMetadata } from './worker/core-types';
import type { ServiceBusHostOptions } from './worker/service-bus-trigger';
import type { RouteSpec, WorkerLogEntry } from './worker/worker-protocol';
import { WorkerProcess } from './worker-process';

export type { FunctionInfo } from './admin-api';

/** Options of startHost. */
export interface HostOptions {
  /** Front port on 127.0.0.1 (0 picks a free one). */
  port: number;
  /**
   * Apps: name, folder, and its settings (like local.settings.json `Values`). The folder holds the
   * app's `index.ts` (bundled here), or is a built app (package.json `main`, loaded as is).
   */
  apps: { name: string; dir: string; settings: Record<string, string> }[];
  /** host.json to read (routePrefix, serviceBus options); defaults apply without one. */
  hostJsonPath?: string;
  /** Receives every log line (JSON lines for invocations, `[app] ...` for worker output). */
  log?: (line: string) => void;
  /** Where bundles go; default `.data/host-build/<unique>` beside node_modules, removed on stop. */
  buildDir?: string;
  /** Node flags for the workers (default `--enable-source-maps`), e.g. add `--inspect=0` to debug. */
  workerExecArgv?: string[];
}

/** A running host. */
export interface RunningHost {
  url: string;
  functions(): FunctionInfo[];
  stop(): Promise<void>;
}

/** Every folder under `functionsDir` that holds an `index.ts` is a Function app, named after the folder. */
export function discoverApps(functionsDir: string): { name: string; dir: string }[] {
  return readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(functionsDir, d.name, 'index.ts')))
    .map((d) => ({ name: d.name, dir: path.resolve(functionsDir, d.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * What a worker loads for an app: a source folder's `index.ts`, bundled into the build dir; or, for a
 * folder without one, the file its package.json `main` names, loaded as is (a built or packaged app:
 * what Azure runs from a deployment package).
 */
function appEntry(app: { name: string; dir: string }, buildDir: string): { source?: string; file: string } {
  const source = path.join(app.dir, 'index.ts');
  if (existsSync(source)) return { source, file: path.join(buildDir, app.name, 'index.js') };
  const manifest = path.join(app.dir, 'package.json');
  const main = existsSync(manifest)
    ? (JSON.parse(readFileSync(manifest, 'utf8')) as { main?: unknown }).main
    : undefined;
  if (typeof main !== 'string') {
    throw new Error(`Function app '${app.name}': ${app.dir} has neither an index.ts nor a package.json main`);
  }
  return { file: path.resolve(app.dir, main) };
}

/** Parses a .NET TimeSpan such as `00:05:00` to milliseconds. */
function timeSpanMs(value: unknown, fallback: number): number {
  const m = typeof value === 'string' ? /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(value) : null;
  if (!m) return fallback;
  return (((Number(m[1] ?? 0) * 24 + Number(m[2])) * 60 + Number(m[3])) * 60 + Number(m[4])) * 1000;
}

interface HostJson {
  routePrefix: string;
  serviceBus: ServiceBusHostOptions;
}

function readHostJson(file: string | undefined): HostJson {
  const json = file
    ? (JSON.parse(readFileSync(file, 'utf8')) as { extensions?: Record<string, Record<string, unknown>> })
    : {};
  const httpExt = json.extensions?.http ?? {};
  const sb = json.extensions?.serviceBus ?? {};
  return {
    routePrefix: typeof httpExt.routePrefix === 'string' ? httpExt.routePrefix : 'api',
    serviceBus: {
      maxConcurrentCalls: Number(sb.maxConcurrentCalls ?? 16) || 16,
      maxAutoLockRenewalMs: timeSpanMs(sb.maxAutoLockRenewalDuration, 5 * 60_000),
      maxMessageBatchSize: Number(sb.maxMessageBatchSize ?? 1000) || 1000,
    },
  };
}

/** The environment every worker starts from; app settings are merged over it. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {
    FUNCTIONS_WORKER_RUNTIME: 'node',
    AZURE_FUNCTIONS_ENVIRONMENT: 'Development',
  };
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'NODE_EXTRA_CA_CERTS', 'SYSTEMROOT']) {
    const v = process.env[k];
    if (v !== undefined) env[k] = v;
  }
  return env;
}

function describe(app: string, meta: FunctionMetadata, routePrefix: string): FunctionInfo {
  const entry = Object.values(meta.bindings).find(
    (b) => b.direction === 'in' && /trigger$/i.test(String(b.type)),
  );
  const b = (entry ?? {}) as Record<string, unknown>;
  const info: FunctionInfo = { app, name: meta.name, trigger: String(b.type ?? 'unknown') };
  const type = info.trigger.toLowerCase();
  if (type === 'httptrigger') {
    info.route = typeof b.route === 'string' ? b.route : meta.name;
    info.methods = Array.isArray(b.methods) ? (b.methods as string[]).map((m) => m.toUpperCase()) : [];
    info.path = `/${[routePrefix, info.route].filter((s) => s !== '').join('/')}`;
  } else if (type === 'timertrigger') {
    info.schedule = String(b.schedule ?? '');
    info.runOnStartup = b.runOnStartup === true;
  } else if (type === 'servicebustrigger') {
    info.entity = b.queueName ? String(b.queueName) : `${b.topicName}/Subscriptions/${b.subscriptionName}`;
    info.connection = String(b.connection ?? '');
  }
  return info;
}

interface AppRuntime {
  name: string;
  spec: ConstructorParameters<typeof WorkerProcess>[0];
  worker?: WorkerProcess;
  httpUri?: string | undefined;
  functions: FunctionInfo[];
  restarts: number;
  stopping: boolean;
  restartTimer?: NodeJS.Timeout;
}

/** Starts the host; resolves once every app has loaded and registered its functions. */
export async function startHost(o: HostOptions): Promise<RunningHost> {
  const log = o.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const hostJson = readHostJson(o.hostJsonPath);
  if (o.port !== 0) await assertPortFree(o.port, 'Functions host');
  const ownBuildDir = !o.buildDir;
  // Bundles resolve third-party packages from the node_modules above them: those of the first source
  // app, else the host's own (a packaged app carries its packages and may live anywhere).
  const firstDir = o.apps.find((a) => existsSync(path.join(a.dir, 'index.ts')))?.dir ?? __dirname;
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  let buildDir = o.buildDir;
  if (!buildDir) {
    const root = defaultBuildRoot(firstDir);
    removeStaleDirs(root);
    buildDir = path.join(root, stamp);
  }
  const built = buildDir;
  const entries = o.apps.map((a) => appEntry(a, built));
  mkdirSync(buildDir, { recursive: true });
  removeStaleDirs(tmpdir(), 'kpi-host-');
  const sockDir = path.join(tmpdir(), `kpi-host-${stamp}`);
  mkdirSync(sockDir, { recursive: true });

  const workerScript = path.join(buildDir, '_worker', 'worker.js');
  const buildStart = Date.now();
  await Promise.all([
    bundleEntry(path.join(__dirname, 'worker', 'worker-main.ts'), workerScript),
    ...o.apps.map((a, i) => {
      const entry = entries[i];
      if (!entry?.source) return undefined;
      return bundleEntry(entry.source, entry.file).catch((err: Error) => {
        throw new Error(`Function app '${a.name}' failed to build: ${err.message}`);
      });
    }),
  ]);

  log(`[host] bundled ${o.apps.length} app(s) and the worker in ${Date.now() - buildStart} ms`);
  const routes = new RouteTable<HttpTarget>();
  const runtimes: AppRuntime[] = o.apps.map((a, i) => ({
    name: a.name,
    functions: [],
    restarts: 0,
    stopping: false,
    spec: {
      app: a.name,
      entry: entries[i]?.file ?? '',
      workerScript,
      socketPath: path.join(sockDir, `${i}.sock`),
      env: { ...baseEnv(), ...a.settings },
      serviceBus: hostJson.serviceBus,
      execArgv: o.workerExecArgv,
      log,
      onLog: (entry: WorkerLogEntry) => {
        // The library's debug/trace system chatter is noise locally; user logs are kept at every level.
        if (entry.category === 'system' && (entry.level === 'debug' || entry.level === 'trace')) return;
        log(formatLog(a.name, entry));
      },
    },
  }));

  const register = (rt: AppRuntime, functions: FunctionMetadata[]) => {
    routes.removeWhere((t) => t.app === rt.name);
    rt.functions = functions.map((f) => describe(rt.name, f, hostJson.routePrefix));
    for (const f of rt.functions) {
      if (f.trigger.toLowerCase() !== 'httptrigger') continue;
      try {
        routes.add(f.route ?? f.name, f.methods, {
          app: rt.name,
          fn: f.name,
          worker: () => rt.worker,
          streamUri: () => rt.httpUri,
        });
      } catch (err) {
        throw new Error(`Function app '${rt.name}', function '${f.name}': ${(err as Error).message}`);
      }
    }
  };

  const scheduleRestart = (rt: AppRuntime) => {
    if (rt.stopping) return;
    const delay = Math.min(30_000, 1000 * 2 ** rt.restarts++);
    log(`!!!!! [${rt.name}] restarting the worker in ${delay} ms (restart #${rt.restarts})`);
    rt.restartTimer = setTimeout(() => {
      launch(rt).then(
        () => log(`[${rt.name}] worker restarted`),
        (err: Error) => {
          log(`!!!!! ${err.message}`);
          scheduleRestart(rt);
        },
      );
    }, delay);
  };

  const launch = async (rt: AppRuntime): Promise<void> => {
    const spawnedAt = Date.now();
    const worker = new WorkerProcess({ ...rt.spec });
    const ready = worker.ready();
    rt.worker = worker;
    let info: Awaited<typeof ready>;
    try {
      info = await ready;
    } catch (err) {
      await worker.stop(500).catch(() => {});
      if (rt.worker === worker) rt.worker = undefined;
      throw new Error(`Function app '${rt.name}' failed to load: ${(err as Error).message}`);
    }
    const startedAt = Date.now();
    rt.httpUri = info.httpUri;
    try {
      register(rt, info.functions);
    } catch (err) {
      await worker.stop(500).catch(() => {});
      if (rt.worker === worker) rt.worker = undefined;
      throw err;
    }
    if (frontUrl) broadcastRoutes();
    log(
      `[${rt.name}] loaded ${info.functions.length} function(s) in ${startedAt - spawnedAt} ms ` +
        `(app entry ${info.entryLoadMs} ms)`,
    );
    void worker.exited.then((code) => {
      if (rt.stopping || rt.worker !== worker) return;
      rt.worker = undefined;
      log(`!!!!! [${rt.name}] the worker process exited unexpectedly (code ${code})`);
      // A worker that stayed up a minute had recovered: start the back-off afresh.
      if (Date.now() - startedAt > 60_000) rt.restarts = 0;
      scheduleRestart(rt);
    });
  };

  const functions = () => runtimes.flatMap((r) => r.functions);
  // Every worker knows every app's routes: it serves the connections the front hands it.
  let frontUrl = '';
  const broadcastRoutes = () => {
    const specs: RouteSpec[] = functions()
      .filter((f) => f.trigger.toLowerCase() === 'httptrigger')
      .map((f) => ({ template: f.route ?? f.name, methods: f.methods ?? [], app: f.app, fn: f.name }));
    for (const rt of runtimes) rt.worker?.setRoutes(hostJson.routePrefix, specs, frontUrl);
  };
  let httpServer: HttpServer | undefined;
  let router: NetServer | undefined;
  const stop = async () => {
    for (const rt of runtimes) {
      rt.stopping = true;
      clearTimeout(rt.restartTimer);
    }
    await Promise.all(runtimes.map((rt) => rt.worker?.stop()));
    // The port stops accepting at once. Its 'close' callback is not awaited: Node has it wait for
    // connections handed to workers to be reported closed by them, which exited workers never do.
    router?.close();
    if (httpServer) {
      const s = httpServer;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
    }
    rmSync(sockDir, { recursive: true, force: true });
    if (ownBuildDir) rmSync(buildDir, { recursive: true, force: true });
  };

  try {
    const results = await Promise.allSettled(runtimes.map(launch));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const admin = createAdminHandler({
      functions,
      log,
      invoke: (app, fn, input) => {
        const worker = runtimes.find((r) => r.name === app)?.worker;
        if (!worker) return Promise.reject(new Error(`App '${app}' is not running.`));
        return worker.invoke(fn, input);
      },
    });
    const local = createFrontHttpServer({ routePrefix: hostJson.routePrefix, routes, admin });
    httpServer = local;
    // The front's own server also listens on an internal port, where workers pass on other apps' requests.
    await new Promise<void>((resolve, reject) => {
      local.once('error', reject);
      local.listen(0, '127.0.0.1', () => resolve());
    });
    frontUrl = `http://127.0.0.1:${(local.address() as { port: number }).port}`;
    broadcastRoutes();
    const r = createConnectionRouter({ routePrefix: hostJson.routePrefix, routes, local });
    router = r;
    await new Promise<void>((resolve, reject) => {
      r.once('error', reject);
      r.listen(o.port, '127.0.0.1', () => resolve());
    });
  } catch (err) {
    await stop();
    throw err;
  }
  const address = router.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  return { url: `http://127.0.0.1:${port}`, functions, stop };
}

/** One JSON line per log entry. */
function formatLog(app: string, e: WorkerLogEntry): string {
  return JSON.stringify({
    time: new Date().toISOString(),
    level: e.level,
    app,
    function: e.functionName,
    invocationId: e.invocationId,
    category: e.category,
    message: e.message,
  });
}
