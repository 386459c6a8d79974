import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Options } from './Options';

const html = (node: React.ReactElement) => renderToStaticMarkup(<select>{node}</select>);

describe('Options', () => {
  it('shows each string as its own value', () => {
    expect(html(<Options items={['a', 'b']} />)).toBe(
      '<select><option value="a">a</option><option value="b">b</option></select>',
    );
  });

  it('takes the value and label of an item from the given functions', () => {
    const items = [{ minutes: 60, label: '1 hour' }];
    expect(html(<Options items={items} value={(c) => c.minutes} label={(c) => c.label} />)).toBe(
      '<select><option value="60">1 hour</option></select>',
    );
  });
});
