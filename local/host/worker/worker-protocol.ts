import type { FunctionMetadata, RpcLogCategory, RpcLogLevel } from './core-types';

/** One HTTP route of any app, as every worker learns them. */
export interface RouteSpec {
  template: string;
  methods: string[];
  app: string;
  fn: string;
}

/** Messages the host sends a worker over the IPC channel. */
export type WorkerRequest =
  | { t: 'invoke'; id: string; fn: string; input: string }
  | { t: 'stop' }
  | { t: 'routes'; routePrefix: string; routes: RouteSpec[]; frontUrl: string }
  /** A client connection handed over (the socket rides along as the message's handle). */
  | { t: 'conn'; data: string };

/** A log entry from a worker (user logs of invocations, and system logs). */
export interface WorkerLogEntry {
  level: RpcLogLevel;
  category: RpcLogCategory;
  message: string;
  functionName?: string | undefined;
  invocationId?: string | undefined;
}

/** Messages a worker sends the host over the IPC channel. */
export type WorkerMessage =
  | { t: 'ready'; functions: FunctionMetadata[]; httpUri?: string | undefined; entryLoadMs: number }
  | { t: 'load-error'; message: string }
  | { t: 'log'; entry: WorkerLogEntry }
  | { t: 'invoked'; id: string; ok: boolean; error?: string };
