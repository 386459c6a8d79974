/**
 * Finds the Cosmos containers and Service Bus entities that TypeScript source names, by the conventions in
 * shared/platform/cosmos/container-names.ts and shared/platform/servicebus/entity-names.ts:
 *   containerName('x')                     a Cosmos container
 *   topicName('t') / queueName('q')        a publisher's topic or queue
 *   subscriptionName('t', 's')             a subscription
 *   { topicName: 't', subscriptionName: 's' } / { queueName: 'q' }   a trigger registration (literals or the calls)
 * Anything that names an entity some other way (a variable, a literal passed straight to the SDK) is reported,
 * because the cross-check could not see it.
 */

/** One TypeScript source file (path relative to the repository root). */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** A named thing and where it was named. */
export interface Named {
  readonly name: string;
  readonly at: string;
}

/** What the sources name. */
export interface CodeNames {
  containers: Named[];
  topics: Named[];
  queues: Named[];
  /** `name` is `topic/subscription`. */
  subscriptions: Named[];
  /** Trigger registrations `app.serviceBusTopic(` / `app.serviceBusQueue(`, with their `connection` setting. */
  triggers: { at: string; connection: string | undefined }[];
  /** Names the scan cannot check. */
  problems: string[];
}

const lit = `'([^'\\n]*)'|"([^"\\n]*)"|\`([^\`$\\n]*)\``;
const literalValue = (m: RegExpMatchArray, first: number): string =>
  (m[first] ?? m[first + 1] ?? m[first + 2]) as string;

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** The `{ ... }` object literal that encloses `offset` (a rough brace match; enough for registrations). */
function enclosingObject(text: string, offset: number): string {
  let depth = 0;
  let start = 0;
  for (let i = offset; i >= 0; i--) {
    const c = text[i];
    if (c === '}') depth++;
    else if (c === '{') {
      if (depth === 0) {
        start = i;
        break;
      }
      depth--;
    }
  }
  depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return text.slice(start);
}

/** The topic a registration object names: `topicName: 't'` or `topicName: topicName('t')`. */
function topicOf(object: string): string | undefined {
  const m = new RegExp(`\\btopicName\\s*:\\s*(?:topicName\\(\\s*)?(?:${lit})`).exec(object);
  return m ? literalValue(m, 1) : undefined;
}

/** Scans sources (tests excluded by the caller) for container and entity names. */
export function scanCode(files: readonly SourceFile[]): CodeNames {
  const out: CodeNames = {
    containers: [],
    topics: [],
    queues: [],
    subscriptions: [],
    triggers: [],
    problems: [],
  };
  for (const file of files) {
    const { text, path } = file;
    const where = (offset: number) => `${path}:${lineAt(text, offset)}`;

    for (const m of text.matchAll(new RegExp(`\\bcontainerName\\(\\s*(?:${lit})\\s*\\)`, 'g'))) {
      out.containers.push({ name: literalValue(m, 1), at: where(m.index ?? 0) });
    }
    for (const m of text.matchAll(new RegExp(`\\b(topicName|queueName)\\(\\s*(?:${lit})\\s*\\)`, 'g'))) {
      (m[1] === 'topicName' ? out.topics : out.queues).push({
        name: literalValue(m, 2),
        at: where(m.index ?? 0),
      });
    }
    const subscriptionCall = new RegExp(
      `\\bsubscriptionName\\(\\s*(?:${lit})\\s*,\\s*(?:${lit})\\s*\\)`,
      'g',
    );
    for (const m of text.matchAll(subscriptionCall)) {
      const name = `${literalValue(m, 1)}/${literalValue(m, 4)}`;
      out.subscriptions.push({ name, at: where(m.index ?? 0) });
    }

    // Property forms in registrations. A call as the value is already counted above.
    for (const m of text.matchAll(/\b(topicName|queueName|subscriptionName)\s*:\s*([^,}\n]*)/g)) {
      const [, key, raw] = m as unknown as [string, string, string];
      const value = raw.trim();
      // A type annotation (`topicName: string`) names nothing.
      if (/^string\b/.test(value)) continue;
      const literal = new RegExp(`^(?:${lit})$`).exec(value);
      const call = /^(topicName|queueName|subscriptionName)\(/.test(value);
      if (!literal && !call) {
        out.problems.push(`${where(m.index ?? 0)}: ${key} is not a literal or a ${key}(...) call: ${value}`);
        continue;
      }
      if (!literal) continue;
      const name = literalValue(literal, 1);
      if (key === 'queueName') out.queues.push({ name, at: where(m.index ?? 0) });
      else if (key === 'topicName') out.topics.push({ name, at: where(m.index ?? 0) });
      else {
        const topic = topicOf(enclosingObject(text, m.index ?? 0));
        if (topic === undefined)
          out.problems.push(`${where(m.index ?? 0)}: subscriptionName '${name}' without a topicName`);
        else out.subscriptions.push({ name: `${topic}/${name}`, at: where(m.index ?? 0) });
      }
    }

    for (const m of text.matchAll(/\bapp\.serviceBus(?:Topic|Queue)\s*\(/g)) {
      const object = enclosingObject(text, text.indexOf('{', m.index ?? 0) + 1);
      const connection = /\bconnection\s*:\s*'([^']+)'/.exec(object)?.[1];
      out.triggers.push({ at: where(m.index ?? 0), connection });
    }

    // Names that bypass the checked functions.
    const bypasses: [RegExp, string][] = [
      [
        new RegExp(`\\.container\\(\\s*(?:${lit})`, 'g'),
        'names a Cosmos container directly; use containerName()',
      ],
      [
        new RegExp(`\\bcreate(?:Sender|Receiver)\\(\\s*(?:${lit})`, 'g'),
        'names a Service Bus entity directly; use topicName()/queueName()',
      ],
      [new RegExp(`\\.publish\\(\\s*(?:${lit})`, 'g'), 'publishes to a literal topic; use topicName()'],
      [
        /\bcontainerName\(\s*[^'"`\s)]/g,
        'calls containerName() with a non-literal; the cross-check cannot see it',
      ],
    ];
    for (const [pattern, what] of bypasses) {
      for (const m of text.matchAll(pattern)) out.problems.push(`${where(m.index ?? 0)}: ${what}`);
    }
  }
  return out;
}

/**
 * The topics the sources publish to by name: `.publish(topicName('t'), ...)`. A publisher that passes the
 * topic through a variable (`deps.topic`) is not seen here; its `topicName('t')` still counts as naming it.
 */
export function scanPublishes(files: readonly SourceFile[]): Named[] {
  return files.flatMap(({ path, text }) =>
    [...text.matchAll(new RegExp(`\\.publish\\(\\s*topicName\\(\\s*(?:${lit})\\s*\\)`, 'g'))].map((m) => ({
      name: literalValue(m, 1),
      at: `${path}:${lineAt(text, m.index ?? 0)}`,
    })),
  );
}
