import {
  type ChangeEvent,
  type KeyboardEvent,
  useCallback,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import {
  applyCompletion,
  type CompletionContext,
  type CompletionItem,
  type CompletionSources,
  completionContext,
  completionItems,
} from './completion';
import styles from './FormulaEditor.module.css';
import { lineColumn, segments } from './highlight';
import type { FormulaDiagnostic } from './useFormulaChecks';

export interface FormulaEditorProps {
  value: string;
  onChange(value: string): void;
  readOnly?: boolean;
  diagnostics: readonly FormulaDiagnostic[];
  /** True while diagnostics are not known yet (no object model, server check running). */
  checking?: boolean;
  sources: CompletionSources | undefined;
}

interface OpenCompletion {
  context: CompletionContext;
  items: CompletionItem[];
  active: number;
}

const LINE_HEIGHT = 20;
const PADDING = 10;
const MAX_ITEMS = 50;
const kindGlyph: Record<CompletionItem['kind'], string> = {
  object: 'O',
  field: 'f',
  relationship: '→',
  aggregate: 'Σ',
  function: 'ƒ',
  keyword: 'k',
  kpi: 'K',
  value: '“',
};

/**
 * A code editor for formulas: a transparent textarea over a highlighted `<pre>` holding the same
 * characters, so colours and squiggles line up with what is typed. Completion (objects, fields,
 * relationships, functions, KPI ids) opens as you type after a dot or a letter, or with Ctrl+Space.
 */
export function FormulaEditor({
  value,
  onChange,
  readOnly,
  diagnostics,
  checking,
  sources,
}: FormulaEditorProps) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const pre = useRef<HTMLPreElement>(null);
  const measure = useRef<HTMLSpanElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const pendingCaret = useRef<number | undefined>(undefined);
  const [completion, setCompletion] = useState<OpenCompletion | null>(null);
  const [caret, setCaret] = useState(0);
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const listId = useId();
  const problemsId = useId();
  const optionId = (i: number) => `${listId}-option-${i}`;

  const segs = useMemo(() => segments(value, diagnostics), [value, diagnostics]);
  const lines = value.split('\n').length;
  const rows = Math.min(Math.max(lines + 1, 6), 16);

  // Put the caret where an accepted completion or a clicked problem wants it, once React wrote the text.
  useLayoutEffect(() => {
    const at = pendingCaret.current;
    const el = textarea.current;
    if (at === undefined || !el) return;
    pendingCaret.current = undefined;
    el.focus();
    el.setSelectionRange(at, at);
    setCaret(at);
  });

  const open = useCallback(
    (text: string, at: number, explicit: boolean) => {
      if (!sources) return setCompletion(null);
      const context = completionContext(text, at);
      if (!context) return setCompletion(null);
      if (!explicit && context.kind === 'name' && context.prefix === '') return setCompletion(null);
      const items = completionItems(context, sources).slice(0, MAX_ITEMS);
      // An exact, complete word needs no list (unless asked for with Ctrl+Space).
      const exact = items.length === 1 && items[0]!.label === context.prefix;
      setCompletion(items.length === 0 || (exact && !explicit) ? null : { context, items, active: 0 });
    },
    [sources],
  );

  const accept = (index: number) => {
    if (!completion) return;
    const item = completion.items[index];
    if (!item) return;
    const next = applyCompletion(value, completion.context, item);
    pendingCaret.current = next.caret;
    onChange(next.text);
    setCompletion(null);
  };

  const handleChange = (e: ChangeEvent<HTMLTextAreaElement>) => {
    const text = e.target.value;
    const at = e.target.selectionStart;
    onChange(text);
    setCaret(at);
    const input = e.nativeEvent as InputEvent;
    const typed = input.inputType === 'insertText' && /^[A-Za-z0-9_.'"]$/.test(input.data ?? '');
    if (typed || (completion && input.inputType?.startsWith('delete'))) open(text, at, false);
    else setCompletion(null);
  };

  const handleKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === ' ' && e.ctrlKey) {
      e.preventDefault();
      open(value, e.currentTarget.selectionStart, true);
      return;
    }
    if (!completion) return;
    const count = completion.items.length;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        setCompletion({ ...completion, active: (completion.active + 1) % count });
        break;
      case 'ArrowUp':
        e.preventDefault();
        setCompletion({ ...completion, active: (completion.active - 1 + count) % count });
        break;
      case 'PageDown':
        e.preventDefault();
        setCompletion({ ...completion, active: Math.min(completion.active + 8, count - 1) });
        break;
      case 'PageUp':
        e.preventDefault();
        setCompletion({ ...completion, active: Math.max(completion.active - 8, 0) });
        break;
      case 'Enter':
      case 'Tab':
        e.preventDefault();
        accept(completion.active);
        break;
      case 'Escape':
        e.preventDefault();
        e.stopPropagation();
        setCompletion(null);
        break;
      case 'ArrowLeft':
      case 'ArrowRight':
      case 'Home':
      case 'End':
        setCompletion(null);
        break;
    }
  };

  // Keep the active option visible while arrowing through a long list (scrolling the list only).
  const activeIndex = completion?.active;
  useLayoutEffect(() => {
    const box = list.current;
    const option =
      activeIndex === undefined ? undefined : (box?.children[activeIndex] as HTMLElement | undefined);
    if (!box || !option) return;
    if (option.offsetTop < box.scrollTop) box.scrollTop = option.offsetTop;
    else if (option.offsetTop + option.offsetHeight > box.scrollTop + box.clientHeight)
      box.scrollTop = option.offsetTop + option.offsetHeight - box.clientHeight;
  }, [activeIndex]);

  const jumpTo = (d: FormulaDiagnostic) => {
    const el = textarea.current;
    if (!el) return;
    el.focus();
    const from = Math.min(d.offset, value.length);
    el.setSelectionRange(from, Math.min(from + Math.max(d.length, 0), value.length));
    setCaret(from);
    // Scroll the line into view: the textarea scrolls itself to the selection.
  };

  const onScroll = () => {
    const el = textarea.current;
    if (!el || !pre.current) return;
    pre.current.scrollTop = el.scrollTop;
    pre.current.scrollLeft = el.scrollLeft;
    setScroll({ top: el.scrollTop, left: el.scrollLeft });
  };

  // The popup sits under the start of the word being completed.
  const charWidth = measure.current ? measure.current.getBoundingClientRect().width / 10 : 8;
  const anchor = completion ? lineColumn(value, completion.context.from) : undefined;
  const popupStyle = anchor
    ? {
        top: PADDING + anchor.line * LINE_HEIGHT - scroll.top + 2,
        left: Math.max(0, PADDING + (anchor.column - 1) * charWidth - scroll.left - 24),
      }
    : undefined;
  const position = lineColumn(value, caret);
  const active = completion?.items[completion.active];

  return (
    <div className={styles.editor}>
      <div className={styles.surface} style={{ height: rows * LINE_HEIGHT + 2 * PADDING }}>
        <pre ref={pre} className={styles.highlight} aria-hidden="true">
          {segs.map((s, i) => (
            <span
              key={i}
              className={`${styles[s.token] ?? ''} ${s.diagnostic !== undefined ? styles.squiggle : ''}`}
              data-diagnostic={s.diagnostic}
            >
              {s.text}
            </span>
          ))}
          {/* Keeps a trailing empty line as tall in the <pre> as in the textarea. */}{' '}
        </pre>
        <textarea
          ref={textarea}
          className={styles.input}
          value={value}
          readOnly={readOnly}
          placeholder={
            readOnly ? undefined : "e.g. count(WorkOrder where status = 'completed') / count(WorkOrder) * 100"
          }
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          autoCorrect="off"
          wrap="off"
          role="combobox"
          aria-label="Formula"
          aria-autocomplete="list"
          aria-haspopup="listbox"
          aria-expanded={completion !== null}
          aria-controls={listId}
          aria-activedescendant={completion ? optionId(completion.active) : undefined}
          aria-invalid={diagnostics.length > 0}
          aria-describedby={problemsId}
          onChange={handleChange}
          onKeyDown={handleKeyDown}
          onScroll={onScroll}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onBlur={() => setCompletion(null)}
        />
        <div
          ref={list}
          id={listId}
          role="listbox"
          aria-label="Completions"
          className={styles.popup}
          hidden={completion === null}
          style={popupStyle}
        >
          {completion?.items.map((item, i) => (
            <div
              key={`${item.kind}:${item.label}`}
              id={optionId(i)}
              role="option"
              tabIndex={-1}
              aria-selected={i === completion.active}
              className={i === completion.active ? styles.activeOption : undefined}
              // mousedown, not click: the textarea must keep focus (a blur would close the list first).
              onMouseDown={(e) => {
                e.preventDefault();
                accept(i);
              }}
            >
              <span className={`${styles.glyph} ${styles[`kind-${item.kind}`] ?? ''}`} aria-hidden="true">
                {kindGlyph[item.kind]}
              </span>
              <span className={styles.label}>{item.label}</span>
              <span className={styles.detail}>{item.detail}</span>
            </div>
          ))}
        </div>
        <span ref={measure} className={styles.measure} aria-hidden="true">
          MMMMMMMMMM
        </span>
      </div>
      {active?.description && <div className={styles.doc}>{active.description}</div>}
      <div className={styles.statusBar}>
        <span>
          Ln {position.line}, Col {position.column}
        </span>
        <span aria-live="polite" data-testid="formula-status">
          {checking
            ? 'Checking…'
            : diagnostics.length === 0
              ? value.trim() === ''
                ? 'Write a formula'
                : '✓ No problems'
              : `${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'}`}
        </span>
        {!readOnly && <span className={styles.hint}>Ctrl+Space: completions</span>}
      </div>
      <ul id={problemsId} className={styles.problems} aria-label="Problems">
        {diagnostics.map((d, i) => (
          <li key={`${d.offset}:${d.code}:${i}`}>
            <button type="button" className={styles.problem} onClick={() => jumpTo(d)}>
              <span className={styles.where}>
                {d.line}:{d.column}
              </span>
              <span className={styles.message}>
                {d.message}
                {d.expected && d.expected.length > 0 && !d.message.includes('xpected') && (
                  <span className={styles.muted}> Expected {d.expected.slice(0, 6).join(', ')}.</span>
                )}
              </span>
              <code className={styles.code}>{d.code}</code>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
