import { describe, expect, it } from 'vitest';
import { compileRoute, matchRoute, RouteTable, RouteTemplateError } from './route-matcher';

const match = (template: string, path: string) => matchRoute(compileRoute(template), path);

describe('matchRoute', () => {
  it('matches literals case-insensitively and ignores a trailing slash', () => {
    expect(match('metadata/tree', 'Metadata/TREE')).toEqual({});
    expect(match('metadata/tree', 'metadata/tree/')).toEqual({});
    expect(match('metadata/tree', 'metadata/tree/x')).toBeUndefined();
    expect(match('metadata/tree', 'metadata')).toBeUndefined();
  });

  it('captures parameters, decoded, keeping their case', () => {
    expect(match('metadata/kpis/{id}', 'metadata/kpis/Ab%20C')).toEqual({ id: 'Ab C' });
  });

  it('handles optional parameters and defaults', () => {
    expect(match('items/{id?}', 'items')).toEqual({});
    expect(match('items/{id?}', 'items/7')).toEqual({ id: '7' });
    expect(match('items/{page=1}', 'items')).toEqual({ page: '1' });
    expect(match('items/{id}', 'items')).toBeUndefined();
  });

  it('applies constraints', () => {
    expect(match('k/{id:int}', 'k/42')).toEqual({ id: '42' });
    expect(match('k/{id:int}', 'k/-3')).toEqual({ id: '-3' });
    expect(match('k/{id:int}', 'k/4x')).toBeUndefined();
    expect(match('k/{id:int}', 'k/99999999999')).toBeUndefined();
    expect(match('k/{n:alpha}', 'k/abC')).toEqual({ n: 'abC' });
    expect(match('k/{n:alpha}', 'k/ab1')).toBeUndefined();
    const guid = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
    expect(match('k/{g:guid}', `k/${guid}`)).toEqual({ g: guid });
    expect(match('k/{g:guid}', 'k/nope')).toBeUndefined();
    expect(match('k/{c:length(3)}', 'k/abc')).toEqual({ c: 'abc' });
    expect(match('k/{c:length(3)}', 'k/abcd')).toBeUndefined();
    expect(match('k/{n:int:range(1,5)}', 'k/5')).toEqual({ n: '5' });
    expect(match('k/{n:int:range(1,5)}', 'k/6')).toBeUndefined();
    expect(match('k/{s:regex(^a[0-9]+$)}', 'k/a12')).toEqual({ s: 'a12' });
    expect(match('k/{id:int?}', 'k')).toEqual({});
  });

  it('matches catch-alls, including the empty rest', () => {
    expect(match('files/{*path}', 'files/a/b%2Fc/d')).toEqual({ path: 'a/b/c/d' });
    expect(match('files/{*path}', 'files')).toEqual({});
    expect(match('{**all}', 'x/y')).toEqual({ all: 'x/y' });
  });

  it('matches complex segments', () => {
    expect(match('dl/{name}.{ext}', 'dl/report.v2.pdf')).toEqual({ name: 'report.v2', ext: 'pdf' });
    expect(match('dl/{name}.{ext}', 'dl/report')).toBeUndefined();
  });

  it('rejects invalid templates', () => {
    expect(() => compileRoute('a/{id:bogus}')).toThrow(RouteTemplateError);
    expect(() => compileRoute('a/{*rest}/b')).toThrow(/last segment/);
    expect(() => compileRoute('a/{id}/{ID}')).toThrow(/twice/);
    expect(() => compileRoute('a/{id')).toThrow(/Unclosed/);
  });
});

describe('RouteTable', () => {
  function table() {
    const t = new RouteTable<string>();
    t.add('{*rest}', ['OPTIONS'], 'preflight');
    t.add('kpis/{*rest}', undefined, 'kpiCatchAll');
    t.add('kpis/{id}', ['GET', 'DELETE'], 'byId');
    t.add('kpis/{id:int}', ['GET'], 'byIntId');
    t.add('kpis/new', ['GET', 'POST'], 'newKpi');
    return t;
  }

  it('prefers literal over constrained over plain parameter over catch-all', () => {
    const t = table();
    const target = (m: string, p: string) => {
      const r = t.lookup(m, p);
      return r.kind === 'match' ? r.entry.target : r.kind;
    };
    expect(target('GET', 'kpis/new')).toBe('newKpi');
    expect(target('GET', 'kpis/12')).toBe('byIntId');
    expect(target('GET', 'kpis/abc')).toBe('byId');
    expect(target('DELETE', 'kpis/12')).toBe('byId');
    expect(target('GET', 'kpis/a/b')).toBe('kpiCatchAll');
    expect(target('PUT', 'kpis/12')).toBe('kpiCatchAll');
    expect(target('OPTIONS', 'anything/else')).toBe('preflight');
  });

  it('gives 405 with Allow when only the method is wrong, 404 when nothing but a bare catch-all matches', () => {
    const t = new RouteTable<string>();
    t.add('{*rest}', ['OPTIONS'], 'preflight');
    t.add('kpis/{id}', ['GET', 'delete'], 'byId');
    expect(t.lookup('POST', 'kpis/1')).toEqual({ kind: 'method-not-allowed', allow: ['DELETE', 'GET'] });
    expect(t.lookup('GET', 'nothing/here')).toEqual({ kind: 'not-found' });
  });
});
