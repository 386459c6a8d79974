/**
 * Built-in scalar functions. The type rules live in checker.ts, the runtime in compile-scalar.ts;
 * this table is the single list both (and the README) follow.
 */
export interface FunctionInfo {
  readonly name: string;
  readonly signature: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Only allowed outside aggregations (they work on whole-period values). */
  readonly scopeOnly: boolean;
  readonly description: string;
}

const f = (
  name: string,
  signature: string,
  minArgs: number,
  maxArgs: number,
  description: string,
  scopeOnly = false,
): FunctionInfo => ({ name, signature, minArgs, maxArgs, scopeOnly, description });

export const FUNCTIONS: ReadonlyMap<string, FunctionInfo> = new Map(
  [
    f('if', 'if(condition, then, else)', 3, 3, 'then when condition is true, else otherwise'),
    f('coalesce', 'coalesce(a, b, ...)', 1, 16, 'first argument that is not null'),
    f('abs', 'abs(number)', 1, 1, 'absolute value'),
    f('round', 'round(number[, digits])', 1, 2, 'rounds half away from zero to digits (default 0)'),
    f('floor', 'floor(number)', 1, 1, 'largest integer not above the number'),
    f('ceil', 'ceil(number)', 1, 1, 'smallest integer not below the number'),
    f('sqrt', 'sqrt(number)', 1, 1, 'square root; null for a negative number'),
    f('least', 'least(a, b, ...)', 1, 16, 'smallest of the non-null arguments'),
    f('greatest', 'greatest(a, b, ...)', 1, 16, 'largest of the non-null arguments'),
    f('days_between', 'days_between(from, to)', 2, 2, 'to − from in days (fractional for datetimes)'),
    f('hours_between', 'hours_between(from, to)', 2, 2, 'to − from in hours'),
    f('minutes_between', 'minutes_between(from, to)', 2, 2, 'to − from in minutes'),
    f('add_days', 'add_days(date, days)', 2, 2, 'the date shifted by a number of days'),
    f('year', 'year(date)', 1, 1, 'calendar year (UTC)'),
    f('quarter', 'quarter(date)', 1, 1, 'calendar quarter 1..4'),
    f('month', 'month(date)', 1, 1, 'month 1..12'),
    f('day_of_week', 'day_of_week(date)', 1, 1, 'ISO day of week, 1 = Monday .. 7 = Sunday'),
    f('hour', 'hour(datetime)', 1, 1, 'hour of day 0..23 (UTC)'),
    f('date', "date('YYYY-MM-DD')", 1, 1, 'a date literal'),
    f('period_start', 'period_start()', 0, 0, 'first day of the evaluated period'),
    f('period_end', 'period_end()', 0, 0, 'the day after the evaluated period (exclusive end)'),
    f('period_days', 'period_days()', 0, 0, 'number of days in the evaluated period'),
    f('in_period', 'in_period(date)', 1, 1, 'true when the date falls in the evaluated period'),
    f('previous_period', 'previous_period(expr)', 1, 1, 'expr evaluated over the preceding period', true),
    f('year_to_date', 'year_to_date(expr)', 1, 1, 'expr evaluated from 1 January to the period end', true),
    f(
      'same_period_last_year',
      'same_period_last_year(expr)',
      1,
      1,
      'expr evaluated over the same period one year earlier',
      true,
    ),
    f(
      'to_date',
      'to_date(expr)',
      1,
      1,
      'expr evaluated over all records up to the period end (stock values)',
      true,
    ),
    f('kpi', "kpi('kpi-id')", 1, 1, 'the value of another KPI for the same period (derived KPI)', true),
  ].map((x) => [x.name, x]),
);

export const PERIOD_FUNCTIONS: ReadonlySet<string> = new Set([
  'previous_period',
  'year_to_date',
  'same_period_last_year',
  'to_date',
]);
