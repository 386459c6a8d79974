/**
 * The editor's form state for a custom KPI definition (text inputs keep what is typed, numbers included)
 * and its conversion to and from the metadata service's definition, with field-level messages.
 */
import type { CustomKpiDefinition } from '@kpi/shared/contracts/metadata-custom-kpi';
import { slugOf } from '@kpi/web-ui/forms';

export const UNITS = [
  { value: 'percent', label: 'Percent', unitLabel: '%' },
  { value: 'percent-change', label: 'Percent change', unitLabel: '%' },
  { value: 'currency', label: 'Currency', unitLabel: 'EUR' },
  { value: 'count', label: 'Count', unitLabel: '' },
  { value: 'ratio', label: 'Ratio', unitLabel: '×' },
  { value: 'days', label: 'Days', unitLabel: 'days' },
  { value: 'hours', label: 'Hours', unitLabel: 'h' },
  { value: 'minutes', label: 'Minutes', unitLabel: 'min' },
  { value: 'score', label: 'Score', unitLabel: 'pts' },
  { value: 'quantity', label: 'Quantity', unitLabel: 'units' },
] as const satisfies readonly { value: CustomKpiDefinition['unit']; label: string; unitLabel: string }[];

export const GRAINS = ['day', 'week', 'month', 'quarter', 'year'] as const;

export interface DefinitionForm {
  id: string;
  name: string;
  description: string;
  formula: string;
  unit: CustomKpiDefinition['unit'];
  unitLabel: string;
  format: string;
  direction: CustomKpiDefinition['direction'];
  target: string;
  good: string;
  warning: string;
  critical: string;
  timeGrain: CustomKpiDefinition['timeGrain'];
  /** Comma-separated. */
  tags: string;
  /** Kept as stored: the editor does not change slicing dimensions. */
  dimensions: string[];
}

/** A fresh form for a new custom KPI. */
export function emptyForm(): DefinitionForm {
  return {
    id: '',
    name: '',
    description: '',
    formula: '',
    unit: 'percent',
    unitLabel: '%',
    format: ',.1f',
    direction: 'higher-is-better',
    target: '95',
    good: '95',
    warning: '90',
    critical: '85',
    timeGrain: 'month',
    tags: '',
    dimensions: [],
  };
}

/** The form of a stored definition. */
export function formOf(id: string, d: CustomKpiDefinition): DefinitionForm {
  return {
    id,
    name: d.name,
    description: d.description,
    formula: d.formula,
    unit: d.unit,
    unitLabel: d.unitLabel,
    format: d.format,
    direction: d.direction,
    target: String(d.target),
    good: String(d.thresholds.good),
    warning: String(d.thresholds.warning),
    critical: String(d.thresholds.critical),
    timeGrain: d.timeGrain,
    tags: d.tags.join(', '),
    dimensions: [...d.dimensions],
  };
}

/** A KPI id from its name: lower-case words joined by dashes (the service's id rule). */
export function slugify(name: string): string {
  return slugOf(name, 80);
}

export type FormErrors = Partial<Record<keyof DefinitionForm, string>>;

const number = (s: string): number | undefined => {
  if (s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
};

/**
 * The definition the form describes, or the messages of the fields that keep it from being saved.
 * The formula may be invalid: drafts keep work in progress (publishing checks it).
 */
export function definitionOf(form: DefinitionForm): { definition?: CustomKpiDefinition; errors: FormErrors } {
  const errors: FormErrors = {};
  if (!/^[a-z0-9][a-z0-9-]{1,79}$/.test(form.id))
    errors.id = 'Lower-case letters, digits and dashes, 2 to 80 characters.';
  if (form.name.trim() === '') errors.name = 'Give the KPI a name.';
  else if (form.name.trim().length > 120) errors.name = 'At most 120 characters.';
  if (form.description.length > 2000) errors.description = 'At most 2,000 characters.';
  if (form.formula.length > 20_000) errors.formula = 'At most 20,000 characters.';
  const target = number(form.target);
  const good = number(form.good);
  const warning = number(form.warning);
  const critical = number(form.critical);
  for (const [key, value] of [
    ['target', target],
    ['good', good],
    ['warning', warning],
    ['critical', critical],
  ] as const)
    if (value === undefined) errors[key] = 'Enter a number.';
  if (good !== undefined && warning !== undefined && critical !== undefined) {
    const ordered =
      form.direction === 'higher-is-better'
        ? good >= warning && warning >= critical
        : good <= warning && warning <= critical;
    if (!ordered)
      errors.warning =
        form.direction === 'higher-is-better'
          ? 'Higher is better: good ≥ warning ≥ critical.'
          : 'Lower is better: good ≤ warning ≤ critical.';
  }
  const tags = form.tags
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  if (tags.length > 20 || tags.some((t) => t.length > 40)) errors.tags = 'At most 20 tags of 40 characters.';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    definition: {
      name: form.name.trim(),
      description: form.description,
      formula: form.formula,
      unit: form.unit,
      unitLabel: form.unitLabel,
      format: form.format || ',.1f',
      direction: form.direction,
      target: target!,
      thresholds: { good: good!, warning: warning!, critical: critical! },
      timeGrain: form.timeGrain,
      dimensions: form.dimensions,
      tags,
    },
  };
}
