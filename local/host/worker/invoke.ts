import type {
  CoreInvocationContext,
  RpcInvocationResponse,
  RpcLogCategory,
  RpcLogLevel,
  RpcParameterBinding,
  RpcTypedData,
} from './core-types';
import { type CoreState, type RegisteredFunction, runHooks } from './functions-core';

/** One log entry of an invocation, as the worker reports it. */
export interface InvocationLog {
  level: RpcLogLevel;
  category: RpcLogCategory;
  message: string;
  functionName: string;
  invocationId: string;
}

/** What the trigger supplies for one invocation. */
export interface InvocationInput {
  invocationId: string;
  inputData: RpcParameterBinding[];
  triggerMetadata?: Record<string, RpcTypedData>;
}

/** The trigger binding (name and options) of a function. */
export function triggerBinding(fn: RegisteredFunction): { name: string; type: string; [k: string]: unknown } {
  for (const [name, b] of Object.entries(fn.metadata.bindings)) {
    if (b.direction === 'in' && typeof b.type === 'string' && b.type.toLowerCase().endsWith('trigger')) {
      return { ...b, name, type: b.type };
    }
  }
  throw new Error(`Function "${fn.metadata.name}" has no trigger binding.`);
}

let spanCounter = 0;
const spanBase = Math.floor(Math.random() * 0xffffffff);

/** W3C traceparent with the invocation id as trace id (cheap: no crypto per call). */
function traceParent(invocationId: string): string {
  const trace = invocationId.replace(/-/g, '').padEnd(32, '0').slice(0, 32);
  const span = ((spanBase + ++spanCounter) >>> 0).toString(16).padStart(8, '0');
  return `00-${trace}-${process.pid.toString(16).padStart(8, '0').slice(-8)}${span}-01`;
}

/**
 * Runs one invocation exactly as the Node worker does: the library's invocation model converts the RPC
 * input (getArguments), pre-invocation hooks may swap inputs or the handler, the handler runs
 * (invokeFunction), post-invocation hooks see result or error, and getResponse converts the result.
 * Throws the handler's error (after post hooks) so the trigger can fail the invocation.
 */
export async function invoke(
  state: CoreState,
  fn: RegisteredFunction,
  input: InvocationInput,
  log: (entry: InvocationLog) => void,
  appHookData: Record<string, unknown>,
): Promise<RpcInvocationResponse> {
  const model = state.programmingModel;
  if (!model) throw new Error('The app did not set a programming model (is @azure/functions loaded?).');
  const coreCtx: CoreInvocationContext = {
    invocationId: input.invocationId,
    request: {
      invocationId: input.invocationId,
      functionId: fn.metadata.name,
      inputData: input.inputData,
      triggerMetadata: input.triggerMetadata ?? {},
      traceContext: { traceParent: traceParent(input.invocationId), traceState: '', attributes: {} },
    },
    metadata: fn.metadata,
    log: (level, category, message) =>
      log({ level, category, message, functionName: fn.metadata.name, invocationId: input.invocationId }),
  };
  const invocModel = model.getInvocationModel(coreCtx);
  coreCtx.state = 'preInvocationHooks';
  const { context, inputs: originalInputs } = await invocModel.getArguments();
  const hookData: Record<string, unknown> = {};
  const pre: Record<string, unknown> = {
    hookData,
    appHookData,
    invocationContext: context,
    functionCallback: fn.callback,
    inputs: originalInputs,
  };
  await runHooks(state, 'preInvocation', pre);
  const inputs = pre.inputs as unknown[];
  const callback = pre.functionCallback as RegisteredFunction['callback'];
  coreCtx.state = 'invocation';
  const post: Record<string, unknown> = {
    hookData,
    appHookData,
    invocationContext: context,
    inputs,
    result: null,
    error: null,
  };
  try {
    post.result = await invocModel.invokeFunction(context, inputs, callback);
  } catch (err) {
    post.error = err;
  }
  coreCtx.state = 'postInvocationHooks';
  try {
    await runHooks(state, 'postInvocation', post);
  } finally {
    coreCtx.state = undefined;
  }
  if (post.error) throw post.error;
  return invocModel.getResponse(context, post.result);
}
