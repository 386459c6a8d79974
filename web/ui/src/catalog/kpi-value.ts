/** How the UIs show a KPI's figures: a value with its unit label, and which way is better. */

export const directionText: Readonly<Record<string, string>> = {
  'higher-is-better': 'Higher is better ↑',
  'lower-is-better': 'Lower is better ↓',
};

/** A value with its unit label ("95 %", "3.2 days"). */
export function formatValue(value: number, unitLabel: string): string {
  const text = new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(value);
  if (!unitLabel) return text;
  return unitLabel === '%' ? `${text} %` : `${text} ${unitLabel}`;
}
