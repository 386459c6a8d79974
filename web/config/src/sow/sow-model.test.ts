import { DEFAULT_ESTIMATE_PARAMETERS, estimateEffort } from '@kpi/shared/domain/sow/estimate';
import { describe, expect, it } from 'vitest';
import {
  addPhase,
  formatDays,
  formatMoney,
  removePhase,
  requestBody,
  setRate,
  sowFileName,
  unpricedRoles,
  updatePhase,
} from './sow-model';

const p = DEFAULT_ESTIMATE_PARAMETERS;
const input = {
  sourceTypes: ['sap' as const],
  objectsToMap: 4,
  missingFields: 3,
  catalogKpis: 12,
  customKpis: 0,
};

describe('SOW page model', () => {
  it('edits phases and rates without touching the defaults, and the estimate follows', () => {
    const cheaper = setRate(p, 'engineer', 500);
    expect(p.rateCard.engineer).toBe(1000);
    expect(estimateEffort(input, cheaper).totals.total).toBeLessThan(estimateEffort(input, p).totals.total);

    const longer = updatePhase(p, 3, { factor: 10 });
    expect(p.phases[3]?.factor).toBe(3);
    expect(estimateEffort(input, longer).totals.days).toBe(estimateEffort(input, p).totals.days + 7);

    const added = addPhase(addPhase(p));
    expect(added.phases.map((ph) => ph.id).slice(-2)).toEqual(['phase-6', 'phase-7']);
    expect(new Set(added.phases.map((ph) => ph.id)).size).toBe(added.phases.length);
    expect(removePhase(added, 0).phases).toHaveLength(added.phases.length - 1);
    const single = { ...p, phases: p.phases.slice(0, 1) };
    expect(removePhase(single, 0)).toBe(single);
  });

  it('names roles without a rate', () => {
    expect(unpricedRoles(p)).toEqual([]);
    expect(unpricedRoles(updatePhase(p, 0, { role: 'architect' }))).toEqual(['architect']);
  });

  it('sends the dashboard override only when set', () => {
    expect(requestBody({ parameters: p })).toEqual({ parameters: p });
    expect(requestBody({ parameters: p, dashboards: 0 })).toEqual({ parameters: p, dashboards: 0 });
  });

  it('formats money, quarter days and download names', () => {
    expect(formatMoney(12345.6, 'EUR')).toBe('€12,346');
    expect(formatMoney(10, 'XYZ')).toMatch(/XYZ/);
    expect([formatDays(3), formatDays(2.5), formatDays(0.25)]).toEqual(['3', '2.5', '0.25']);
    expect(sowFileName('contoso-plant-analytics', 3, 'docx')).toBe('contoso-plant-analytics-sow-v3.docx');
    expect(sowFileName('a b/c', 1, 'pdf')).toBe('a-b-c-sow-v1.pdf');
  });
});
