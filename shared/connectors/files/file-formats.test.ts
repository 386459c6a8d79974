import { strToU8, zipSync } from 'fflate';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { writeXlsx } from '../../../local/demo-sources/xlsx-writer';
import { type FileFormat, fileFormatSchema } from '../../contracts/connector';
import { decodeText, filePages, looksLikeHeader, zipUnpackedBytes } from './file-formats';

const fmt = (f: unknown) => fileFormatSchema.parse(f) as FileFormat;
async function rows(bytes: Uint8Array, f: unknown, page = 1000) {
  const out = [];
  for await (const p of filePages('f', bytes, fmt(f), page)) out.push(p);
  return out;
}

describe('file formats', () => {
  it('reads CSV with a detected delimiter, header and Windows-1252 text', async () => {
    const latin = Uint8Array.from([
      ...Buffer.from('id;name;amount\n1;M'),
      0xfc,
      ...Buffer.from('ller;2,5\n2;;3\n'),
    ]);
    expect(decodeText(latin, 'auto')).toContain('Müller');
    const [page] = await rows(latin, { format: 'csv' });
    expect(page).toEqual([
      { id: '1', name: 'Müller', amount: '2,5' },
      { id: '2', name: null, amount: '3' },
    ]);
  });

  it('reads UTF-16 with a BOM and tells a header-less file by its typed first row', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,x\n', 'utf16le')]);
    expect((await rows(utf16, { format: 'csv' }))[0]).toEqual([{ a: '1', b: 'x' }]);
    const noHeader = strToU8('1,2024-01-01,x\n2,2024-01-02,y\n');
    expect((await rows(noHeader, { format: 'csv' }))[0]?.[0]).toEqual({
      column1: '1',
      column2: '2024-01-01',
      column3: 'x',
    });
    expect(looksLikeHeader(['id', 'name'], [['1', 'a']])).toBe(true);
    expect(looksLikeHeader(['id', 'id'], [['1', 'a']])).toBe(false);
  });

  it('pages large CSV files and keeps quoted delimiters', async () => {
    const text = `id,note\n${Array.from({ length: 45 }, (_, i) => `${i},"a, ""b"""`).join('\n')}`;
    const pages = await rows(strToU8(text), { format: 'csv', header: 'present' }, 20);
    expect(pages.map((p) => p.length)).toEqual([20, 20, 5]);
    expect(pages[0]?.[0]).toEqual({ id: '0', note: 'a, "b"' });
  });

  it('reads XLSX and refuses a workbook that unpacks to too much', async () => {
    const book = writeXlsx(
      'Orders',
      ['id', 'amount', 'paid'],
      [
        ['A1', 12.5, true],
        ['A2', 3, false],
      ],
    );
    expect((await rows(book, { format: 'xlsx' }))[0]).toEqual([
      { id: 'A1', amount: 12.5, paid: true },
      { id: 'A2', amount: 3, paid: false },
    ]);
    // A bomb declares its true unpacked size: a small zip whose entry claims 300 MB (compressing real
    // zeros would take the test too long on a shared machine).
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(1024) });
    const view = new DataView(bomb.buffer);
    const centralDirectory = view.getUint32(bomb.byteLength - 22 + 16, true);
    view.setUint32(centralDirectory + 24, 300 * 1024 * 1024, true);
    expect(zipUnpackedBytes(bomb)).toBe(300 * 1024 * 1024);
    await expect(rows(bomb, { format: 'xlsx' })).rejects.toMatchObject({ code: 'SOURCE.TOO_LARGE' });
    await expect(rows(strToU8('not a zip'), { format: 'xlsx' })).rejects.toMatchObject({
      code: 'SOURCE.FORMAT_INVALID',
    });
  });

  it('reads JSON at a path and NDJSON line by line', async () => {
    const json = strToU8(JSON.stringify({ data: { items: [{ id: 1 }, { id: 2 }] } }));
    expect((await rows(json, { format: 'json', recordsPath: 'data.items' }))[0]).toEqual([
      { id: 1 },
      { id: 2 },
    ]);
    await expect(rows(json, { format: 'json' })).rejects.toMatchObject({ code: 'SOURCE.FORMAT_INVALID' });
    const nd = strToU8('{"id":1}\n\n{"id":2}\r\n');
    expect((await rows(nd, { format: 'ndjson' }))[0]).toEqual([{ id: 1 }, { id: 2 }]);
    await expect(rows(strToU8('{"id":1}\n{oops\n'), { format: 'ndjson' })).rejects.toThrow(/line 2/);
  });

  it('reads Parquet in row ranges', async () => {
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'id', data: Int32Array.from({ length: 25 }, (_, i) => i), type: 'INT32' },
        { name: 'name', data: Array.from({ length: 25 }, (_, i) => `n${i}`), type: 'STRING' },
      ],
    });
    const pages = await rows(new Uint8Array(buffer), { format: 'parquet' }, 10);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(pages[2]?.[4]).toEqual({ id: 24, name: 'n24' });
    await expect(rows(strToU8('nope'), { format: 'parquet' })).rejects.toMatchObject({
      code: 'SOURCE.FORMAT_INVALID',
    });
  });
});
