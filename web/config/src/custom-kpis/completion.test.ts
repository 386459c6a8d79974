import { loadCatalog } from '@kpi/shared/domain/catalog/index';
import { describe, expect, it } from 'vitest';
import { applyCompletion, type CompletionContext, completionContext, completionItems } from './completion';

const catalog = loadCatalog();
const objects = new Map(catalog.objects.map((o) => [o.name, o]));
const sources = {
  objects,
  kpis: [
    { id: 'otif-rate', name: 'OTIF rate' },
    { id: 'oee', name: 'Overall equipment effectiveness' },
  ],
};
const at = (marked: string) => ({ text: marked.replace('|', ''), caret: marked.indexOf('|') });
const ctx = (marked: string) => {
  const { text, caret } = at(marked);
  return completionContext(text, caret);
};
const labels = (c: CompletionContext | null) => (c ? completionItems(c, sources).map((i) => i.label) : []);

describe('completionContext', () => {
  it('reads a member after an object and a dot, with what is typed so far', () => {
    expect(ctx('sum(WorkOrder.|')).toEqual({
      kind: 'member',
      path: ['WorkOrder'],
      prefix: '',
      from: 14,
      to: 14,
      scopeText: 'WorkOrder.',
    });
    const c = ctx('sum(WorkOrder.good|Qty) / 2');
    expect(c).toMatchObject({ kind: 'member', path: ['WorkOrder'], prefix: 'good', from: 14, to: 21 });
  });

  it('follows relationship chains', () => {
    expect(ctx('count(WorkOrder where WorkOrder.machine.|')).toMatchObject({
      kind: 'member',
      path: ['WorkOrder', 'machine'],
    });
  });

  it('reads a bare name and the aggregation it is in', () => {
    expect(ctx('count(WorkOrder where sta|')).toMatchObject({
      kind: 'name',
      prefix: 'sta',
      from: 22,
      to: 25,
      scopeText: 'WorkOrder where ',
    });
    expect(ctx('su|')).toMatchObject({ kind: 'name', prefix: 'su', scopeText: '' });
    // A closed aggregation is not the scope any more.
    expect(ctx('sum(WorkOrder.goodQuantity) / s|')).toMatchObject({ kind: 'name', scopeText: '' });
  });

  it('offers KPI ids inside kpi(…) strings only', () => {
    expect(ctx("kpi('ot|')")).toEqual({ kind: 'kpi', prefix: 'ot', from: 5, to: 7 });
    expect(ctx("count(WorkOrder where plannedStart >= date('2024|'))")).toBeNull();
  });

  it('offers nothing in comments and numbers', () => {
    expect(ctx('1 + 2 // WorkOrder.|')).toBeNull();
    expect(ctx('12|')).toBeNull();
    // After the comment's line, completion works again.
    expect(ctx('// note\nWork|')).toMatchObject({ kind: 'name', prefix: 'Work', from: 8 });
  });
});

describe('completionItems', () => {
  it("lists an object's fields and relationships after the dot, filtered by prefix", () => {
    const all = labels(ctx('sum(WorkOrder.|'));
    const workOrder = objects.get('WorkOrder')!;
    expect(all).toEqual([
      ...workOrder.fields.map((f) => f.name),
      ...workOrder.relationships.map((r) => r.name),
    ]);
    expect(labels(ctx('sum(WorkOrder.good|'))).toEqual(['goodQuantity']);
    // Substring matches come after prefix matches.
    expect(labels(ctx('sum(WorkOrder.quant|'))).toEqual(
      workOrder.fields.filter((f) => f.name.toLowerCase().includes('quant')).map((f) => f.name),
    );
  });

  it('navigates relationships to their target object', () => {
    const machine = objects.get('Machine')!;
    expect(labels(ctx('count(WorkOrder where WorkOrder.machine.|'))).toEqual(
      [...machine.fields, ...machine.relationships].map((m) => m.name),
    );
    // Unqualified relationship inside an aggregation over WorkOrder.
    expect(labels(ctx('count(WorkOrder where machine.is|'))).toEqual(['isCritical']);
    expect(labels(ctx('sum(NoSuchObject.|'))).toEqual([]);
  });

  it('offers scope fields first, then objects, functions and keywords for a bare name', () => {
    const inScope = labels(ctx('count(WorkOrder where sta|'));
    expect(inScope[0]).toBe('status');
    expect(labels(ctx('days_b|'))).toEqual(['days_between']);
    expect(labels(ctx('Work|'))).toContain('WorkOrder');
    expect(labels(ctx('whe|'))).toEqual(['where']);
    const sum = completionItems(ctx('su|')!, sources).find((i) => i.label === 'sum')!;
    expect(sum).toMatchObject({ kind: 'aggregate', insert: 'sum(' });
  });

  it('matches KPI ids and names inside kpi()', () => {
    expect(labels(ctx("kpi('ot|')"))).toEqual(['otif-rate']);
    expect(labels(ctx("kpi('equipment|')"))).toEqual(['oee']);
  });
});

describe('applyCompletion', () => {
  it('replaces the whole word at the caret and puts the caret after the insert', () => {
    const { text, caret } = at('sum(WorkOrder.go|od) / 2');
    const c = completionContext(text, caret)!;
    const item = completionItems(c, sources).find((i) => i.label === 'goodQuantity')!;
    expect(applyCompletion(text, c, item)).toEqual({ text: 'sum(WorkOrder.goodQuantity) / 2', caret: 26 });
  });

  it('leaves the caret inside the parentheses of a function', () => {
    const { text, caret } = at('1 + ab|');
    const c = completionContext(text, caret)!;
    const item = completionItems(c, sources).find((i) => i.label === 'abs')!;
    expect(applyCompletion(text, c, item)).toEqual({ text: '1 + abs(', caret: 8 });
  });
});

describe('enum values', () => {
  it('offers the values of the enum field a string is compared with', () => {
    const status = objects.get('WorkOrder')!.fields.find((f) => f.name === 'status')!;
    expect(ctx("count(WorkOrder where status = '|')")).toEqual({
      kind: 'value',
      path: ['status'],
      prefix: '',
      from: 32,
      to: 32,
      scopeText: 'WorkOrder where status = ',
    });
    expect(labels(ctx("count(WorkOrder where status = '|')"))).toEqual(status.values);
    expect(labels(ctx("count(WorkOrder where WorkOrder.status != 'can|')"))).toEqual(['cancelled']);
    expect(labels(ctx("count(WorkOrder where status in ('planned', 'rel|"))).toEqual(['released']);
    // Through a relationship, inside the aggregation's object.
    expect(labels(ctx("count(WorkOrder where machine.plant = '|')"))).toEqual(['plant_1', 'plant_2']);
  });

  it('offers nothing for strings that are not compared with an enum field', () => {
    expect(labels(ctx("count(WorkOrder where id = '|')"))).toEqual([]);
    expect(ctx("date('2024|')")).toBeNull();
  });
});

describe('applyCompletion in strings', () => {
  it('closes an open string and steps over an existing closing quote', () => {
    for (const [marked, expected] of [
      ["count(WorkOrder where status = 'comp|", ["count(WorkOrder where status = 'completed'", 42]],
      ["count(WorkOrder where status = 'comp|')", ["count(WorkOrder where status = 'completed')", 42]],
      ['kpi("ot|', ['kpi("otif-rate"', 15]],
    ] as const) {
      const { text, caret } = at(marked);
      const c = completionContext(text, caret)!;
      const item = completionItems(c, sources)[0]!;
      expect(applyCompletion(text, c, item)).toEqual({ text: expected[0], caret: expected[1] });
    }
  });
});
