import { describe, expect, it } from 'vitest';
import { cardinalityLabel, endLabels } from './cardinality';

describe('cardinalityLabel', () => {
  it('uses the UML short forms', () => {
    expect(cardinalityLabel('1..1')).toBe('1');
    expect(cardinalityLabel('0..1')).toBe('0..1');
    expect(cardinalityLabel('1..*')).toBe('1..*');
    expect(cardinalityLabel('0..*')).toBe('*');
  });

  it('passes an unknown multiplicity through', () => {
    expect(cardinalityLabel('2..5')).toBe('2..5');
  });
});

describe('endLabels', () => {
  it('puts the cardinality at the target end and the inverse at the source end', () => {
    // SalesOrderLine.order → SalesOrder: each line has exactly one order, an order has one or more lines.
    expect(endLabels({ cardinality: '1..1', inverseCardinality: '1..*' })).toEqual({
      atTo: '1',
      atFrom: '1..*',
    });
    expect(endLabels({ cardinality: '0..1', inverseCardinality: '0..*' })).toEqual({
      atTo: '0..1',
      atFrom: '*',
    });
  });
});
