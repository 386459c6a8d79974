/**
 * Structured logs: one JSON line per entry (time, level, msg, app, function, invocationId, requestId, extra
 * fields). Inside an invocation the line goes through the `InvocationContext` so the host (and Application
 * Insights) attributes it to the invocation; outside one it goes to the console.
 */
import type { InvocationContext } from '@azure/functions';
import { ensureError } from './errors';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;

/** A logger with bound fields; `child` adds more. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/** Where formatted lines go. */
export type LogSink = (level: LogLevel, line: string) => void;

const consoleSink: LogSink = (level, line) => {
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
};

/** Errors become `{ name, message, code?, stack }` (logs are internal; responses never carry stacks). */
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const e = value as Error & { code?: unknown; cause?: unknown };
    return { name: e.name, message: e.message, code: e.code, stack: e.stack, cause: e.cause };
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}

class JsonLogger implements Logger {
  constructor(
    private readonly sink: LogSink,
    private readonly bound: LogFields,
  ) {}

  private write(level: LogLevel, msg: string, fields?: LogFields): void {
    const entry = { time: new Date().toISOString(), level, msg, ...this.bound, ...fields };
    let line: string;
    try {
      line = JSON.stringify(entry, replacer);
    } catch (err) {
      // Circular structures in extra fields must not take the request down with them.
      line = JSON.stringify({ time: entry.time, level, msg, logError: ensureError(err).message });
    }
    this.sink(level, line);
  }

  debug(msg: string, fields?: LogFields) {
    this.write('debug', msg, fields);
  }
  info(msg: string, fields?: LogFields) {
    this.write('info', msg, fields);
  }
  warn(msg: string, fields?: LogFields) {
    this.write('warn', msg, fields);
  }
  error(msg: string, fields?: LogFields) {
    this.write('error', msg, fields);
  }
  child(fields: LogFields): Logger {
    return new JsonLogger(this.sink, { ...this.bound, ...fields });
  }
}

/** A logger writing to `sink` (default: console) with `fields` bound; for start-up code and tests. */
export function createLogger(fields: LogFields = {}, sink: LogSink = consoleSink): Logger {
  return new JsonLogger(sink, fields);
}

/** A logger bound to one invocation: its lines go through the context's log methods. */
export function invocationLogger(context: InvocationContext, app: string, fields?: LogFields): Logger {
  const sink: LogSink = (level, line) => {
    if (level === 'error') context.error(line);
    else if (level === 'warn') context.warn(line);
    else if (level === 'debug') context.debug(line);
    else context.log(line);
  };
  return new JsonLogger(sink, {
    app,
    function: context.functionName,
    invocationId: context.invocationId,
    ...fields,
  });
}
