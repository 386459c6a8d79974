/** Filtering the audit log (pure): by action, actor and free text over target and details. */
import type { AuditEntry } from '@kpi/shared/contracts/monitoring-notification';

export type { AuditEntry };

export interface AuditFilter {
  /** An exact action, or a family such as `alert.` (prefix ending in a dot); '' = all. */
  action: string;
  actor: string;
  text: string;
}

export const DEFAULT_AUDIT_FILTER: AuditFilter = { action: '', actor: '', text: '' };

export function filterAudit(entries: readonly AuditEntry[], f: AuditFilter): AuditEntry[] {
  const actor = f.actor.trim().toLowerCase();
  const text = f.text.trim().toLowerCase();
  return entries.filter((e) => {
    if (f.action && (f.action.endsWith('.') ? !e.action.startsWith(f.action) : e.action !== f.action))
      return false;
    if (actor && !e.actor.toLowerCase().includes(actor)) return false;
    if (!text) return true;
    const details = e.details ? JSON.stringify(e.details) : '';
    return [e.target, e.deploymentId ?? '', e.action, details].some((s) => s.toLowerCase().includes(text));
  });
}

/** The families (`alert.`, `command.`, …) and exact actions seen, for the action select. */
export function actionOptions(entries: readonly AuditEntry[]): { families: string[]; actions: string[] } {
  const actions = [...new Set(entries.map((e) => e.action))].sort();
  const families = [
    ...new Set(actions.filter((a) => a.includes('.')).map((a) => `${a.split('.')[0]}.`)),
  ].sort();
  return { families, actions };
}

/** "alert.acknowledged" → "Alert acknowledged". */
export function actionLabel(action: string): string {
  const words = action.replace(/[.-]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
