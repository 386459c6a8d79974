import { navigate } from '@kpi/web-ui/routing';
import {
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  memo,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { timeAgo } from '../monitoring-api';
import styles from './fleet.module.css';
import {
  appVersionOf,
  type Deployment,
  deploymentPath,
  displayName,
  STATUS_ORDER,
  statusStyle,
  type TenantGroup,
} from './fleet-model';

/** A glyph per status so the grid reads without colour too. */
const glyph: Record<string, string> = { down: '×', late: '!', paused: '‖', new: '•', up: '' };

export interface StatusGridProps {
  /** Tenants with their deployments, worst first. */
  groups: TenantGroup[];
  /** "Now" for relative times (re-rendered on each refresh). */
  now: number;
}

interface Hover {
  /** `tenant/id`: the deployment is looked up again on each render, so a refresh updates the tooltip. */
  key: string;
  left: number;
  top: number;
}

const keyOf = (d: Deployment) => `${d.tenantId}/${d.id}`;
const CELL = '[data-testid="grid-cell"]';
const cellOf = (target: EventTarget) =>
  target instanceof Element ? target.closest<HTMLAnchorElement>(CELL) : null;

/**
 * One cell per deployment, coloured by status and grouped by tenant. Hovering or focusing a cell shows its
 * name, version and last heartbeat; a cell is a link to the deployment's page. Built for 10,000 cells: the
 * cells are plain links without handlers of their own (one set of handlers on the grid finds the cell), a
 * tenant's cells re-render only when its deployments change (not on hover), and only one cell is in the
 * tab order (roving tabindex: the arrow keys, Home and End move between cells).
 */
export function StatusGrid({ groups, now }: StatusGridProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const tooltipId = useId();
  const [hover, setHover] = useState<Hover | undefined>();
  const byKey = useMemo(
    () => new Map(groups.flatMap((g) => g.deployments.map((d) => [keyOf(d), d]))),
    [groups],
  );

  // Keep one cell tabbable after a refresh removed the one that was.
  useEffect(() => {
    const wrap = wrapRef.current;
    if (wrap && !wrap.querySelector(`${CELL}[tabindex="0"]`)) {
      const first = wrap.querySelector<HTMLElement>(CELL);
      if (first) first.tabIndex = 0;
    }
  });

  const show = (cell: HTMLElement) => {
    const key = cell.dataset.key;
    const wrap = wrapRef.current?.getBoundingClientRect();
    if (!wrap || !key) return;
    if (hover?.key === key) return;
    const rect = cell.getBoundingClientRect();
    // Keep the tooltip inside the panel: flip to the left of the cell near the right edge.
    const left =
      rect.left - wrap.left + 340 > wrap.width
        ? Math.max(0, rect.right - wrap.left - 320)
        : rect.left - wrap.left;
    setHover({ key, left, top: rect.bottom - wrap.top + 6 });
  };
  const hide = () => setHover(undefined);
  const hovered = hover && byKey.get(hover.key);

  const onMouseOver = (e: MouseEvent) => {
    const cell = cellOf(e.target);
    if (cell) show(cell);
    else if (hover && document.activeElement?.matches(CELL) !== true) hide();
  };
  const onFocus = (e: FocusEvent) => {
    const cell = cellOf(e.target);
    if (!cell) return;
    // Roving tabindex: the focused cell is the grid's one tab stop.
    for (const c of wrapRef.current?.querySelectorAll<HTMLElement>(`${CELL}[tabindex="0"]`) ?? [])
      c.tabIndex = -1;
    cell.tabIndex = 0;
    show(cell);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const cell = cellOf(e.target);
    const wrap = wrapRef.current;
    if (!cell || !wrap) return;
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
    const cells = [...wrap.querySelectorAll<HTMLElement>(CELL)];
    const i = cells.indexOf(cell);
    const to =
      e.key === 'Home' ? 0 : e.key === 'End' ? cells.length - 1 : step !== undefined ? i + step : undefined;
    if (to === undefined) return;
    e.preventDefault();
    cells[Math.min(Math.max(0, to), cells.length - 1)]?.focus();
  };
  const onClick = (e: MouseEvent) => {
    const cell = cellOf(e.target);
    if (!cell || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    navigate(cell.getAttribute('href') ?? '/');
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the handlers serve the links inside (delegation).
    <div
      className={styles.gridWrap}
      ref={wrapRef}
      onMouseOver={onMouseOver}
      onMouseLeave={() => document.activeElement?.matches(CELL) !== true && hide()}
      onFocus={onFocus}
      onBlur={hide}
      onKeyDown={onKeyDown}
      onClick={onClick}
    >
      {groups.map((g, i) => (
        <TenantCells key={g.tenantId} group={g} first={i === 0} tooltipId={tooltipId} />
      ))}
      <div className={styles.legend} aria-hidden="true">
        {STATUS_ORDER.map((s) => (
          <span key={s}>
            <span className={styles.legendSwatch} style={{ background: statusStyle(s).colour }} />
            {statusStyle(s).label}
          </span>
        ))}
      </div>
      {hover && hovered && (
        <div
          id={tooltipId}
          role="tooltip"
          className={styles.tooltip}
          style={{ left: hover.left, top: hover.top }}
          data-testid="grid-tooltip"
        >
          <strong>{displayName(hovered)}</strong>
          {hovered.name && <div className={styles.mono}>{hovered.id}</div>}
          <div>
            {statusStyle(hovered.status).label} · tenant {hovered.tenantId}
          </div>
          <div>Version {appVersionOf(hovered) || '—'}</div>
          <div>
            Last heartbeat {hovered.lastHeartbeatAt ? timeAgo(hovered.lastHeartbeatAt, now) : 'never'}
          </div>
        </div>
      )}
    </div>
  );
}

/** A tenant's heading and cells; memoised, so hovering and focusing do not re-render thousands of cells. */
const TenantCells = memo(function TenantCells({
  group: g,
  first,
  tooltipId,
}: {
  group: TenantGroup;
  first: boolean;
  tooltipId: string;
}) {
  return (
    <section className={styles.tenantBlock} aria-label={`Tenant ${g.tenantId}`}>
      <div className={styles.tenantHead}>
        <h3>{g.tenantId}</h3>
        <span className={styles.miniCounts}>
          {STATUS_ORDER.filter((s) => g.counts[s] > 0).map((s) => (
            <span key={s} style={{ color: s === 'up' ? undefined : statusStyle(s).colour }}>
              {g.counts[s]} {statusStyle(s).label.toLowerCase()}
            </span>
          ))}
        </span>
      </div>
      <div className={styles.cells}>
        {g.deployments.map((d, i) => {
          const s = statusStyle(d.status);
          return (
            <a
              key={d.id}
              href={deploymentPath(d)}
              className={styles.cell}
              style={{ background: s.colour }}
              tabIndex={first && i === 0 ? 0 : -1}
              aria-label={`${displayName(d)} (${g.tenantId}): ${s.label}`}
              aria-describedby={tooltipId}
              data-testid="grid-cell"
              data-key={keyOf(d)}
              data-deployment-id={d.id}
              data-status={d.status}
            >
              {glyph[d.status] ? <span aria-hidden="true">{glyph[d.status]}</span> : null}
            </a>
          );
        })}
      </div>
    </section>
  );
});
