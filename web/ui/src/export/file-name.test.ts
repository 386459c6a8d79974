import { describe, expect, it } from 'vitest';
import { exportFileName, fileSlug } from './file-name';

describe('export file names', () => {
  it('names a file after tenant, dashboard, part and period', () => {
    expect(exportFileName({ tenant: 'Contoso', dashboard: 'Sales overview', period: '2024-06' }, 'png')).toBe(
      'contoso_sales-overview_2024-06.png',
    );
    expect(
      exportFileName(
        { tenant: 'contoso', dashboard: 'Home', part: 'OTIF rate (%)', period: '2024-Q2' },
        'csv',
      ),
    ).toBe('contoso_home_otif-rate_2024-q2.csv');
  });

  it('keeps only safe characters: no path separators, dots, spaces, quotes or control characters', () => {
    const name = exportFileName(
      { tenant: '../../etc', dashboard: 'a/b\\c:d*e?"f<g>h|i\u0000j\nk', period: ' 2024 / 06 ' },
      'svg',
    );
    expect(name).toBe('etc_a-b-c-d-e-f-g-h-i-j-k_2024-06.svg');
    expect(name.slice(0, -4)).toMatch(/^[a-z0-9_-]+$/);
  });

  it('drops accents and gives up other scripts rather than emit them', () => {
    expect(fileSlug('Café Ünïcode — Q3')).toBe('cafe-unicode-q3');
    expect(exportFileName({ tenant: '東京', dashboard: 'Übersicht' }, 'pdf')).toBe('ubersicht.pdf');
  });

  it('leaves out empty parts and falls back to "export"', () => {
    expect(exportFileName({ tenant: '', dashboard: '  ', period: '' }, 'csv')).toBe('export.csv');
    expect(exportFileName({ tenant: '---', dashboard: 'KPIs' }, 'png')).toBe('kpis.png');
  });

  it('never yields a name Windows reserves', () => {
    expect(exportFileName({ tenant: 'CON', dashboard: '' }, 'csv')).toBe('con-export.csv');
    expect(exportFileName({ tenant: 'Lpt1', dashboard: '' }, 'png')).toBe('lpt1-export.png');
  });

  it('cuts long parts without leaving a dash at the end', () => {
    const long = exportFileName({ tenant: 'x'.repeat(100), dashboard: `${'a '.repeat(30)}b` }, 'png');
    expect(long).toBe(`${'x'.repeat(48)}_${'a-'.repeat(23)}a.png`);
    expect(fileSlug('ab cd', 3)).toBe('ab');
  });
});
