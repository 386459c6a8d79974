/**
 * Completion for the formula editor: what the caret is in (a member after `Obj.`, a bare name, the id
 * inside `kpi('…')`) and which objects, fields, relationships, functions, keywords or KPIs fit there.
 * Pure: the editor passes the text, the caret and the object model.
 */
import type { DataObject } from '@kpi/shared/domain/catalog/types';
import { AGGREGATE_FUNCTIONS } from '@kpi/shared/domain/formula/ast';
import { FUNCTIONS } from '@kpi/shared/domain/formula/functions';

/** Where completion applies: `from`..`to` is the text an accepted item replaces. */
export type CompletionContext =
  | { kind: 'member'; path: string[]; prefix: string; from: number; to: number; scopeText: string }
  | { kind: 'name'; prefix: string; from: number; to: number; scopeText: string }
  | { kind: 'kpi'; prefix: string; from: number; to: number }
  /** Inside the string compared with a field (`status = '…'`, `status in ('…'`): the enum's values. */
  | { kind: 'value'; path: string[]; prefix: string; from: number; to: number; scopeText: string };

export type CompletionKind =
  | 'object'
  | 'field'
  | 'relationship'
  | 'aggregate'
  | 'function'
  | 'keyword'
  | 'kpi'
  | 'value';

export interface CompletionItem {
  label: string;
  /** Text put in place of the context's `from`..`to`. */
  insert: string;
  kind: CompletionKind;
  /** Type, target object or signature, shown muted beside the label. */
  detail: string;
  description?: string;
}

const isIdent = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

/** Lexical state at `caret`: inside a string (its opening quote's offset), a comment, or code. */
function lexicalState(
  text: string,
  caret: number,
): { kind: 'code' } | { kind: 'comment' } | { kind: 'string'; start: number } {
  let i = 0;
  while (i < caret) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      if (end === -1 || end >= caret) return { kind: 'comment' };
      i = end + 1;
      continue;
    }
    if (c === "'" || c === '"') {
      const start = i;
      i++;
      while (i < text.length && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      // The caret sits inside until the closing quote (inclusive of the position right before it).
      if (i >= caret) return { kind: 'string', start };
      i++;
      continue;
    }
    i++;
  }
  return { kind: 'code' };
}

/**
 * The text of the innermost unclosed aggregation call before `pos` (`sum(Invoice.amount where `), whose
 * first object names the records that unqualified names refer to; '' when the caret is not inside one.
 */
function aggregateScope(text: string, pos: number): string {
  let depth = 0;
  for (let i = pos - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ')') depth++;
    else if (c === '(') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const before = /([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(text.slice(0, i));
      if (before && AGGREGATE_FUNCTIONS.has(before[1]!.toLowerCase())) return text.slice(i + 1, pos);
    }
  }
  return '';
}

