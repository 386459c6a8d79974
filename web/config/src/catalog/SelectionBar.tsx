import type { ConfigurationView } from '@kpi/shared/contracts/demo-config';
import type { TreeNode } from '@kpi/web-ui/catalog';
import { Link } from '@kpi/web-ui/routing';
import { useMemo } from 'react';
import { StatusBadge } from '../configurations/StatusBadge';
import styles from './SelectionBar.module.css';
import { selectedPerIndustry } from './selection';
import type { SelectionDraft } from './useSelectionDraft';

export interface SelectionBarProps {
  configuration: ConfigurationView;
  draft: SelectionDraft;
  industries: TreeNode[];
  /** Distinct KPIs in the catalog. */
  catalogKpis: number;
  editable: boolean;
  /** Why the selection is read-only, when it is. */
  readOnlyReason: string | undefined;
}

/** The selection summary of the current configuration, with Save / Discard for editors on drafts. */
export function SelectionBar({
  configuration,
  draft,
  industries,
  catalogKpis,
  editable,
  readOnlyReason,
}: SelectionBarProps) {
  const perIndustry = useMemo(
    () => selectedPerIndustry(industries, draft.selected),
    [industries, draft.selected],
  );
  const custom = configuration.selectedKpis.filter((s) => s.customVersion !== undefined).length;
  return (
    <section className={styles.bar} aria-label="Selection summary">
      <div className={styles.main}>
        <div className={styles.title}>
          <span className={styles.label}>Selection for</span> <strong>{configuration.name}</strong>{' '}
          <StatusBadge status={configuration.status} />
        </div>
        <div className={styles.count} data-testid="selection-count">
          <strong>{draft.selected.size}</strong> of {catalogKpis} catalog KPIs selected
          {custom > 0 && (
            <span className={styles.muted}>
              {' '}
              · {custom} custom {custom === 1 ? 'KPI' : 'KPIs'} (kept as they are)
            </span>
          )}
        </div>
        {perIndustry.length > 0 && (
          <ul className={styles.chips} aria-label="Selected KPIs per industry">
            {perIndustry.map((s) => (
              <li key={s.id}>
                {s.name} <span className={styles.chipCount}>{`${s.selected}/${s.total}`}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className={styles.side}>
        {editable ? (
          <>
            {draft.dirty ? (
              <span className={styles.unsaved} data-testid="unsaved-changes">
                Unsaved changes: +{draft.added} −{draft.removed}
              </span>
            ) : (
              <span className={styles.muted}>All changes saved</span>
            )}
            <div className={styles.buttons}>
              <button
                type="button"
                className="kpi-button"
                onClick={draft.discard}
                disabled={!draft.dirty || draft.saving}
              >
                Discard
              </button>
              <button
                type="button"
                className="kpi-button kpi-button-primary"
                onClick={() => void draft.save()}
                disabled={!draft.dirty || draft.saving}
              >
                {draft.saving ? 'Saving…' : 'Save selection'}
              </button>
            </div>
          </>
        ) : (
          <span className={styles.readOnly} data-testid="selection-read-only">
            {readOnlyReason}
          </span>
        )}
        {draft.notice && (
          <div
            role={draft.notice.tone === 'ok' ? 'status' : 'alert'}
            className={styles[draft.notice.tone]}
            data-testid="selection-notice"
            data-code={draft.notice.code}
          >
            {draft.notice.text}
          </div>
        )}
        <Link to="/" className={styles.link}>
          Change configuration
        </Link>
      </div>
    </section>
  );
}
