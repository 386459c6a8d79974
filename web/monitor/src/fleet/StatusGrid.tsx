import { Link } from '@kpi/web-ui/routing';
import { useId, useRef, useState } from 'react';
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

/**
 * One cell per deployment, coloured by status and grouped by tenant. Hovering or focusing a cell shows its
 * name, version and last heartbeat; a cell is a link to the deployment's page.
 */
export function StatusGrid({ groups, now }: StatusGridProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const tooltipId = useId();
  const [hover, setHover] = useState<Hover | undefined>();

  const show = (deployment: Deployment, cell: HTMLElement) => {
    const wrap = wrapRef.current?.getBoundingClientRect();
    const rect = cell.getBoundingClientRect();
    if (!wrap) return;
    // Keep the tooltip inside the panel: flip to the left of the cell near the right edge.
    const left =
      rect.left - wrap.left + 340 > wrap.width
        ? Math.max(0, rect.right - wrap.left - 320)
        : rect.left - wrap.left;
    setHover({ key: keyOf(deployment), left, top: rect.bottom - wrap.top + 6 });
  };
  const hide = () => setHover(undefined);
  const hovered = hover && groups.flatMap((g) => g.deployments).find((d) => keyOf(d) === hover.key);

  return (
    <div className={styles.gridWrap} ref={wrapRef}>
      {groups.map((g) => (
        <section key={g.tenantId} className={styles.tenantBlock} aria-label={`Tenant ${g.tenantId}`}>
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
            {g.deployments.map((d) => {
              const s = statusStyle(d.status);
              return (
                <Link
                  key={d.id}
                  to={deploymentPath(d)}
                  className={styles.cell}
                  style={{ background: s.colour }}
                  aria-label={`${displayName(d)} (${g.tenantId}): ${s.label}`}
                  aria-describedby={hover?.key === keyOf(d) ? tooltipId : undefined}
                  data-testid="grid-cell"
                  data-deployment-id={d.id}
                  data-status={d.status}
                  onMouseEnter={(e) => show(d, e.currentTarget)}
                  onMouseLeave={hide}
                  onFocus={(e) => show(d, e.currentTarget)}
                  onBlur={hide}
                >
                  <span aria-hidden="true">{glyph[d.status]}</span>
                </Link>
              );
            })}
          </div>
        </section>
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
