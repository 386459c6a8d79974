import { NumberField } from './NumberField';
import styles from './Sow.module.css';
import { addPhase, type EstimateParameters, removePhase, unpricedRoles, updatePhase } from './sow-model';

export interface PhasesEditorProps {
  parameters: EstimateParameters;
  onChange(parameters: EstimateParameters): void;
}

/**
 * The phases, in order: each a share of the build effort or a fixed number of days, done by a rate-card
 * role with some people in parallel; a concurrent phase (project management) spans the whole project.
 */
export function PhasesEditor({ parameters: p, onChange }: PhasesEditorProps) {
  const roles = Object.keys(p.rateCard);
  const unpriced = unpricedRoles(p);
  return (
    <fieldset className={styles.group}>
      <legend>Phases</legend>
      <div className={styles.phases}>
        <div className={styles.phaseHead} aria-hidden="true">
          <span>Basis</span>
          <span>Effort</span>
          <span>Role</span>
          <span>People</span>
          <span>Alongside</span>
        </div>
        <ol className={styles.phaseList}>
          {p.phases.map((ph, i) => (
            <li key={ph.id} className={styles.phase}>
              <input
                className={styles.phaseName}
                aria-label={`Phase ${i + 1} name`}
                value={ph.name}
                maxLength={100}
                onChange={(e) => {
                  if (e.target.value.trim()) onChange(updatePhase(p, i, { name: e.target.value }));
                }}
              />
              <button
                type="button"
                className={styles.iconButton}
                aria-label={`Remove phase ${ph.name}`}
                title="Remove phase"
                disabled={p.phases.length <= 1}
                onClick={() => onChange(removePhase(p, i))}
              >
                ×
              </button>
              <select
                aria-label={`${ph.name}: basis`}
                value={ph.basis}
                onChange={(e) =>
                  onChange(
                    updatePhase(p, i, {
                      basis: e.target.value as 'build' | 'fixed',
                      // Keep the effort sensible when the meaning of the factor changes.
                      factor: e.target.value === 'build' ? 0.1 : 3,
                    }),
                  )
                }
              >
                <option value="build">% of build</option>
                <option value="fixed">Fixed</option>
              </select>
              {ph.basis === 'build' ? (
                <NumberField
                  hideLabel
                  label={`${ph.name}: share of build`}
                  unit="%"
                  step={5}
                  max={1000}
                  value={Math.round(ph.factor * 1000) / 10}
                  onChange={(v) => onChange(updatePhase(p, i, { factor: v / 100 }))}
                />
              ) : (
                <NumberField
                  hideLabel
                  label={`${ph.name}: fixed days`}
                  unit="days"
                  max={10_000}
                  value={ph.factor}
                  onChange={(v) => onChange(updatePhase(p, i, { factor: v }))}
                />
              )}
              <select
                aria-label={`${ph.name}: role`}
                value={ph.role}
                onChange={(e) => onChange(updatePhase(p, i, { role: e.target.value }))}
              >
                {[...new Set([ph.role, ...roles])].map((r) => (
                  <option key={r}>{r}</option>
                ))}
              </select>
              <NumberField
                hideLabel
                label={`${ph.name}: people`}
                value={ph.people}
                min={1}
                max={50}
                integer
                onChange={(v) => onChange(updatePhase(p, i, { people: v }))}
              />
              <input
                type="checkbox"
                className={styles.phaseCheck}
                aria-label={`${ph.name}: runs alongside the project`}
                title="Runs alongside the whole project (e.g. project management)"
                checked={ph.concurrent === true}
                onChange={(e) => onChange(updatePhase(p, i, { concurrent: e.target.checked || undefined }))}
              />
            </li>
          ))}
        </ol>
      </div>
      {unpriced.length > 0 && (
        <p className={styles.fieldError} role="alert">
          No rate for {unpriced.join(', ')}.
        </p>
      )}
      <button type="button" className="kpi-button" onClick={() => onChange(addPhase(p))}>
        Add phase
      </button>
    </fieldset>
  );
}
