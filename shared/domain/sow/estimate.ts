/**
 * The effort-estimate model of a Statement of Work: transparent (every figure is a visible line computed
 * from an editable parameter) and pure. Build effort = sources by type + objects to map + missing fields to
 * resolve + custom KPIs + dashboards; phases derive from it (a share of build, or fixed days); each phase is
 * priced with the rate card; phases run one after the other for the timeline; contingency is added last.
 */

/** Source types, as declared in the configuration. */
export type EstimateSourceType =
  | 'sqlserver'
  | 'postgresql'
  | 'dynamics365'
  | 'sap'
  | 'salesforce'
  | 'csv'
  | 'excel'
  | 'rest';

export interface EstimatePhase {
  readonly id: string;
  readonly name: string;
  /** `build`: days = build effort × factor; `fixed`: days = factor. */
  readonly basis: 'build' | 'fixed';
  readonly factor: number;
  /** Rate card role that does the phase's work. */
  readonly role: string;
  /** People working on the phase in parallel (its duration = days / people). */
  readonly people: number;
  /** Runs alongside the whole project (e.g. project management) instead of after the previous phase. */
  readonly concurrent?: boolean;
}

export interface EstimateParameters {
  readonly currency: string;
  /** First working day, `YYYY-MM-DD`. */
  readonly startDate: string;
  /** Integration days per source, by source type. */
  readonly daysPerSourceType: Readonly<Record<EstimateSourceType, number>>;
  readonly daysPerObjectToMap: number;
  /** Per required field no declared source provides (finding or deriving it with the client). */
  readonly daysPerMissingField: number;
  readonly daysPerCustomKpi: number;
  readonly daysPerDashboard: number;
  /** Used when the dashboard count is not given: one dashboard per this many KPIs. */
  readonly kpisPerDashboard: number;
  /** The phases, in order; the one with basis `build` and factor 1 is the build itself. */
  readonly phases: readonly EstimatePhase[];
  /** Day rate per role. */
  readonly rateCard: Readonly<Record<string, number>>;
  readonly contingencyPercent: number;
  readonly workingDaysPerWeek: number;
}

/** What is being estimated (from the configuration and its analysis). */
export interface EstimateInput {
  readonly sourceTypes: readonly EstimateSourceType[];
  readonly objectsToMap: number;
  readonly missingFields: number;
  readonly catalogKpis: number;
  readonly customKpis: number;
  /** Overrides the dashboards derived from the KPI count. */
  readonly dashboards?: number;
}

export interface EstimateLine {
  readonly id: string;
  readonly label: string;
  readonly quantity: number;
  readonly unitDays: number;
  readonly days: number;
}

export interface PhaseEstimate {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly days: number;
  readonly people: number;
  readonly rate: number;
  readonly cost: number;
  readonly start: string;
  /** Last working day of the phase. */
  readonly end: string;
  readonly weeks: number;
}

export interface Estimate {
  readonly currency: string;
  readonly lines: readonly EstimateLine[];
  readonly buildDays: number;
  readonly phases: readonly PhaseEstimate[];
  readonly totals: {
    readonly days: number;
    readonly cost: number;
    readonly contingency: number;
    readonly total: number;
    readonly start: string;
    readonly end: string;
    readonly weeks: number;
  };
}

/** The vendor's standard model; every value is editable per SOW. */
export const DEFAULT_ESTIMATE_PARAMETERS: EstimateParameters = {
  currency: 'EUR',
  startDate: '2027-01-04',
  daysPerSourceType: {
    sqlserver: 3,
    postgresql: 3,
    dynamics365: 6,
    sap: 10,
    salesforce: 6,
    csv: 1.5,
    excel: 2,
    rest: 5,
  },
  daysPerObjectToMap: 1.5,
  daysPerMissingField: 0.25,
  daysPerCustomKpi: 2,
  daysPerDashboard: 2,
  kpisPerDashboard: 6,
  phases: [
    {
      id: 'discovery',
      name: 'Discovery and design',
      basis: 'build',
      factor: 0.15,
      role: 'consultant',
      people: 1,
    },
    { id: 'build', name: 'Integration and build', basis: 'build', factor: 1, role: 'engineer', people: 2 },
    {
      id: 'testing',
      name: 'Testing and acceptance',
      basis: 'build',
      factor: 0.2,
      role: 'engineer',
      people: 1,
    },
    {
      id: 'deployment',
      name: 'Deployment and training',
      basis: 'fixed',
      factor: 3,
      role: 'consultant',
      people: 1,
    },
    {
      id: 'management',
      name: 'Project management',
      basis: 'build',
      factor: 0.1,
      role: 'manager',
      people: 1,
      concurrent: true,
    },
  ],
  rateCard: { consultant: 1200, engineer: 1000, manager: 1300 },
  contingencyPercent: 10,
  workingDaysPerWeek: 5,
};

