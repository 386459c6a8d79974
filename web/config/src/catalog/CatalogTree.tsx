import { kindLabel, type TreeNode } from '@kpi/web-ui/catalog';
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import styles from './CatalogTree.module.css';
import { kpiIdsOf, selectionOf, toggleNode } from './selection';
import { TreeRow } from './TreeRow';
import { keyToAction, type VisibleItem, visibleItems } from './tree-navigation';

/** Checkboxes on every level of the tree (omit the prop for a browse-only tree). */
export interface TreeChecks {
  /** Selected KPI ids. */
  selected: ReadonlySet<string>;
  /** Called with the new selection after a (tri-state) toggle; absent when read-only. */
  onChange?: (next: Set<string>) => void;
}

export interface CatalogTreeProps {
  /** Top-level nodes (industries). */
  nodes: TreeNode[];
  /** Ids of expanded nodes. */
  expanded: ReadonlySet<string>;
  /** Called with the new set when the user expands or collapses. */
  onExpandedChange: (next: Set<string>) => void;
  /** Id of the selected node (a KPI under several use cases is selected in every place). */
  selectedId: string | undefined;
  onSelect: (node: TreeNode) => void;
  /** Text to highlight in names. */
  highlight?: string;
  /** Accessible name of the tree. */
  label: string;
  checks?: TreeChecks;
}

/**
 * An expandable, keyboard-navigable tree (WAI-ARIA tree view, roving tabindex), optionally with tri-state
 * checkboxes. Items are rendered flat (aria-level, aria-posinset, aria-setsize carry the structure) so each
 * row is a memoised component: a checkbox or a keystroke re-renders only the rows whose props changed,
 * never the whole tree.
 */
export function CatalogTree(props: CatalogTreeProps) {
  const { nodes, expanded, onExpandedChange, selectedId, onSelect, highlight = '', label, checks } = props;
  const items = useMemo(() => visibleItems(nodes, expanded), [nodes, expanded]);
  const byKey = useMemo(() => new Map(items.map((i) => [i.key, i])), [items]);
  const [focusedKey, setFocusedKey] = useState<string>();
  const elements = useRef(new Map<string, HTMLLIElement>());
  const moveFocus = useRef(false);

  // The tab stop is the focused item if still visible, else the first place of the selection, else the
  // first item.
  const tabStop =
    (focusedKey && byKey.has(focusedKey) && focusedKey) ||
    (selectedId && items.find((i) => i.node.id === selectedId)?.key) ||
    items[0]?.key;

  useEffect(() => {
    if (moveFocus.current && tabStop) elements.current.get(tabStop)?.focus();
    moveFocus.current = false;
  }, [tabStop]);

  // Handlers read the latest props through a ref, so the callbacks given to rows never change and
  // memoised rows are not re-rendered for a new function identity.
  const latest = useRef({ byKey, expanded, onExpandedChange, onSelect, checks });
  latest.current = { byKey, expanded, onExpandedChange, onSelect, checks };

  const toggleOpen = useCallback((id: string, open: boolean) => {
    const { expanded: current, onExpandedChange: change } = latest.current;
    const next = new Set(current);
    if (open) next.add(id);
    else next.delete(id);
    change(next);
  }, []);
  const activate = useCallback(
    (key: string) => {
      const item = latest.current.byKey.get(key);
      if (!item) return;
      setFocusedKey(key);
      latest.current.onSelect(item.node);
      if (item.node.children?.length) toggleOpen(item.node.id, !latest.current.expanded.has(item.node.id));
    },
    [toggleOpen],
  );
  const check = useCallback((key: string) => {
    const { byKey: map, checks: c } = latest.current;
    const item = map.get(key);
    if (!item || !c?.onChange) return;
    c.onChange(toggleNode(item.node, c.selected));
  }, []);
  const focusItem = useCallback((key: string) => setFocusedKey(key), []);
  const register = useCallback((key: string, el: HTMLLIElement | null) => {
    if (el) elements.current.set(key, el);
    else elements.current.delete(key);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    // Keys typed into a row's checkbox are the row's too (the checkbox is not a tab stop).
    if (!tabStop) return;
    const action = keyToAction(event.key, items, tabStop, expanded);
    if (action.kind === 'none') return;
    event.preventDefault();
    if (action.kind === 'focus') {
      moveFocus.current = true;
      setFocusedKey(action.key);
      elements.current.get(action.key)?.focus();
    } else if (action.kind === 'expand' || action.kind === 'collapse') {
      const item = byKey.get(action.key);
      if (item) toggleOpen(item.node.id, action.kind === 'expand');
    } else if (action.kind === 'check' && checks) check(action.key);
    else activate(action.key);
  };

  const q = highlight.trim().toLowerCase();
  return (
    <ul
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ul/li with tree roles is the WAI-ARIA tree view pattern.
      role="tree"
      aria-label={label}
      className={styles.tree}
      onKeyDown={onKeyDown}
    >
      {items.map((item) => (
        <Row
          key={item.key}
          item={item}
          open={expanded.has(item.node.id)}
          selected={item.node.id === selectedId}
          tabStop={item.key === tabStop}
          // Only rows whose name holds the query get it, so typing re-renders just the rows whose
          // highlight changes.
          highlight={q && item.node.name.toLowerCase().includes(q) ? q : ''}
          checks={checks}
          onActivate={activate}
          onCheck={check}
          onFocusItem={focusItem}
          register={register}
        />
      ))}
    </ul>
  );
}

interface RowProps {
  item: VisibleItem;
  open: boolean;
  selected: boolean;
  tabStop: boolean;
  highlight: string;
  checks: TreeChecks | undefined;
  onActivate: (key: string) => void;
  onCheck: (key: string) => void;
  onFocusItem: (key: string) => void;
  register: (key: string, el: HTMLLIElement | null) => void;
}

/** Turns one visible item into the memoised row's primitive props. */
function Row({ item, checks, ...rest }: RowProps) {
  const sel = checks ? selectionOf(item.node, checks.selected) : undefined;
  return (
    <TreeRow
      {...rest}
      itemKey={item.key}
      node={item.node}
      level={item.level}
      position={item.position}
      setSize={item.setSize}
      check={sel?.state}
      checkedCount={sel?.selected ?? 0}
      // Distinct KPIs as displayed (a filtered branch counts what it still shows).
      total={sel?.total ?? kpiIdsOf(item.node).length}
      readOnly={!checks?.onChange}
      kindText={kindLabel[item.node.kind]}
    />
  );
}