/** What completion applies to at `caret`, or null (inside a comment, a number, or a plain string). */
export function completionContext(text: string, caret: number): CompletionContext | null {
  const state = lexicalState(text, caret);
  if (state.kind === 'comment') return null;
  if (state.kind === 'string') {
    const before = text.slice(0, state.start);
    const quote = text[state.start]!;
    let to = caret;
    while (to < text.length && text[to] !== quote && text[to] !== '\n') to++;
    const prefix = text.slice(state.start + 1, caret);
    if (/\bkpi\s*\(\s*$/i.test(before)) return { kind: 'kpi', prefix, from: state.start + 1, to };
    const compared =
      /([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*(?:==?|!=|<>)\s*$/.exec(before) ??
      /([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s+(?:not\s+)?in\s*\((?:\s*(?:'[^'\n]*'|"[^"\n]*")\s*,)*\s*$/i.exec(
        before,
      );
    if (!compared) return null;
    const path = compared[1]!.split('.');
    return {
      kind: 'value',
      path,
      prefix,
      from: state.start + 1,
      to,
      scopeText: aggregateScope(text, state.start),
    };
  }
  let from = caret;
  while (from > 0 && isIdent(text[from - 1])) from--;
  let to = caret;
  while (to < text.length && isIdent(text[to])) to++;
  const prefix = text.slice(from, caret);
  if (/^[0-9]/.test(prefix)) return null;
  const scopeText = aggregateScope(text, from);
  if (text[from - 1] !== '.') return { kind: 'name', prefix, from, to, scopeText };
  const path: string[] = [];
  let end = from - 1; // the dot
  while (text[end] === '.') {
    let start = end;
    while (start > 0 && isIdent(text[start - 1])) start--;
    const segment = text.slice(start, end);
    if (segment === '' || /^[0-9]/.test(segment)) return null;
    path.unshift(segment);
    end = start - 1;
  }
  return { kind: 'member', path, prefix, from, to, scopeText };
}

/** The object whose records an aggregation iterates: the first known object named in its text. */
export function scopeObject(
  scopeText: string,
  objects: ReadonlyMap<string, DataObject>,
): DataObject | undefined {
  for (const m of scopeText.matchAll(/\b([A-Z][A-Za-z0-9_]*)\b/g)) {
    const found = objects.get(m[1]!);
    if (found) return found;
  }
  return undefined;
}

/** The object a member path leads to: `Obj`, `Obj.rel`, or (in an aggregation) `rel.rel` from its object. */
export function resolvePath(
  path: readonly string[],
  objects: ReadonlyMap<string, DataObject>,
  scope: DataObject | undefined,
): DataObject | undefined {
  const [head, ...rest] = path;
  if (head === undefined) return undefined;
  let current = objects.get(head);
  if (!current && scope) {
    const rel = scope.relationships.find((r) => r.name === head);
    current = rel ? objects.get(rel.target) : undefined;
  }
  for (const segment of rest) {
    if (!current) return undefined;
    const rel: DataObject['relationships'][number] | undefined = current.relationships.find(
      (r) => r.name === segment,
    );
    current = rel ? objects.get(rel.target) : undefined;
  }
  return current;
}

const KEYWORDS = ['and', 'or', 'not', 'in', 'is', 'null', 'true', 'false', 'where', 'distinct'];

const AGGREGATE_SIGNATURES: Record<string, string> = {
  sum: 'sum(x [where c])',
  count: 'count(Object [where c])',
  avg: 'avg(x [where c])',
  min: 'min(x [where c])',
  max: 'max(x [where c])',
  median: 'median(x [where c])',
  percentile: 'percentile(x, p)',
};

function membersOf(object: DataObject): CompletionItem[] {
  return [
    ...object.fields.map(
      (f): CompletionItem => ({
        label: f.name,
        insert: f.name,
        kind: 'field',
        detail: f.type === 'enum' && f.values ? `enum(${f.values.join('|')})` : f.type,
        description: f.description,
      }),
    ),
    ...object.relationships.map(
      (r): CompletionItem => ({
        label: r.name,
        insert: r.name,
        kind: 'relationship',
        detail: `→ ${r.target}`,
        description: r.description,
      }),
    ),
  ];
}

/** Keeps the items matching `prefix`: prefix matches first (in their order), then other substring matches. */
export function filterItems(items: readonly CompletionItem[], prefix: string): CompletionItem[] {
  const p = prefix.toLowerCase();
  if (p === '') return [...items];
  const starts: CompletionItem[] = [];
  const contains: CompletionItem[] = [];
  for (const item of items) {
    const l = item.label.toLowerCase();
    if (l.startsWith(p)) starts.push(item);
    else if (l.includes(p)) contains.push(item);
  }
  return [...starts, ...contains];
}

/** What a completion list offers. */
export interface CompletionSources {
  objects: ReadonlyMap<string, DataObject>;
  /** KPIs `kpi('…')` may reference: catalog KPIs and the tenant's published custom KPIs. */
  kpis: readonly { id: string; name: string }[];
}

/** The items that fit a context, filtered by what is typed so far. */
export function completionItems(context: CompletionContext, sources: CompletionSources): CompletionItem[] {
  if (context.kind === 'kpi') {
    const items = sources.kpis.map(
      (k): CompletionItem => ({ label: k.id, insert: k.id, kind: 'kpi', detail: k.name }),
    );
    const p = context.prefix.toLowerCase();
    return p === ''
      ? items
      : [
          ...filterItems(items, p),
          ...items.filter((i) => !i.label.includes(p) && i.detail.toLowerCase().includes(p)),
        ];
  }
  const scope = scopeObject(context.scopeText, sources.objects);
  if (context.kind === 'value') {
    const fieldName = context.path[context.path.length - 1]!;
    const owner =
      context.path.length > 1 ? resolvePath(context.path.slice(0, -1), sources.objects, scope) : scope;
    const field = owner?.fields.find((f) => f.name === fieldName);
    const values = (field?.values ?? []).map(
      (v): CompletionItem => ({
        label: v,
        insert: v,
        kind: 'value',
        detail: `${owner?.name}.${field?.name}`,
      }),
    );
    return filterItems(values, context.prefix);
  }
  if (context.kind === 'member') {
    const target = resolvePath(context.path, sources.objects, scope);
    return target ? filterItems(membersOf(target), context.prefix) : [];
  }
  const items: CompletionItem[] = [];
  if (scope) items.push(...membersOf(scope));
  for (const o of sources.objects.values())
    items.push({
      label: o.name,
      insert: o.name,
      kind: 'object',
      detail: o.label,
      description: o.description,
    });
  for (const [name, signature] of Object.entries(AGGREGATE_SIGNATURES))
    items.push({ label: name, insert: `${name}(`, kind: 'aggregate', detail: signature });
  for (const f of FUNCTIONS.values())
    items.push({
      label: f.name,
      insert: `${f.name}(`,
      kind: 'function',
      detail: f.signature,
      description: f.description,
    });
  for (const k of KEYWORDS) items.push({ label: k, insert: k, kind: 'keyword', detail: 'keyword' });
  return filterItems(items, context.prefix);
}

/** The text and caret after accepting `item` in `context`. */
export function applyCompletion(
  text: string,
  context: CompletionContext,
  item: CompletionItem,
): { text: string; caret: number } {
  let insert = item.insert;
  // Inside a string: close it when it is still open, and step over the closing quote.
  let after = 0;
  if (context.kind === 'value' || context.kind === 'kpi') {
    const quote = text[context.from - 1]!;
    if (text[context.to] === quote) after = 1;
    else insert += quote;
  }
  const next = text.slice(0, context.from) + insert + text.slice(context.to);
  return { text: next, caret: context.from + insert.length + after };
}
