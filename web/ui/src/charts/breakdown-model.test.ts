import { describe, expect, it } from 'vitest';
import { type BreakdownItem, bucketOthers, nextSort, OTHER_KEY, sortBreakdown } from './breakdown-model';

const item = (label: string, value: number | null, other = false): BreakdownItem => ({
  key: label,
  label,
  value,
  ...(other ? { other } : {}),
});
const labels = (items: BreakdownItem[]) => items.map((d) => d.label);

describe('breakdown model', () => {
  const items = [item('Other', 1, true), item('b', 5), item('A 10', null), item('a 2', 9), item('c', 5)];

  it('sorts by value either way; no value after values, the other bucket always last', () => {
    expect(labels(sortBreakdown(items, { by: 'value', order: 'descending' }))).toEqual([
      'a 2',
      'b',
      'c',
      'A 10',
      'Other',
    ]);
    expect(labels(sortBreakdown(items, { by: 'value', order: 'ascending' }))).toEqual([
      'b',
      'c',
      'a 2',
      'A 10',
      'Other',
    ]);
  });

  it('sorts labels naturally and without regard to case', () => {
    const named = [item('a 10', 1), item('B', 2), item('a 2', 3)];
    expect(labels(sortBreakdown(named, { by: 'label', order: 'ascending' }))).toEqual(['a 2', 'a 10', 'B']);
    expect(labels(sortBreakdown(named, { by: 'label', order: 'descending' }))).toEqual(['B', 'a 10', 'a 2']);
  });

  it('flips the order on the same column, starts a new column in its natural order', () => {
    expect(nextSort({ by: 'value', order: 'descending' }, 'value')).toEqual({
      by: 'value',
      order: 'ascending',
    });
    expect(nextSort({ by: 'value', order: 'descending' }, 'label')).toEqual({
      by: 'label',
      order: 'ascending',
    });
    expect(nextSort({ by: 'label', order: 'ascending' }, 'value')).toEqual({
      by: 'value',
      order: 'descending',
    });
  });

  it('keeps the largest members and sums the rest into one other bucket', () => {
    const many = [item('a', 1), item('b', 7), item('c', 3), item('d', null), item('e', 2)];
    const top = bucketOthers(many, 2);
    expect(top.map((d) => [d.label, d.value, d.other ?? false])).toEqual([
      ['b', 7, false],
      ['c', 3, false],
      ['Other (3)', 3, true],
    ]);
    expect(top[2]?.key).toBe(OTHER_KEY);
  });

  it('folds the data’s own other item into the bucket and combines as told', () => {
    const withOther = [item('a', 4), item('b', 2), item('c', 1), item('Rest', 10, true)];
    const top = bucketOthers(withOther, 1, { combine: (v) => Math.max(...v), label: 'Everything else' });
    expect(top.map((d) => [d.label, d.value])).toEqual([
      ['a', 4],
      ['Everything else (3)', 10],
    ]);
    expect(bucketOthers([item('a', 1), item('Rest', 3, true)], 5).map((d) => d.label)).toEqual(['a', 'Rest']);
  });

  it('does not make a bucket of one, nor of nothing', () => {
    expect(labels(bucketOthers([item('a', 1), item('b', 2), item('c', 3)], 2))).toEqual(['c', 'b', 'a']);
    expect(labels(bucketOthers([item('a', 1)], 3))).toEqual(['a']);
    expect(bucketOthers([item('a', null), item('b', null), item('c', 1)], 1)).toEqual([
      item('c', 1),
      { key: OTHER_KEY, label: 'Other (2)', value: null, other: true },
    ]);
  });
});
