/** The draggable source columns and the droppable object fields of the mapping board. */
import { useDraggable, useDroppable } from '@dnd-kit/core';
import { fieldSourceSchema, SUGGESTION_CONFIDENT } from '@kpi/shared/contracts/mapping';
import { useState } from 'react';
import styles from './Mapping.module.css';
import { describeSource, type FieldSource, type FieldSuggestions, type ObjectField } from './mapping-types';

export const columnId = (name: string) => `col:${name}`;
export const fieldId = (name: string) => `field:${name}`;

/** One discovered column; drag it (mouse, touch or keyboard) onto a field. */
export function ColumnChip({ name, type, samples }: { name: string; type: string; samples: string[] }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: columnId(name) });
  return (
    <li>
      <button
        type="button"
        ref={setNodeRef}
        className={`${styles.column} ${isDragging ? styles.dragging : ''}`}
        data-testid={`column-${name}`}
        {...attributes}
        {...listeners}
        aria-label={`Column ${name} (${type})`}
      >
        {name}
        <span className={styles.meta}>
          {type}
          {samples.length ? ` · e.g. ${samples.slice(0, 3).join(', ')}` : ''}
        </span>
      </button>
    </li>
  );
}

export interface FieldTargetProps {
  /** The object field. */
  field: ObjectField;
  /** Its current source, when mapped. */
  source: FieldSource | undefined;
  /** Ranked suggestions for it. */
  suggestions: FieldSuggestions | undefined;
  /** Validation issues of this field (codes and messages). */
  issues: { code: string; message: string }[];
  /** Admins and owners may edit. */
  editable: boolean;
  onChange(source: FieldSource | undefined): void;
}

/** One object field: drop a column here, accept its suggestion, edit its transform, or unmap it. */
export function FieldTarget({ field, source, suggestions, issues, editable, onChange }: FieldTargetProps) {
  const { setNodeRef, isOver } = useDroppable({ id: fieldId(field.name), disabled: !editable });
  const [editing, setEditing] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const best = suggestions?.candidates[0];
  const saveTransform = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(editing ?? '');
    } catch {
      setProblem('Not JSON');
      return;
    }
    const checked = fieldSourceSchema.safeParse(parsed);
    if (!checked.success) {
      setProblem(checked.error.issues[0]?.message ?? 'Not a field source');
      return;
    }
    setProblem(undefined);
    setEditing(undefined);
    onChange(checked.data);
  };
  return (
    <li
      ref={setNodeRef}
      className={`${styles.field} ${isOver ? styles.over : ''}`}
      data-testid={`field-${field.name}`}
      data-mapped={source ? 'true' : 'false'}
      aria-label={`Field ${field.name}`}
    >
      <div className={styles.fieldHead}>
        <span className={styles.fieldName}>{field.name}</span>
        <span className={styles.meta}>
          {field.type}
          {field.required ? ' · required' : ''}
        </span>
        <span className={styles.source} data-testid={`source-${field.name}`}>
          {source ? `← ${describeSource(source)}` : 'unmapped'}
        </span>
      </div>
      {issues.map((i) => (
        <div key={i.code} className={styles.errorText} data-testid={`issue-${field.name}`}>
          {i.code}: {i.message}
        </div>
      ))}
      {editable && (
        <div className={styles.actions}>
          {best && (!source || describeSource(best.source) !== describeSource(source)) && (
            <button type="button" onClick={() => onChange(best.source)} data-testid={`accept-${field.name}`}>
              Use {best.column} ({Math.round(best.score * 100)} %
              {best.score >= SUGGESTION_CONFIDENT ? ', confident' : ''})
            </button>
          )}
          <button
            type="button"
            onClick={() =>
              setEditing(JSON.stringify(source ?? { transform: { kind: 'cast', column: '' } }, null, 1))
            }
          >
            Edit transform of {field.name}
          </button>
          {source && (
            <button type="button" onClick={() => onChange(undefined)}>
              Unmap {field.name}
            </button>
          )}
        </div>
      )}
      {editing !== undefined && (
        <div className={styles.transform}>
          <label>
            Source of {field.name} (JSON: a column or a transform)
            <textarea value={editing} onChange={(e) => setEditing(e.target.value)} />
          </label>
          {problem && (
            <div className={styles.errorText} role="alert">
              {problem}
            </div>
          )}
          <div className={styles.actions}>
            <button type="button" onClick={saveTransform}>
              Save transform
            </button>
            <button type="button" onClick={() => setEditing(undefined)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
