/** The simulator's live summary line and final report (pure formatting). */
import type { FleetStats } from './fleet';

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

function statusText(statuses: Record<string, number>): string {
  const parts = Object.entries(statuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}×${v}`);
  return parts.length > 0 ? parts.join(' ') : '-';
}

function licenseText(c: FleetStats['licenseChecks']): string {
  if (!c) return 'off';
  const refused = Object.entries(c.refused)
    .map(([code, n]) => `${code}×${n}`)
    .join(' ');
  return `${c.valid} valid, ${c.failed} failed${refused ? `, refused ${refused}` : ''}`;
}

/** One line every 10 s. */
export function summaryLine(s: FleetStats): string {
  const episodes = Object.entries(s.episodes)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return (
    `[${seconds(s.elapsedMs).padStart(6)}] sent ${s.generated}, acked ${s.acked}, buffered ${s.bufferedNow} now ` +
    `(${s.buffered} in all, ${s.replayed} replayed), 5xx ${s.fiveXx}, statuses ${statusText(s.statuses)}, ` +
    `intake p50 ${s.intakeP50Ms} ms p99 ${s.intakeP99Ms} ms${episodes ? `, misbehaving: ${episodes}` : ''}`
  );
}

/** The report printed when the simulation ends. */
export function finalReport(s: FleetStats, leftBuffered: number): string {
  const rate = s.elapsedMs > 0 ? (s.acked / (s.elapsedMs / 1000)).toFixed(1) : '0';
  return [
    `simulated ${s.deployments} deployments for ${seconds(s.elapsedMs)}`,
    `  heartbeats made      ${s.generated}`,
    `  acknowledged         ${s.acked} (${rate}/s)`,
    `  buffered / replayed  ${s.buffered} / ${s.replayed}`,
    `  still buffered       ${leftBuffered}`,
    `  dropped by senders   ${s.dropped}`,
    `  HTTP statuses        ${statusText(s.statuses)} (5xx ${s.fiveXx}, 503 with Retry-After ${s.unavailableWithRetryAfter})`,
    `  intake latency       p50 ${s.intakeP50Ms} ms, p99 ${s.intakeP99Ms} ms`,
    `  commands answered    ${s.commandsRun}`,
    `  licence checks       ${licenseText(s.licenseChecks)}`,
  ].join('\n');
}
