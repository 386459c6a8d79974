/**
 * A small Bicep lexer: enough to check files without a Bicep compiler. It blanks comments (keeping every
 * offset and line), separates string text from code, and checks that brackets and strings are closed.
 */

/** The same text three ways, all of equal length so an offset means the same place in each. */
export interface LexedBicep {
  /** Comments blanked; strings intact. */
  readonly noComments: string;
  /** Comments and the literal text of strings blanked; interpolations (`${...}`) kept as code. */
  readonly codeOnly: string;
  /** Unbalanced brackets, unterminated strings or comments, with line numbers. */
  readonly problems: readonly string[];
}

const closers: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** Lexes one Bicep file. */
export function lexBicep(text: string): LexedBicep {
  const noComments: string[] = [];
  const codeOnly: string[] = [];
  const problems: string[] = [];
  // Open brackets; '${' marks an interpolation whose '}' returns to the enclosing string.
  const stack: { char: string; line: number }[] = [];
  let line = 1;
  let inString = false;
  let stringLine = 0;
  let i = 0;

  const emit = (raw: string, code: string) => {
    noComments.push(raw);
    codeOnly.push(code);
  };
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');

  while (i < text.length) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (c === '\n') line++;

    if (inString) {
      if (c === '\\' && next !== undefined) {
        emit(c + next, '  ');
        i += 2;
      } else if (c === "'") {
        inString = false;
        emit(c, c);
        i++;
      } else if (c === '$' && next === '{') {
        stack.push({ char: '${', line });
        inString = false;
        emit('${', '${');
        i += 2;
      } else {
        emit(c, blank(c));
        i++;
      }
      continue;
    }

    if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      const comment = text.slice(i, stop);
      emit(blank(comment), blank(comment));
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) problems.push(`line ${line}: unterminated /* comment`);
      const stop = end === -1 ? text.length : end + 2;
      const comment = text.slice(i, stop);
      line += (comment.match(/\n/g) ?? []).length;
      emit(blank(comment), blank(comment));
      i = stop;
    } else if (text.startsWith("'''", i)) {
      const end = text.indexOf("'''", i + 3);
      if (end === -1) problems.push(`line ${line}: unterminated ''' string`);
      const stop = end === -1 ? text.length : end + 3;
      const literal = text.slice(i, stop);
      line += (literal.match(/\n/g) ?? []).length;
      emit(literal, `'''${blank(literal.slice(3, -3))}'''`);
      i = stop;
    } else if (c === "'") {
      inString = true;
      stringLine = line;
      emit(c, c);
      i++;
    } else if (c === '(' || c === '[' || c === '{') {
      stack.push({ char: c, line });
      emit(c, c);
      i++;
    } else if (c === ')' || c === ']' || c === '}') {
      const top = stack.pop();
      if (c === '}' && top?.char === '${') {
        inString = true;
      } else if (!top) {
        problems.push(`line ${line}: '${c}' closes nothing`);
      } else if (top.char !== closers[c]) {
        problems.push(`line ${line}: '${c}' closes '${top.char}' opened on line ${top.line}`);
      }
      emit(c, c);
      i++;
    } else {
      emit(c, c);
      i++;
    }
  }

  if (inString) problems.push(`line ${stringLine}: unterminated string`);
  for (const open of stack) problems.push(`line ${open.line}: '${open.char}' is never closed`);
  return { noComments: noComments.join(''), codeOnly: codeOnly.join(''), problems };
}

/** Offset of the bracket that closes the one at `open` (in `codeOnly`), or -1. */
export function matchingClose(codeOnly: string, open: number): number {
  let depth = 0;
  for (let i = open; i < codeOnly.length; i++) {
    const c = codeOnly[i];
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * Keys of the object literal whose `{` is at `open`: top-level entries only, quoted keys unquoted.
 * Entries are separated by new lines or commas, as Bicep allows.
 */
export function objectKeys(lexed: LexedBicep, open: number): string[] {
  const close = matchingClose(lexed.codeOnly, open);
  if (close === -1) return [];
  const keys: string[] = [];
  let depth = 0;
  let entryStart = open + 1;
  for (let i = open + 1; i <= close; i++) {
    const c = lexed.codeOnly[i];
    const endsEntry = depth === 0 && (c === '\n' || c === ',' || i === close);
    if (endsEntry) {
      const entry = lexed.noComments.slice(entryStart, i);
      const key = /^\s*(?:'([^']*)'|([A-Za-z_$][\w$]*))\s*:/.exec(entry);
      if (key) keys.push((key[1] ?? key[2]) as string);
      entryStart = i + 1;
    }
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
  }
  return keys;
}

/** 1-based line number of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}
