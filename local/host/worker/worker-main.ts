/**
 * One Function app's worker process (what the Node language worker is to the real host). It provides
 * `@azure/functions-core`, loads the app's bundled entry unchanged, then serves invocations: HTTP over a
 * framed Unix socket from the front, timers on their schedules, Service Bus from peek-lock receivers, and
 * admin-API runs over the IPC channel.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer, Socket as NetSocket, type Socket } from 'node:net';
import { type Frame, frameSocket } from '../frame-channel';
import {
  parseSchedule,
  type ScheduledTimer,
  startSchedule,
  type TimerInfoWire,
  timerInfo,
} from '../ncrontab';
import type { RpcLogLevel, RpcTypedData } from './core-types';
import { installFunctionsCore, type RegisteredFunction, runHooks } from './functions-core';
import {
  fromRpcHttpResponse,
  type HttpRequestHead,
  type HttpResponseHead,
  streamTriggerMetadata,
  toRpcHttpInput,
} from './http-wire';
import { type InvocationLog, invoke, triggerBinding } from './invoke';
import type { ServiceBusBinding, ServiceBusHostOptions, ServiceBusListener } from './service-bus-trigger';
import { createWorkerHttp } from './worker-http';

// @azure/service-bus takes ~100 ms to load: only workers with a Service Bus trigger pay for it.
type ServiceBusModule = typeof import('./service-bus-trigger');
let serviceBusModule: ServiceBusModule | undefined;
const serviceBus = (): ServiceBusModule => {
  serviceBusModule ??= require('./service-bus-trigger') as ServiceBusModule;
  return serviceBusModule;
};

import type { WorkerMessage, WorkerRequest } from './worker-protocol';

interface WorkerConfig {
  app: string;
  entry: string;
  socketPath: string;
  serviceBus: ServiceBusHostOptions;
}

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
const send = (m: WorkerMessage) => process.send?.(m);
const appHookData: Record<string, unknown> = {};

const systemLog = (level: RpcLogLevel, message: string, functionName?: string, invocationId?: string) =>
  send({ t: 'log', entry: { level, category: 'system', message, functionName, invocationId } });

const core = installFunctionsCore((level, message) => systemLog(level, message));

function userLog(entry: InvocationLog): void {
  const hooks = core.hooks.get('log');
  if (hooks && hooks.length > 0) {
    const ctx: Record<string, unknown> = {
      level: entry.level,
      message: entry.message,
      category: entry.category,
    };
    // Log hooks run synchronously and may rewrite level and message (as in the worker).
    for (const h of hooks) void h(ctx);
    entry.level = ctx.level as RpcLogLevel;
    entry.message = ctx.message as string;
  }
  send({ t: 'log', entry });
}

function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/** Runs one non-HTTP invocation with a single trigger input; logs the outcome like the host. */
async function runTrigger(
  fn: RegisteredFunction,
  data: RpcTypedData,
  triggerMetadata: Record<string, RpcTypedData> = {},
  invocationId = randomUUID(),
): Promise<void> {
  const name = fn.metadata.name;
  const started = Date.now();
  try {
    await invoke(
      core,
      fn,
      { invocationId, inputData: [{ name: triggerBinding(fn).name, data }], triggerMetadata },
      userLog,
      appHookData,
    );
    systemLog(
      'information',
      `Executed '${name}' (Succeeded, Duration=${Date.now() - started}ms)`,
      name,
      invocationId,
    );
  } catch (err) {
    systemLog('error', `Executed '${name}' (Failed): ${errorText(err)}`, name, invocationId);
    throw err;
  }
}

// ---- HTTP over the framed socket -------------------------------------------------------------------------

/** Runs one HTTP invocation (from a frame or a handed-off connection) and builds the response frame. */
async function runHttp(head: HttpRequestHead, body: Buffer): Promise<Frame<HttpResponseHead>> {
  const fn = core.functions.get(head.fn);
  try {
    if (!fn) throw new Error(`Function '${head.fn}' is not registered in this worker.`);
    const binding = triggerBinding(fn);
    const response = await invoke(
      core,
      fn,
      {
        invocationId: head.id,
        inputData: [{ name: binding.name, data: head.stream ? { http: {} } : toRpcHttpInput(head, body) }],
        ...(head.stream ? { triggerMetadata: streamTriggerMetadata(head) } : {}),
      },
      userLog,
      appHookData,
    );
    if (head.stream) return { head: { id: head.id, streamed: true }, body: Buffer.alloc(0) };
    return fromRpcHttpResponse(head.id, response);
  } catch (err) {
    systemLog('error', `Executed '${head.fn}' (Failed): ${errorText(err)}`, head.fn, head.id);
    const e = err as { message?: unknown; name?: unknown };
    const error = { message: String(e?.message ?? err), name: String(e?.name ?? 'Error') };
    return { head: { id: head.id, error }, body: Buffer.alloc(0) };
  }
}

