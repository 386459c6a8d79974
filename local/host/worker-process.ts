import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { type Frame, frameSocket } from './frame-channel';
import { WorkerUnavailableError } from './http-dispatch';
import type { FunctionMetadata } from './worker/core-types';
import type { HttpRequestHead, HttpResponseHead } from './worker/http-wire';
import type { ServiceBusHostOptions } from './worker/service-bus-trigger';
import type { RouteSpec, WorkerLogEntry, WorkerMessage, WorkerRequest } from './worker/worker-protocol';

/** How to start one app's worker. */
export interface WorkerSpec {
  app: string;
  entry: string;
  workerScript: string;
  socketPath: string;
  env: Record<string, string>;
  serviceBus: ServiceBusHostOptions;
  /** Node flags of the worker process; default `--enable-source-maps`. */
  execArgv?: string[] | undefined;
  /** Raw output lines (already prefixed) and host notices. */
  log: (line: string) => void;
  /** Structured log entries from invocations. */
  onLog: (entry: WorkerLogEntry) => void;
}

/** What a worker reports once its app is loaded. */
export interface WorkerReady {
  functions: FunctionMetadata[];
  httpUri?: string | undefined;
  /** Time the app's entry module took to load (its imports and registrations). */
  entryLoadMs: number;
}

/** One running worker process: its IPC channel and its framed HTTP socket. */
export class WorkerProcess {
  readonly child: ChildProcess;
  #socket?: Socket;
  #send?: (head: unknown, body?: Uint8Array) => void;
  #pendingHttp = new Map<
    string,
    { resolve: (f: Frame<HttpResponseHead>) => void; reject: (e: Error) => void }
  >();
  #pendingInvoke = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();
  #exited = false;
  readonly exited: Promise<number | null>;

  constructor(private readonly spec: WorkerSpec) {
    const config = {
      app: spec.app,
      entry: spec.entry,
      socketPath: spec.socketPath,
      serviceBus: spec.serviceBus,
    };
    const execArgv = spec.execArgv ?? ['--enable-source-maps'];
    this.child = spawn(process.execPath, [...execArgv, spec.workerScript, JSON.stringify(config)], {
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => spec.log(`[${spec.app}] ${line}`));
    }
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.#exited = true;
        const err = new WorkerUnavailableError(
          'HOST.WORKER_EXITED',
          `The worker of app '${spec.app}' exited (${signal ?? `code ${code}`}).`,
        );
        for (const p of this.#pendingHttp.values()) p.reject(err);
        for (const p of this.#pendingInvoke.values()) p.reject(err);
        this.#pendingHttp.clear();
        this.#pendingInvoke.clear();
        this.#socket?.destroy();
        resolve(code);
      });
    });
    this.child.on('message', (m: WorkerMessage) => this.#onMessage(m));
  }

  #readyResolve?: (r: WorkerReady) => void;
  #readyReject?: (e: Error) => void;

  /** Resolves when the app has loaded and registered its functions; rejects with the app's load error. */
  ready(): Promise<WorkerReady> {
    return new Promise((resolve, reject) => {
      this.#readyResolve = resolve;
      this.#readyReject = reject;
      void this.exited.then((code) =>
        reject(new Error(`The worker of app '${this.spec.app}' exited with code ${code} while loading.`)),
      );
    });
  }

  #onMessage(m: WorkerMessage): void {
    switch (m.t) {
      case 'log':
        this.spec.onLog(m.entry);
        break;
      case 'ready':
        this.#connect().then(
          () =>
            this.#readyResolve?.({ functions: m.functions, httpUri: m.httpUri, entryLoadMs: m.entryLoadMs }),
          (err: Error) => this.#readyReject?.(err),
        );
        break;
      case 'load-error':
        this.#readyReject?.(new Error(m.message));
        break;
      case 'invoked': {
        const p = this.#pendingInvoke.get(m.id);
        this.#pendingInvoke.delete(m.id);
        if (m.ok) p?.resolve();
        else p?.reject(new Error(m.error ?? 'Invocation failed'));
        break;
      }
    }
  }

  #connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = connect(this.spec.socketPath, () => resolve());
      socket.once('error', reject);
      socket.on('close', () => {
        this.#send = undefined;
      });
      this.#socket = socket;
      this.#send = frameSocket(socket, (frame) => {
        const head = frame.head as unknown as HttpResponseHead;
        const p = this.#pendingHttp.get(head.id);
        this.#pendingHttp.delete(head.id);
        p?.resolve({ head, body: frame.body });
      });
    });
  }

  /** Runs an HTTP invocation in the worker. */
  http(head: HttpRequestHead, body: Buffer): Promise<Frame<HttpResponseHead>> {
    const send = this.#send;
    if (!send || this.#exited) {
      return Promise.reject(
        new WorkerUnavailableError(
          'HOST.WORKER_UNAVAILABLE',
          `The worker of app '${this.spec.app}' is not running.`,
        ),
      );
    }
    return new Promise((resolve, reject) => {
      this.#pendingHttp.set(head.id, { resolve, reject });
      send(head, body);
    });
  }

  #routesSent = false;

  /** Gives the worker every app's routes (it serves handed-off connections) and the front's internal URL. */
  setRoutes(routePrefix: string, routes: RouteSpec[], frontUrl: string): void {
    if (this.#exited || !this.child.connected) return;
    // A worker that died meanwhile is reported by its 'exit' (and restarted); nothing to do on a failed send.
    this.child.send({ t: 'routes', routePrefix, routes, frontUrl } satisfies WorkerRequest, () => {});
    this.#routesSent = true;
  }

  /** Hands a client connection (and the bytes already read from it) to the worker; false if it cannot. */
  handoff(socket: Socket, data: Buffer): boolean {
    if (this.#exited || !this.child.connected || !this.#routesSent) return false;
    this.child.send({ t: 'conn', data: data.toString('latin1') } satisfies WorkerRequest, socket, (err) => {
      if (err) socket.destroy();
    });
    return true;
  }

  /** Runs a non-HTTP function now (admin API); resolves when it has finished. */
  invoke(fn: string, input: string): Promise<void> {
    if (this.#exited || !this.child.connected) {
      return Promise.reject(
        new WorkerUnavailableError(
          'HOST.WORKER_UNAVAILABLE',
          `The worker of app '${this.spec.app}' is not running.`,
        ),
      );
    }
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      this.#pendingInvoke.set(id, { resolve, reject });
      // With a callback, a worker that died a moment ago fails this call instead of raising an
      // unhandled 'error' event on the ChildProcess (EPIPE), which would take the host down.
      this.child.send({ t: 'invoke', id, fn, input } satisfies WorkerRequest, (err) => {
        if (!err) return;
        this.#pendingInvoke.delete(id);
        reject(
          new WorkerUnavailableError(
            'HOST.WORKER_UNAVAILABLE',
            `The worker of app '${this.spec.app}' is not running.`,
          ),
        );
      });
    });
  }

  /** Asks the worker to close its receivers and exit; kills it if it takes longer than `graceMs`. */
  async stop(graceMs = 3000): Promise<void> {
    if (this.#exited) return;
    // `connected` can still be true for a worker that just died (Ctrl-C reaches the whole process group);
    // the send then fails, and the callback turns that into a kill instead of an EPIPE crash on shutdown.
    if (this.child.connected)
      this.child.send({ t: 'stop' } satisfies WorkerRequest, (err) => {
        if (err) this.child.kill('SIGTERM');
      });
    else this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
