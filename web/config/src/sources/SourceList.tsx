import type { DataSource } from '@kpi/shared/contracts/demo-config';
import { useState } from 'react';
import styles from './Sources.module.css';
import { SourceTypeIcon } from './SourceTypeIcon';
import { sourceCounts } from './source-draft';
import { SOURCE_TYPE_INFO } from './source-types';

/** Props of the source list. */
export interface SourceListProps {
  sources: readonly DataSource[];
  /** Editing is possible (editor role, draft configuration): shows Edit and Remove. */
  editable: boolean;
  onEdit(source: DataSource): void;
  /** Removes; rejects with the API error to show. */
  onRemove(source: DataSource): Promise<void>;
}

/** The declared sources: type, name, what they provide; edit and remove (with a confirmation) for editors. */
export function SourceList({ sources, editable, onEdit, onRemove }: SourceListProps) {
  const [confirming, setConfirming] = useState<string>();
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<{ id: string; message: string }>();

  const remove = async (source: DataSource) => {
    setRemoving(true);
    setError(undefined);
    try {
      await onRemove(source);
      setConfirming(undefined);
    } catch (err) {
      setError({ id: source.id, message: (err as Error).message });
    } finally {
      setRemoving(false);
    }
  };

  return (
    <ul className={styles.sourceList} aria-label="Data sources">
      {sources.map((s) => {
        const counts = sourceCounts(s);
        return (
          <li key={s.id} className={styles.sourceItem} data-testid="source" data-source={s.id}>
            <div className={styles.sourceRow}>
              <SourceTypeIcon type={s.type} />
              <div className={styles.sourceMain}>
                <div className={styles.sourceName}>{s.name}</div>
                <div className={styles.muted}>
                  <span data-testid="source-type">{SOURCE_TYPE_INFO[s.type].label}</span> · {counts.objects}{' '}
                  object
                  {counts.objects === 1 ? '' : 's'} · {counts.fields} field{counts.fields === 1 ? '' : 's'}
                  {s.description && ` · ${s.description}`}
                </div>
              </div>
              {editable && confirming !== s.id && (
                <div className={styles.buttons}>
                  <button
                    type="button"
                    className="kpi-button"
                    onClick={() => onEdit(s)}
                    aria-label={`Edit ${s.name}`}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="kpi-button"
                    onClick={() => setConfirming(s.id)}
                    aria-label={`Remove ${s.name}`}
                  >
                    Remove
                  </button>
                </div>
              )}
            </div>
            {confirming === s.id && (
              <div className={styles.confirm} role="alertdialog" aria-label={`Remove ${s.name}?`}>
                <span>
                  Remove <strong>{s.name}</strong>? The analysis will no longer count what it provides.
                </span>
                <button
                  type="button"
                  className={`kpi-button ${styles.danger}`}
                  onClick={() => void remove(s)}
                  disabled={removing}
                >
                  {removing ? 'Removing…' : 'Remove source'}
                </button>
                <button
                  type="button"
                  className="kpi-button"
                  onClick={() => setConfirming(undefined)}
                  disabled={removing}
                >
                  Keep it
                </button>
              </div>
            )}
            {error?.id === s.id && (
              <p className={styles.errorText} role="alert">
                {error.message}
              </p>
            )}
            <details className={styles.provides}>
              <summary>What it provides</summary>
              <ul>
                {s.objects.map((o) => (
                  <li key={o.name}>
                    <strong>{o.name}</strong>:{' '}
                    {o.fields.map((f, i) => (
                      <span key={f.name}>
                        {i > 0 && ', '}
                        <code>{f.name}</code>
                        {f.sourceColumn && <span className={styles.muted}> ← {f.sourceColumn}</span>}
                      </span>
                    ))}
                  </li>
                ))}
              </ul>
            </details>
          </li>
        );
      })}
    </ul>
  );
}