/** Problems in a parameter set (empty when usable): negative values, unknown roles, bad dates. */
export function validateEstimateParameters(p: EstimateParameters): string[] {
  const problems: string[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(p.startDate) || Number.isNaN(Date.parse(`${p.startDate}T00:00:00Z`)))
    problems.push('startDate must be a date YYYY-MM-DD');
  const nonNegative: [string, number][] = [
    ['daysPerObjectToMap', p.daysPerObjectToMap],
    ['daysPerMissingField', p.daysPerMissingField],
    ['daysPerCustomKpi', p.daysPerCustomKpi],
    ['daysPerDashboard', p.daysPerDashboard],
    ['contingencyPercent', p.contingencyPercent],
    ...Object.entries(p.daysPerSourceType).map(([t, d]): [string, number] => [`daysPerSourceType.${t}`, d]),
    ...Object.entries(p.rateCard).map(([r, d]): [string, number] => [`rateCard.${r}`, d]),
  ];
  for (const [name, v] of nonNegative)
    if (!(Number.isFinite(v) && v >= 0)) problems.push(`${name} must be ≥ 0`);
  if (!(p.kpisPerDashboard >= 1)) problems.push('kpisPerDashboard must be ≥ 1');
  if (!(p.workingDaysPerWeek >= 1 && p.workingDaysPerWeek <= 7))
    problems.push('workingDaysPerWeek must be 1..7');
  if (p.phases.length === 0) problems.push('at least one phase is needed');
  for (const ph of p.phases) {
    if (!(Number.isFinite(ph.factor) && ph.factor >= 0)) problems.push(`phase ${ph.id}: factor must be ≥ 0`);
    if (!(Number.isInteger(ph.people) && ph.people >= 1)) problems.push(`phase ${ph.id}: people must be ≥ 1`);
    if (p.rateCard[ph.role] === undefined) problems.push(`phase ${ph.id}: role ${ph.role} has no rate`);
  }
  return problems;
}

/** Rounds to quarter days (how effort is quoted). */
const quarter = (d: number) => Math.round(d * 4) / 4;
const money = (n: number) => Math.round(n * 100) / 100;

/** Computes the estimate. Throws on invalid parameters (call `validateEstimateParameters` first for messages). */
export function estimateEffort(input: EstimateInput, p: EstimateParameters): Estimate {
  const problems = validateEstimateParameters(p);
  if (problems.length) throw new Error(`Invalid estimate parameters: ${problems.join('; ')}`);

  const lines: EstimateLine[] = [];
  const line = (id: string, label: string, quantity: number, unitDays: number) => {
    if (quantity > 0) lines.push({ id, label, quantity, unitDays, days: quarter(quantity * unitDays) });
  };
  const typeCounts = new Map<EstimateSourceType, number>();
  for (const t of input.sourceTypes) typeCounts.set(t, (typeCounts.get(t) ?? 0) + 1);
  for (const [type, n] of [...typeCounts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))
    line(`source-${type}`, `Data source integration (${type})`, n, p.daysPerSourceType[type]);
  line('objects', 'Objects to map', input.objectsToMap, p.daysPerObjectToMap);
  line('missing-fields', 'Missing fields to resolve', input.missingFields, p.daysPerMissingField);
  line('custom-kpis', 'Custom KPIs', input.customKpis, p.daysPerCustomKpi);
  const kpiCount = input.catalogKpis + input.customKpis;
  const dashboards = input.dashboards ?? Math.ceil(kpiCount / p.kpisPerDashboard);
  line('dashboards', 'Dashboards', dashboards, p.daysPerDashboard);
  const buildDays = quarter(lines.reduce((s, l) => s + l.days, 0));

  const projectStart = firstWorkingDay(p.startDate, p.workingDaysPerWeek);
  let cursor = projectStart;
  let projectEnd = projectStart;
  let workingDays = 0;
  const scheduled = p.phases.map((ph) => {
    const days = quarter(ph.basis === 'build' ? buildDays * ph.factor : ph.factor);
    const durationDays = Math.max(1, Math.ceil(days / ph.people));
    if (ph.concurrent) return { ph, days, durationDays, start: '', end: '' };
    const start = cursor;
    const end = addWorkingDays(start, durationDays - 1, p.workingDaysPerWeek);
    cursor = addWorkingDays(end, 1, p.workingDaysPerWeek);
    projectEnd = end;
    workingDays += durationDays;
    return { ph, days, durationDays, start, end };
  });
  const weeks = (n: number) => Math.round((n / p.workingDaysPerWeek) * 10) / 10;
  const phases: PhaseEstimate[] = scheduled.map(({ ph, days, durationDays, start, end }) => {
    const rate = p.rateCard[ph.role] ?? 0;
    return {
      id: ph.id,
      name: ph.name,
      role: ph.role,
      days,
      people: ph.people,
      rate,
      cost: money(days * rate),
      start: ph.concurrent ? projectStart : start,
      end: ph.concurrent ? projectEnd : end,
      weeks: weeks(ph.concurrent ? workingDays : durationDays),
    };
  });
  const days = quarter(phases.reduce((s, ph) => s + ph.days, 0));
  const cost = money(phases.reduce((s, ph) => s + ph.cost, 0));
  const contingency = money((cost * p.contingencyPercent) / 100);
  return {
    currency: p.currency,
    lines,
    buildDays,
    phases,
    totals: {
      days,
      cost,
      contingency,
      total: money(cost + contingency),
      start: projectStart,
      end: projectEnd,
      weeks: weeks(workingDays),
    },
  };
}

// Working days: Monday..(Monday + workingDaysPerWeek - 1), UTC.
const DAY = 86_400_000;
const isWorking = (t: number, perWeek: number) => (new Date(t).getUTCDay() + 6) % 7 < perWeek;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

function firstWorkingDay(date: string, perWeek: number): string {
  let t = Date.parse(`${date}T00:00:00Z`);
  while (!isWorking(t, perWeek)) t += DAY;
  return iso(t);
}

function addWorkingDays(date: string, n: number, perWeek: number): string {
  let t = Date.parse(`${date}T00:00:00Z`);
  for (let left = n; left > 0; ) {
    t += DAY;
    if (isWorking(t, perWeek)) left--;
  }
  return iso(t);
}
