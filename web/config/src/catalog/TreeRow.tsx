import type { TreeNode } from '@kpi/web-ui/catalog';
import { memo, useEffect, useRef } from 'react';
import styles from './CatalogTree.module.css';
import type { CheckState } from './selection';

export interface TreeRowProps {
  itemKey: string;
  node: TreeNode;
  level: number;
  position: number;
  setSize: number;
  open: boolean;
  selected: boolean;
  tabStop: boolean;
  highlight: string;
  /** Checkbox state; undefined for a browse-only tree. */
  check: CheckState | undefined;
  checkedCount: number;
  total: number;
  /** Checkboxes shown but disabled (viewers, non-draft configurations). */
  readOnly: boolean;
  kindText: string;
  onActivate: (key: string) => void;
  onCheck: (key: string) => void;
  onFocusItem: (key: string) => void;
  register: (key: string, el: HTMLLIElement | null) => void;
}

const ariaChecked = { checked: 'true', unchecked: 'false', mixed: 'mixed' } as const;

/** One treeitem; memoised on primitive props and stable callbacks (see CatalogTree). */
export const TreeRow = memo(function TreeRow(props: TreeRowProps) {
  const { itemKey, node, level, open, selected, tabStop, highlight, check, readOnly } = props;
  const { onActivate, onCheck, onFocusItem, register } = props;
  const branch = (node.children?.length ?? 0) > 0;
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current) box.current.indeterminate = check === 'mixed';
  }, [check]);

  return (
    <li
      ref={(el) => register(itemKey, el)}
      role="treeitem"
      className={styles.item}
      aria-level={level}
      aria-posinset={props.position}
      aria-setsize={props.setSize}
      aria-expanded={branch ? open : undefined}
      aria-selected={selected}
      aria-checked={check ? ariaChecked[check] : undefined}
      tabIndex={tabStop ? 0 : -1}
      data-kind={node.kind}
      data-id={node.id}
      onFocus={(e) => {
        if (e.target === e.currentTarget) onFocusItem(itemKey);
      }}
    >
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the treeitem handles the keyboard; this row adds mouse support. */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: keyboard is handled on the tree (roving tabindex). */}
      <div
        className={styles.row}
        style={{ paddingLeft: 10 + (level - 1) * 22 }}
        onClick={() => onActivate(itemKey)}
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
        {check && (
          <input
            ref={box}
            type="checkbox"
            className={styles.check}
            // The treeitem is the tab stop; Space on it toggles this box.
            tabIndex={-1}
            checked={check === 'checked'}
            aria-checked={ariaChecked[check]}
            disabled={readOnly}
            aria-label={`Select ${props.kindText} ${node.name}`}
            onClick={(e) => e.stopPropagation()}
            onChange={() => onCheck(itemKey)}
          />
        )}
        <span className={`${styles.kind} ${styles[node.kind]}`}>{props.kindText}</span>
        <span className={styles.name}>
          <Highlighted text={node.name} query={highlight} />
        </span>
        {node.kind !== 'kpi' && (
          <span
            className={`${styles.count} ${check && props.checkedCount > 0 ? styles.countSome : ''}`}
            title={check ? `${props.checkedCount} of ${props.total} KPIs selected` : `${props.total} KPIs`}
            data-testid="node-count"
          >
            {check ? `${props.checkedCount}/${props.total}` : props.total}
            <span className="kpi-visually-hidden">{check ? ' KPIs selected' : ' KPIs'}</span>
          </span>
        )}
      </div>
    </li>
  );
});

/** The name with the first case-insensitive occurrence of `query` (already lower-case) marked. */
function Highlighted({ text, query }: { text: string; query: string }) {
  const at = query ? text.toLowerCase().indexOf(query) : -1;
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark>{text.slice(at, at + query.length)}</mark>
      {text.slice(at + query.length)}
    </>
  );
}