function serveFrames(socket: Socket): void {
  const reply = frameSocket(socket, (frame) => {
    void runHttp(frame.head as unknown as HttpRequestHead, frame.body).then((out) =>
      reply(out.head, out.body),
    );
  });
  socket.on('error', () => socket.destroy());
}

let streamUri: string | undefined;
const workerHttp = createWorkerHttp({ app: config.app, run: runHttp, streamUri: () => streamUri });

// ---- timers and Service Bus ------------------------------------------------------------------------------

const timers: ScheduledTimer[] = [];
const listeners: ServiceBusListener[] = [];

function startTriggers(): void {
  const tz = process.env.WEBSITE_TIME_ZONE || 'UTC';
  for (const fn of core.functions.values()) {
    const b = triggerBinding(fn);
    const type = b.type.toLowerCase();
    if (type === 'timertrigger') {
      const schedule = parseSchedule(String(b.schedule ?? ''), process.env);
      const fire = (info: TimerInfoWire) => runTrigger(fn, { json: JSON.stringify(info) }).catch(() => {});
      timers.push(startSchedule(schedule, fire, tz));
      if (b.runOnStartup) void fire(timerInfo({ isPastDue: false, next: timers.at(-1)?.nextRun() }));
    } else if (type === 'servicebustrigger') {
      listeners.push(
        serviceBus().startServiceBusListener(
          b as unknown as ServiceBusBinding,
          process.env,
          config.serviceBus,
          (data, meta) => runTrigger(fn, data, meta),
          (message) => systemLog('error', message, fn.metadata.name),
        ),
      );
    }
  }
}

/** Admin API run: timer gets a timer input, anything else the posted input as a string. */
async function adminInvoke(name: string, input: string): Promise<void> {
  const fn = core.functions.get(name);
  if (!fn) throw new Error(`Function '${name}' is not registered in this worker.`);
  const type = triggerBinding(fn).type.toLowerCase();
  if (type === 'timertrigger') {
    await runTrigger(fn, { json: JSON.stringify(timerInfo({ isPastDue: false })) });
  } else if (type === 'servicebustrigger') {
    const id = randomUUID().replace(/-/g, '');
    const now = new Date().toISOString();
    await runTrigger(
      fn,
      { string: input },
      {
        MessageId: { string: id },
        DeliveryCount: { int: 1 },
        EnqueuedTimeUtc: { json: JSON.stringify(now) },
        ApplicationProperties: { json: '{}' },
        UserProperties: { json: '{}' },
      },
    );
  } else {
    await runTrigger(fn, { string: input });
  }
}

async function shutdown(): Promise<void> {
  for (const t of timers) t.stop();
  await Promise.allSettled(listeners.map((l) => l.close()));
  if (serviceBusModule) await serviceBusModule.closeServiceBusClients().catch(() => {});
  await runHooks(core, 'appTerminate', { hookData: appHookData }).catch(() => {});
  process.exit(0);
}

process.on('message', (m: WorkerRequest, handle?: unknown) => {
  if (m.t === 'conn') {
    if (handle instanceof NetSocket) workerHttp.accept(handle, Buffer.from(m.data, 'latin1'));
  } else if (m.t === 'routes') {
    workerHttp.setRoutes(m.routePrefix, m.routes, m.frontUrl);
  } else if (m.t === 'invoke') {
    adminInvoke(m.fn, m.input).then(
      () => send({ t: 'invoked', id: m.id, ok: true }),
      (err: Error) => send({ t: 'invoked', id: m.id, ok: false, error: err?.message ?? String(err) }),
    );
  } else if (m.t === 'stop') void shutdown();
});
process.on('disconnect', () => process.exit(0));
// Ctrl-C in a terminal signals the whole process group: the host stops its workers itself (receivers
// closed in order), and a worker whose host is gone exits on 'disconnect' above.
process.on('SIGINT', () => {});

async function main(): Promise<void> {
  const loadStart = performance.now();
  try {
    require(config.entry);
  } catch (err) {
    send({ t: 'load-error', message: errorText(err) });
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 50);
    return;
  }
  const capabilities = core.programmingModel ? await core.programmingModel.getCapabilities({}) : {};
  streamUri = capabilities.HttpUri;
  await runHooks(core, 'appStart', { hookData: appHookData, appHookData });
  // A previous worker of this app that crashed leaves its socket file behind.
  rmSync(config.socketPath, { force: true });
  await new Promise<void>((resolve, reject) => {
    const server = createServer(serveFrames);
    server.once('error', reject);
    server.listen(config.socketPath, resolve);
  });
  try {
    startTriggers();
  } catch (err) {
    send({ t: 'load-error', message: errorText(err) });
    setTimeout(() => process.exit(1), 50);
    return;
  }
  send({
    t: 'ready',
    functions: [...core.functions.values()].map((f) => f.metadata),
    httpUri: capabilities.HttpUri,
    entryLoadMs: Math.round(performance.now() - loadStart),
  });
}

main().catch((err: unknown) => {
  send({ t: 'load-error', message: errorText(err) });
  setTimeout(() => process.exit(1), 50);
});
