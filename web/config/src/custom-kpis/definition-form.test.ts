import { customKpiDefinitionSchema } from '@kpi/shared/contracts/metadata-custom-kpi';
import { describe, expect, it } from 'vitest';
import { definitionOf, emptyForm, formOf, slugify } from './definition-form';

describe('slugify', () => {
  it('makes a service-valid id from a name', () => {
    expect(slugify('Scrap share of output')).toBe('scrap-share-of-output');
    expect(slugify('  Über-Quote (%) 2024!  ')).toBe('uber-quote-2024');
    expect(slugify('x'.repeat(100))).toHaveLength(80);
    expect(slugify('a '.repeat(60))).not.toMatch(/-$/);
  });
});

describe('definitionOf', () => {
  const valid = {
    ...emptyForm(),
    id: 'scrap-share',
    name: 'Scrap share',
    formula: 'sum(WorkOrder.scrapQuantity)',
  };

  it('builds a definition the service schema accepts, and reads it back unchanged', () => {
    const { definition, errors } = definitionOf({ ...valid, tags: ' quality, , scrap ' });
    expect(errors).toEqual({});
    expect(customKpiDefinitionSchema.parse(definition)).toEqual(definition);
    expect(definition).toMatchObject({
      target: 95,
      thresholds: { good: 95, warning: 90, critical: 85 },
      tags: ['quality', 'scrap'],
    });
    expect(formOf('scrap-share', definition!)).toEqual({ ...valid, tags: 'quality, scrap' });
  });

  it('keeps an invalid formula (drafts may hold work in progress)', () => {
    expect(definitionOf({ ...valid, formula: 'sum(' }).definition?.formula).toBe('sum(');
  });

  it('names every field that keeps the draft from being saved', () => {
    const { definition, errors } = definitionOf({ ...valid, id: 'X', name: ' ', target: 'abc', good: '' });
    expect(definition).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual(['good', 'id', 'name', 'target']);
  });

  it('checks the thresholds run the way the direction says', () => {
    expect(definitionOf({ ...valid, good: '80', warning: '90', critical: '95' }).errors.warning).toMatch(
      /Higher/,
    );
    const lower = {
      ...valid,
      direction: 'lower-is-better' as const,
      target: '2',
      good: '2',
      warning: '5',
      critical: '8',
    };
    expect(definitionOf(lower).errors).toEqual({});
    expect(definitionOf({ ...lower, good: '9' }).errors.warning).toMatch(/Lower/);
  });

  it('keeps dimensions it does not edit', () => {
    const form = { ...valid, dimensions: ['WorkOrder.machine.line'] };
    expect(definitionOf(form).definition?.dimensions).toEqual(['WorkOrder.machine.line']);
  });
});
