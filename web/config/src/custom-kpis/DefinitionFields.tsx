import { Options } from '@kpi/web-ui/forms';
import type { ReactNode } from 'react';
import styles from './CustomKpis.module.css';
import { type DefinitionForm, type FormErrors, GRAINS, UNITS } from './definition-form';

export interface DefinitionFieldsProps {
  form: DefinitionForm;
  errors: FormErrors;
  readOnly: boolean;
  /** Which part of the form to draw: the identity (name, id, description) or the presentation. */
  part: 'identity' | 'presentation';
  /** The id can be chosen only before the first save. */
  idEditable: boolean;
  onChange(patch: Partial<DefinitionForm>): void;
}

function Field({
  label,
  error,
  hint,
  children,
  wide,
}: {
  label: string;
  error?: string;
  hint?: string;
  wide?: boolean;
  children: (props: { 'aria-invalid': boolean; 'aria-describedby'?: string; id: string }) => ReactNode;
}) {
  const id = `kpi-field-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={`${styles.field} ${wide ? styles.wide : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {error ? (
        <span id={`${id}-error`} className={styles.fieldError}>
          {error}
        </span>
      ) : (
        hint && (
          <span id={`${id}-hint`} className={styles.hint}>
            {hint}
          </span>
        )
      )}
    </div>
  );
}

/** The definition's fields other than the formula, as labelled inputs. */
export function DefinitionFields({
  form,
  errors,
  readOnly,
  part,
  idEditable,
  onChange,
}: DefinitionFieldsProps) {
  if (part === 'identity')
    return (
      <div className={styles.fieldGrid}>
        <Field label="Name" error={errors.name}>
          {(p) => (
            <input
              {...p}
              className={styles.input}
              value={form.name}
              readOnly={readOnly}
              maxLength={120}
              onChange={(e) => onChange({ name: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Id"
          error={errors.id}
          hint={idEditable ? 'Lower-case, digits and dashes; fixed once saved.' : undefined}
        >
          {(p) => (
            <input
              {...p}
              className={`${styles.input} ${styles.mono}`}
              value={form.id}
              readOnly={readOnly || !idEditable}
              maxLength={80}
              onChange={(e) => onChange({ id: e.target.value })}
            />
          )}
        </Field>
        <Field label="Description" error={errors.description} wide>
          {(p) => (
            <textarea
              {...p}
              className={styles.input}
              rows={2}
              value={form.description}
              readOnly={readOnly}
              onChange={(e) => onChange({ description: e.target.value })}
            />
          )}
        </Field>
      </div>
    );
  return (
    <div className={styles.fieldGrid4}>
      <Field label="Unit" error={errors.unit}>
        {(p) => (
          <select
            {...p}
            className={styles.input}
            value={form.unit}
            disabled={readOnly}
            onChange={(e) => {
              const unit = UNITS.find((u) => u.value === e.target.value) ?? UNITS[0];
              // Follow the unit's usual label unless the user typed their own.
              const usual = UNITS.some((u) => u.unitLabel === form.unitLabel) || form.unitLabel === '';
              onChange({ unit: unit.value, ...(usual ? { unitLabel: unit.unitLabel } : {}) });
            }}
          >
            <Options items={UNITS} value={(u) => u.value} label={(u) => u.label} />
          </select>
        )}
      </Field>
      <Field label="Unit label" error={errors.unitLabel}>
        {(p) => (
          <input
            {...p}
            className={styles.input}
            value={form.unitLabel}
            readOnly={readOnly}
            maxLength={40}
            onChange={(e) => onChange({ unitLabel: e.target.value })}
          />
        )}
      </Field>
      <Field label="Direction" error={errors.direction}>
        {(p) => (
          <select
            {...p}
            className={styles.input}
            value={form.direction}
            disabled={readOnly}
            onChange={(e) => onChange({ direction: e.target.value as DefinitionForm['direction'] })}
          >
            <option value="higher-is-better">Higher is better</option>
            <option value="lower-is-better">Lower is better</option>
          </select>
        )}
      </Field>
      <Field label="Time grain" error={errors.timeGrain}>
        {(p) => (
          <select
            {...p}
            className={styles.input}
            value={form.timeGrain}
            disabled={readOnly}
            onChange={(e) => onChange({ timeGrain: e.target.value as DefinitionForm['timeGrain'] })}
          >
            <Options items={GRAINS} />
          </select>
        )}
      </Field>
      {(['target', 'good', 'warning', 'critical'] as const).map((key) => (
        <Field
          key={key}
          label={key === 'target' ? 'Target' : `${key[0]!.toUpperCase()}${key.slice(1)} threshold`}
          error={errors[key]}
        >
          {(p) => (
            <input
              {...p}
              className={`${styles.input} ${styles.number}`}
              inputMode="decimal"
              value={form[key]}
              readOnly={readOnly}
              onChange={(e) => onChange({ [key]: e.target.value })}
            />
          )}
        </Field>
      ))}
      <Field label="Value format" error={errors.format} hint="d3-format, e.g. ,.1f">
        {(p) => (
          <input
            {...p}
            className={`${styles.input} ${styles.mono}`}
            value={form.format}
            readOnly={readOnly}
            maxLength={20}
            onChange={(e) => onChange({ format: e.target.value })}
          />
        )}
      </Field>
      <Field label="Tags" error={errors.tags} hint="Comma-separated" wide>
        {(p) => (
          <input
            {...p}
            className={styles.input}
            value={form.tags}
            readOnly={readOnly}
            onChange={(e) => onChange({ tags: e.target.value })}
          />
        )}
      </Field>
    </div>
  );
}
