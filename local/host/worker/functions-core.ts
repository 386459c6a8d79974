import Module from 'node:module';
import type {
  FunctionCallback,
  FunctionMetadata,
  HookCallback,
  ProgrammingModel,
  RpcLogLevel,
} from './core-types';

/** A function the app registered through `app.http(...)`, `app.timer(...)` and friends. */
export interface RegisteredFunction {
  metadata: FunctionMetadata;
  callback: FunctionCallback;
}

/** What the worker keeps from the app: its programming model, functions and hooks. */
export interface CoreState {
  programmingModel?: ProgrammingModel;
  functions: Map<string, RegisteredFunction>;
  hooks: Map<string, HookCallback[]>;
}

class Disposable {
  #callOnDispose?: () => void;
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => {
      for (const item of items) item.dispose();
    });
  }
  constructor(callOnDispose: () => void) {
    this.#callOnDispose = callOnDispose;
  }
  dispose(): void {
    this.#callOnDispose?.();
    this.#callOnDispose = undefined;
  }
}

/**
 * Builds the `@azure/functions-core` module the real Node worker hands to `@azure/functions`, and makes
 * `require('@azure/functions-core')` return it (the real worker hooks `Module.prototype.require` the same way).
 * `systemLog` receives the library's system logs (category 'system').
 */
export function installFunctionsCore(systemLog: (level: RpcLogLevel, message: string) => void): CoreState {
  const state: CoreState = { functions: new Map(), hooks: new Map() };
  const api = {
    version: '3.10.1',
    hostVersion: '4.1037.0.0',
    Disposable,
    setProgrammingModel(model: ProgrammingModel): void {
      state.programmingModel = model;
    },
    getProgrammingModel(): ProgrammingModel | undefined {
      return state.programmingModel;
    },
    registerFunction(metadata: FunctionMetadata, callback: FunctionCallback): Disposable {
      if (state.functions.has(metadata.name)) {
        throw new Error(`A function with the name "${metadata.name}" has already been registered.`);
      }
      state.functions.set(metadata.name, { metadata, callback });
      return new Disposable(() => state.functions.delete(metadata.name));
    },
    registerHook(hookName: string, callback: HookCallback): Disposable {
      const list = state.hooks.get(hookName) ?? [];
      list.push(callback);
      state.hooks.set(hookName, list);
      return new Disposable(() => {
        const idx = list.indexOf(callback);
        if (idx >= 0) list.splice(idx, 1);
      });
    },
    log(level: RpcLogLevel, _category: string, message: string): void {
      systemLog(level, message);
    },
  };
  const proto = Module.prototype as unknown as { require: (id: string) => unknown };
  const original = proto.require;
  proto.require = function require(this: unknown, id: string) {
    if (id === '@azure/functions-core') return api;
    return original.call(this, id);
  };
  return state;
}

/** Runs the hooks registered under `name` in order, awaiting each (as the worker does). */
export async function runHooks(
  state: CoreState,
  name: string,
  context: Record<string, unknown>,
): Promise<void> {
  for (const hook of state.hooks.get(name) ?? []) await hook(context);
}
