import { ApiError } from '@kpi/web-ui/api';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Badge } from './Badge';
import { DataTable } from './DataTable';
import { FormDialog } from './Dialog';
import { FilterBar, FilterSearch, FilterSelect } from './FilterFields';
import { Loaded, type LoadState } from './Loaded';
import { refusal } from './refusal';
import { WhenCell } from './WhenCell';

// The markup the pages' browser tests and screen readers rely on: names, header scopes, label wrapping.

describe('DataTable', () => {
  it('names the table and heads every kept column with scope="col", rows in the body', () => {
    const html = renderToStaticMarkup(
      <DataTable
        className="t"
        label="Audit entries"
        columns={['When', false, { key: 'n', label: 'Count', className: 'num', style: { width: 32 } }]}
      >
        <tr>
          <td>row</td>
        </tr>
      </DataTable>,
    );
    expect(html).toBe(
      '<table class="t" aria-label="Audit entries"><thead><tr><th scope="col">When</th>' +
        '<th scope="col" class="num" style="width:32px">Count</th></tr></thead>' +
        '<tbody><tr><td>row</td></tr></tbody></table>',
    );
  });
});

describe('filter fields', () => {
  it('draws a named search landmark with labelled selects (fixed options first) and search boxes', () => {
    const html = renderToStaticMarkup(
      <FilterBar label="Filter the outbox">
        <FilterSelect
          label="Kind"
          value={'all' as 'all' | 'a' | 'b'}
          onChange={() => {}}
          choices={['a', 'b'] as const}
          labelOf={(c) => c.toUpperCase()}
        >
          <option value="all">All</option>
        </FilterSelect>
        <FilterSearch label="Who" value="ada" placeholder="e-mail" onChange={() => {}} />
        <FilterSearch label="Search" value="" placeholder="Subject…" onChange={() => {}} grow />
      </FilterBar>,
    );
    expect(html).toMatch(/^<search class="[^"]*" aria-label="Filter the outbox">/);
    expect(html).toContain(
      '<span>Kind</span><select><option value="all" selected="">All</option>' +
        '<option value="a">A</option><option value="b">B</option></select></label>',
    );
    expect(html).toContain('<span>Who</span><input type="search" placeholder="e-mail" value="ada"/></label>');
    // Only the free-text search takes the spare width.
    const labels = [...html.matchAll(/<label class="([^"]*)">/g)].map((m) => m[1]?.split(' ').length);
    expect(labels).toEqual([1, 1, 2]);
  });
});

describe('Loaded', () => {
  const state = (s: Partial<LoadState<{ n: number }>>): LoadState<{ n: number }> => ({
    data: undefined,
    error: undefined,
    loading: false,
    reload: () => {},
    ...s,
  });
  const draw = (s: LoadState<{ n: number }>) =>
    renderToStaticMarkup(
      <Loaded state={s} loadingLabel="Loading the outbox…" errorTitle="The outbox could not be loaded">
        {(data) => <p>count {data.n}</p>}
      </Loaded>,
    );

  it('says what it waits for during the first read', () => {
    const html = draw(state({ loading: true }));
    expect(html).toContain('role="status"');
    expect(html).toContain('Loading the outbox…');
  });

  it('shows the error with a Retry button when the read failed and nothing was read', () => {
    const html = draw(state({ error: new Error('boom') }));
    expect(html).toContain('role="alert"');
    expect(html).toContain('<h2>The outbox could not be loaded</h2>');
    expect(html).toContain('boom');
    expect(html).toMatch(/<button type="button" class="kpi-button">Retry<\/button>/);
  });

  it('draws the content from the data, also while a refresh fails', () => {
    expect(draw(state({ data: { n: 3 } }))).toBe('<p>count 3</p>');
    expect(draw(state({ data: { n: 3 }, error: new Error('stale') }))).toBe('<p>count 3</p>');
  });
});

describe('WhenCell', () => {
  it('shows the time, how long ago beneath, and the ISO time on hover', () => {
    const at = '2026-11-26T10:00:00.000Z';
    const html = renderToStaticMarkup(
      <table>
        <tbody>
          <tr>
            <WhenCell at={at} now={Date.parse(at) + 5 * 60_000} />
          </tr>
        </tbody>
      </table>,
    );
    expect(html).toContain(`<td title="${at}" style="white-space:nowrap">`);
    expect(html).toMatch(/5 min ago<\/div><\/td>/);
  });
});

describe('refusal', () => {
  it("finds the API's 403 among a page's read errors, and nothing else", () => {
    const forbidden = new ApiError(403, 'AUTH.FORBIDDEN', 'Not for your role', undefined, 'req-1');
    expect(refusal(undefined, new ApiError(500, 'X', 'down'), forbidden)).toBe(forbidden);
    expect(refusal(new Error('network'), new ApiError(404, 'NOT_FOUND', 'gone'), undefined)).toBeUndefined();
    expect(refusal()).toBeUndefined();
  });
});

describe('FormDialog', () => {
  const draw = (errors: string[], busy: boolean) =>
    renderToStaticMarkup(
      <FormDialog
        title="Silence notifications"
        onClose={() => {}}
        onSubmit={() => {}}
        errors={errors}
        busy={busy}
        submitLabel="Create silence"
      >
        <label>
          Reason <textarea />
        </label>
      </FormDialog>,
    );

  it('draws the fields, then Cancel and the submit button, and no error while there is none', () => {
    const html = draw([], false);
    expect(html).toMatch(/<dialog [^>]*aria-labelledby="([^"]+)".*<h2 id="\1">Silence notifications<\/h2>/);
    expect(html).toMatch(
      /<form [^>]*>.*Reason.*Cancel<\/button><button type="submit" [^>]*>Create silence<\/button>/,
    );
    expect(html).not.toContain('role="alert"');
  });

  it('announces what went wrong, a line each, and waits while the save runs', () => {
    const html = draw(['a (X.ONE)', 'b (X.TWO)'], true);
    expect(html).toContain('role="alert"><div>a (X.ONE)</div><div>b (X.TWO)</div></div>');
    expect(html).toMatch(/<button type="submit" [^>]*disabled="">Saving…<\/button>/);
  });
});

describe('Badge', () => {
  it('says the state in words on a pill, coloured by its tone, muted without one', () => {
    const toned = renderToStaticMarkup(
      <Badge tone="danger" data-testid="detail-status">
        expired
      </Badge>,
    );
    const muted = renderToStaticMarkup(<Badge>skipped</Badge>);
    expect(toned).toMatch(/^<span class="[^" ]+ [^" ]+" data-testid="detail-status">expired<\/span>$/);
    expect(muted).toMatch(/^<span class="[^" ]+">skipped<\/span>$/);
  });
});
