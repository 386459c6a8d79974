import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ESTIMATE_PARAMETERS as defaults,
  type EstimateInput,
  estimateEffort,
  validateEstimateParameters,
} from './estimate';

const input: EstimateInput = {
  sourceTypes: ['sap', 'csv', 'csv'],
  objectsToMap: 4,
  missingFields: 3,
  catalogKpis: 10,
  customKpis: 2,
};

describe('effort estimate', () => {
  it('shows every build line with its quantity and unit effort', () => {
    const e = estimateEffort(input, defaults);
    expect(e.lines).toEqual([
      { id: 'source-csv', label: 'Data source integration (csv)', quantity: 2, unitDays: 1.5, days: 3 },
      { id: 'source-sap', label: 'Data source integration (sap)', quantity: 1, unitDays: 10, days: 10 },
      { id: 'objects', label: 'Objects to map', quantity: 4, unitDays: 1.5, days: 6 },
      { id: 'missing-fields', label: 'Missing fields to resolve', quantity: 3, unitDays: 0.25, days: 0.75 },
      { id: 'custom-kpis', label: 'Custom KPIs', quantity: 2, unitDays: 2, days: 4 },
      // 12 KPIs at 6 per dashboard.
      { id: 'dashboards', label: 'Dashboards', quantity: 2, unitDays: 2, days: 4 },
    ]);
    expect(e.buildDays).toBe(27.75);
  });

  it('derives phases from build effort, prices them with the rate card and adds contingency', () => {
    const e = estimateEffort(input, defaults);
    expect(e.phases.map((p) => [p.id, p.days, p.cost])).toEqual([
      ['discovery', 4.25, 5100],
      ['build', 27.75, 27750],
      ['testing', 5.5, 5500],
      ['deployment', 3, 3600],
      ['management', 2.75, 3575],
    ]);
    expect(e.totals).toMatchObject({ days: 43.25, cost: 45525, contingency: 4552.5, total: 50077.5 });
  });

  it('schedules phases one after another on working days; concurrent ones span the project', () => {
    const e = estimateEffort(input, defaults);
    expect(e.phases.map((p) => [p.id, p.start, p.end])).toEqual([
      ['discovery', '2027-01-04', '2027-01-08'],
      // 27.75 days for two engineers: 14 working days.
      ['build', '2027-01-11', '2027-01-28'],
      ['testing', '2027-01-29', '2027-02-05'],
      ['deployment', '2027-02-08', '2027-02-10'],
      ['management', '2027-01-04', '2027-02-10'],
    ]);
    expect(e.totals).toMatchObject({ start: '2027-01-04', end: '2027-02-10', weeks: 5.6 });
  });

  it('follows edited parameters: rates, dashboards given, a start on a weekend', () => {
    const e = estimateEffort(
      { ...input, dashboards: 5 },
      {
        ...defaults,
        startDate: '2027-01-02',
        rateCard: { ...defaults.rateCard, engineer: 800 },
        contingencyPercent: 0,
      },
    );
    expect(e.lines.find((l) => l.id === 'dashboards')).toMatchObject({ quantity: 5, days: 10 });
    expect(e.phases[0]?.start).toBe('2027-01-04');
    expect(e.phases.find((p) => p.id === 'build')?.cost).toBe(e.buildDays * 800);
    expect(e.totals.contingency).toBe(0);
    expect(e.totals.total).toBe(e.totals.cost);
  });

  it('names every invalid parameter and refuses to estimate with them', () => {
    const bad = {
      ...defaults,
      startDate: '2027-13-40',
      daysPerObjectToMap: -1,
      phases: [{ id: 'x', name: 'X', basis: 'build' as const, factor: 1, role: 'wizard', people: 0 }],
    };
    expect(validateEstimateParameters(bad)).toEqual([
      'startDate must be a date YYYY-MM-DD',
      'daysPerObjectToMap must be ≥ 0',
      'phase x: people must be ≥ 1',
      'phase x: role wizard has no rate',
    ]);
    expect(() => estimateEffort(input, bad)).toThrow(/Invalid estimate parameters/);
    expect(validateEstimateParameters(defaults)).toEqual([]);
  });

  it('an empty configuration costs only the fixed phases', () => {
    const e = estimateEffort(
      { sourceTypes: [], objectsToMap: 0, missingFields: 0, catalogKpis: 0, customKpis: 0 },
      defaults,
    );
    expect(e.lines).toEqual([]);
    expect(e.totals.days).toBe(3);
    expect(e.totals.cost).toBe(3600);
  });
});
