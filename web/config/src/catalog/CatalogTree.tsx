import { kindLabel, kpiCount, type TreeNode } from '@kpi/web-ui/catalog';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import styles from './CatalogTree.module.css';
import { keyToAction, visibleItems } from './tree-navigation';

export interface CatalogTreeProps {
  /** Top-level nodes (industries). */
  nodes: TreeNode[];
  /** Ids of expanded nodes. */
  expanded: ReadonlySet<string>;
  /** Called with the new set when the user expands or collapses. */
  onExpandedChange: (next: Set<string>) => void;
  /** Id of the selected node. */
  selectedId: string | undefined;
  onSelect: (node: TreeNode) => void;
  /** Text to highlight in names. */
  highlight?: string;
  /** Accessible name of the tree. */
  label: string;
}

/** An expandable, keyboard-navigable tree (WAI-ARIA tree view, roving tabindex). */
export function CatalogTree(props: CatalogTreeProps) {
  const { nodes, expanded, onExpandedChange, selectedId, onSelect, highlight = '', label } = props;
  const items = useMemo(() => visibleItems(nodes, expanded), [nodes, expanded]);
  const [focusedId, setFocusedId] = useState<string>();
  const elements = useRef(new Map<string, HTMLLIElement>());
  const moveFocus = useRef(false);

  // The tab stop is the focused item if still visible, else the selection, else the first item.
  const visibleIds = new Set(items.map((i) => i.node.id));
  const tabStop =
    (focusedId && visibleIds.has(focusedId) && focusedId) ||
    (selectedId && visibleIds.has(selectedId) && selectedId) ||
    items[0]?.node.id;

  useEffect(() => {
    if (moveFocus.current && tabStop) elements.current.get(tabStop)?.focus();
    moveFocus.current = false;
  }, [tabStop]);

  const toggle = (id: string, open: boolean) => {
    const next = new Set(expanded);
    if (open) next.add(id);
    else next.delete(id);
    onExpandedChange(next);
  };

  const activate = (node: TreeNode) => {
    onSelect(node);
    if (node.children?.length) toggle(node.id, !expanded.has(node.id));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (!tabStop) return;
    const action = keyToAction(event.key, items, tabStop, expanded);
    if (action.kind === 'none') return;
    event.preventDefault();
    if (action.kind === 'focus') {
      moveFocus.current = true;
      setFocusedId(action.id);
      elements.current.get(action.id)?.focus();
    } else if (action.kind === 'expand') toggle(action.id, true);
    else if (action.kind === 'collapse') toggle(action.id, false);
    else {
      const item = items.find((i) => i.node.id === action.id);
      if (item) activate(item.node);
    }
  };

  const render = (list: TreeNode[], level: number) =>
    list.map((node, index) => {
      const branch = (node.children?.length ?? 0) > 0;
      const open = branch && expanded.has(node.id);
      return (
        <li
          key={node.id}
          ref={(el) => {
            if (el) elements.current.set(node.id, el);
            else elements.current.delete(node.id);
          }}
          role="treeitem"
          className={styles.item}
          aria-level={level}
          aria-posinset={index + 1}
          aria-setsize={list.length}
          aria-expanded={branch ? open : undefined}
          aria-selected={node.id === selectedId}
          tabIndex={node.id === tabStop ? 0 : -1}
          data-kind={node.kind}
          onFocus={(e) => {
            if (e.target === e.currentTarget) setFocusedId(node.id);
          }}
        >
          {/* biome-ignore lint/a11y/noStaticElementInteractions: the treeitem handles the keyboard; this row adds mouse support. */}
          {/* biome-ignore lint/a11y/useKeyWithClickEvents: keyboard is handled on the tree (roving tabindex). */}
          <div
            className={styles.row}
            style={{ paddingLeft: 10 + (level - 1) * 22 }}
            onClick={() => {
              setFocusedId(node.id);
              activate(node);
            }}
          >
            <span className={`${styles.twisty} ${open ? styles.open : ''}`} aria-hidden="true">
              {branch && (
                <svg width="10" height="10" viewBox="0 0 10 10" focusable="false" aria-hidden="true">
                  <path
                    d="M3 1.5 6.5 5 3 8.5"
                    fill="none"
                    stroke="currentColor"
                    strokeWidth="1.6"
                    strokeLinecap="round"
                  />
                </svg>
              )}
            </span>
            <span className={`${styles.kind} ${styles[node.kind]}`}>{kindLabel[node.kind]}</span>
            <span className={styles.name}>
              <Highlighted text={node.name} query={highlight} />
            </span>
            {node.kind !== 'kpi' && (
              <span className={styles.count} title={`${kpiCount(node)} KPIs`}>
                {kpiCount(node)}
                <span className="kpi-visually-hidden"> KPIs</span>
              </span>
            )}
          </div>
          {open && (
            // biome-ignore lint/a11y/useSemanticElements: a treeitem's children are a role="group" list (WAI-ARIA tree view).
            <ul role="group" className={styles.group}>
              {render(node.children ?? [], level + 1)}
            </ul>
          )}
        </li>
      );
    });

  return (
    // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ul/li with tree roles is the WAI-ARIA tree view pattern.
    <ul role="tree" aria-label={label} className={styles.tree} onKeyDown={onKeyDown}>
      {render(nodes, 1)}
    </ul>
  );
}

/** The name with the first case-insensitive occurrence of `query` marked. */
function Highlighted({ text, query }: { text: string; query: string }) {
  const q = query.trim().toLowerCase();
  const at = q ? text.toLowerCase().indexOf(q) : -1;
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark>{text.slice(at, at + q.length)}</mark>
      {text.slice(at + q.length)}
    </>
  );
}
