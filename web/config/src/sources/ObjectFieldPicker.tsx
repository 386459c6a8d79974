import type { DataObject } from '@kpi/shared/domain/catalog/types';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import styles from './Sources.module.css';
import {
  type DraftObjects,
  fieldCount,
  type NeededFields,
  neededFirst,
  searchCatalogObjects,
  selectionOf,
  setAllFields,
  setSourceColumn,
  toggleField,
} from './source-draft';

/** Props of the object and field picker. */
export interface ObjectFieldPickerProps {
  catalogObjects: readonly DataObject[];
  value: DraftObjects;
  onChange(next: DraftObjects): void;
  /** What the configuration's KPIs need (from the analysis): listed first and marked. */
  needed: NeededFields;
}

/** A checkbox that can show the mixed state (some fields of the object chosen). */
function TriStateCheckbox({
  state,
  label,
  onChange,
}: {
  state: 'none' | 'some' | 'all';
  label: string;
  onChange(on: boolean): void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some';
  }, [state]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label={label}
      checked={state === 'all'}
      onChange={() => onChange(state !== 'all')}
    />
  );
}

/** The catalog's objects and their typed fields, searchable, with select-all per object and source columns. */
export function ObjectFieldPicker({ catalogObjects, value, onChange, needed }: ObjectFieldPickerProps) {
  const [query, setQuery] = useState('');
  const [onlyChosen, setOnlyChosen] = useState(false);
  const [onlyNeeded, setOnlyNeeded] = useState(false);
  const deferred = useDeferredValue(query);
  // Objects with chosen fields start open, others closed; a click flips an object from its default.
  const [flipped, setFlipped] = useState<Set<string>>(() => new Set());
  const shown = useMemo(() => {
    const found = neededFirst(searchCatalogObjects(catalogObjects, deferred), needed);
    return found.filter(
      (o) => (!onlyChosen || o.object.name in value) && (!onlyNeeded || needed.has(o.object.name)),
    );
  }, [catalogObjects, deferred, onlyChosen, onlyNeeded, value, needed]);
  const searching = deferred.trim() !== '';
  const toggleOpen = (name: string) =>
    setFlipped((s) => {
      const next = new Set(s);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });

  return (
    <div className={styles.picker}>
      <div className={styles.pickerBar}>
        <input
          type="search"
          className={styles.search}
          placeholder="Search objects and fields"
          aria-label="Search objects and fields"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        {needed.size > 0 && (
          <label className={styles.check}>
            <input type="checkbox" checked={onlyNeeded} onChange={(e) => setOnlyNeeded(e.target.checked)} />
            Needed by the KPIs only
          </label>
        )}
        <label className={styles.check}>
          <input type="checkbox" checked={onlyChosen} onChange={(e) => setOnlyChosen(e.target.checked)} />
          Chosen only
        </label>
        <span className={styles.muted} data-testid="picker-count">
          {Object.keys(value).length} objects · {fieldCount(value)} fields chosen
        </span>
      </div>
      {shown.length === 0 ? (
        <p className={styles.muted}>No object or field matches “{deferred}”.</p>
      ) : (
        <ul className={styles.objectList} aria-label="Catalog objects">
          {shown.map(({ object, fields, whole }) => {
            const chosen = value[object.name] ?? {};
            const n = Object.keys(chosen).length;
            const neededFields = needed.get(object.name);
            const expanded = searching || flipped.has(object.name) !== n > 0;
            return (
              <li
                key={object.name}
                className={styles.objectItem}
                data-testid="picker-object"
                data-object={object.name}
              >
                <div className={styles.objectRow}>
                  <TriStateCheckbox
                    state={selectionOf(value, object)}
                    label={`All fields of ${object.name}`}
                    onChange={(on) =>
                      onChange(
                        setAllFields(
                          value,
                          object.name,
                          object.fields.map((f) => f.name),
                          on,
                        ),
                      )
                    }
                  />
                  <button
                    type="button"
                    className={styles.objectToggle}
                    aria-expanded={expanded}
                    onClick={() => toggleOpen(object.name)}
                    disabled={searching}
                  >
                    <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> <strong>{object.name}</strong>{' '}
                    <span className={styles.muted}>
                      {object.label} · {object.area}
                    </span>
                    {neededFields && (
                      <span className={styles.needed}>
                        KPIs need {neededFields.size} field{neededFields.size === 1 ? '' : 's'}
                      </span>
                    )}
                  </button>
                  <span className={n ? styles.countOn : styles.muted}>
                    {n}/{object.fields.length}
                  </span>
                </div>
                {expanded && (
                  <ul className={styles.fieldList} aria-label={`Fields of ${object.name}`}>
                    {fields.map((f) => {
                      const picked = chosen[f.name];
                      return (
                        <li key={f.name} className={styles.fieldRow}>
                          <label className={styles.check}>
                            <input
                              type="checkbox"
                              checked={picked !== undefined}
                              onChange={(e) =>
                                onChange(toggleField(value, object.name, f.name, e.target.checked))
                              }
                            />
                            <code>{f.name}</code>
                          </label>
                          <span className={styles.fieldType}>
                            {neededFields?.has(f.name) && <span className={styles.needed}>needed</span>}{' '}
                            {f.type}
                            {f.key === 'primary' ? ' · key' : f.key === 'foreign' ? ' · ref' : ''}
                          </span>
                          {picked !== undefined && (
                            <input
                              className={styles.columnInput}
                              placeholder="source column (optional)"
                              aria-label={`Source column of ${object.name}.${f.name}`}
                              maxLength={200}
                              value={picked.sourceColumn ?? ''}
                              onChange={(e) =>
                                onChange(setSourceColumn(value, object.name, f.name, e.target.value))
                              }
                            />
                          )}
                          {picked?.type && <span className={styles.muted}>inferred {picked.type}</span>}
                        </li>
                      );
                    })}
                    {!whole && (
                      <li className={styles.muted}>
                        {object.fields.length - fields.length} more fields hidden by the search
                      </li>
                    )}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
