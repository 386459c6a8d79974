import { DEMO_CONFIG_LIMITS, dataSourceRequestSchema } from '@kpi/shared/contracts/demo-config';
import type { DataObject } from '@kpi/shared/domain/catalog/types';
import { describe, expect, it } from 'vitest';
import { checkSampleFile, SAMPLE_MAX_BYTES, sampleFormatOf, toBase64 } from './read-sample';
import {
  draftFromSource,
  draftProblems,
  draftToRequest,
  emptyDraft,
  neededFirst,
  searchCatalogObjects,
  selectionOf,
  setAllFields,
  setSourceColumn,
  toggleField,
} from './source-draft';

const field = (name: string) => ({ name, type: 'string' as const, description: '', required: true });
const plant: DataObject = {
  name: 'Plant',
  label: 'Plant',
  description: '',
  area: 'production',
  primaryKey: ['id'],
  relationships: [],
  fields: [field('id'), field('name'), field('country')],
};
const shipment: DataObject = {
  ...plant,
  name: 'Shipment',
  label: 'Shipment',
  area: 'logistics',
  fields: [field('id'), field('plantId')],
};

describe('source drafts', () => {
  it('round-trips a source into a request the contract accepts, in name order', () => {
    const draft = draftFromSource({
      type: 'sqlserver',
      name: ' MES ',
      objects: [
        {
          name: 'Plant',
          fields: [
            { name: 'name', sourceColumn: 'PLANT_NAME' },
            { name: 'id', type: 'integer' },
          ],
        },
      ],
    });
    const request = draftToRequest(draft);
    expect(request).toEqual({
      type: 'sqlserver',
      name: 'MES',
      objects: [
        {
          name: 'Plant',
          fields: [
            { name: 'id', type: 'integer' },
            { name: 'name', sourceColumn: 'PLANT_NAME' },
          ],
        },
      ],
    });
    expect(dataSourceRequestSchema.safeParse(request).success).toBe(true);
  });

  it('toggles fields, selects all per object and drops objects left empty', () => {
    let objects = setAllFields({}, 'Plant', ['id', 'name', 'country'], true);
    expect(selectionOf(objects, plant)).toBe('all');
    objects = toggleField(objects, 'Plant', 'country', false);
    expect(selectionOf(objects, plant)).toBe('some');
    objects = setSourceColumn(objects, 'Plant', 'id', 'PLANT_ID');
    expect(objects.Plant?.id).toEqual({ sourceColumn: 'PLANT_ID' });
    objects = setSourceColumn(objects, 'Plant', 'id', '');
    expect(objects.Plant?.id).toEqual({});
    objects = setAllFields(objects, 'Plant', ['id', 'name', 'country'], false);
    expect(objects).toEqual({});
    expect(selectionOf(objects, plant)).toBe('none');
  });

  it('says what is missing before a save', () => {
    expect(draftProblems(emptyDraft())).toHaveLength(3);
    expect(
      draftProblems({ ...emptyDraft(), type: 'csv', name: 'x', objects: { Plant: { id: {} } } }),
    ).toEqual([]);
  });

  it('searches objects by name or area and otherwise by field name', () => {
    expect(searchCatalogObjects([plant, shipment], '').map((o) => o.object.name)).toEqual([
      'Plant',
      'Shipment',
    ]);
    expect(searchCatalogObjects([plant, shipment], 'logist')).toEqual([
      { object: shipment, fields: shipment.fields, whole: true },
    ]);
    const byField = searchCatalogObjects([plant, shipment], 'plant_id');
    expect(byField.map((o) => [o.object.name, o.fields.map((f) => f.name)])).toEqual([
      ['Shipment', ['plantId']],
    ]);
  });
});

describe('sample files', () => {
  it('keeps the client-side size limit equal to the service limit', () => {
    expect(SAMPLE_MAX_BYTES).toBe(DEMO_CONFIG_LIMITS.sampleBytes);
  });
  it('accepts CSV and XLSX by name, refuses other formats, empty and too large files with the service codes', () => {
    expect(sampleFormatOf('a.CSV')).toBe('csv');
    expect(sampleFormatOf('book.xlsx')).toBe('xlsx');
    expect(sampleFormatOf('book.xls')).toBeUndefined();
    expect(() => checkSampleFile({ name: 'book.ods', size: 10 })).toThrow(
      expect.objectContaining({ code: 'SOURCE.SAMPLE_FORMAT_UNSUPPORTED' }),
    );
    expect(() => checkSampleFile({ name: 'a.csv', size: 0 })).toThrow(
      expect.objectContaining({ code: 'SOURCE.SAMPLE_EMPTY' }),
    );
    expect(() => checkSampleFile({ name: 'a.csv', size: SAMPLE_MAX_BYTES + 1 })).toThrow(
      expect.objectContaining({ code: 'SOURCE.SAMPLE_TOO_LARGE' }),
    );
    expect(checkSampleFile({ name: 'a.csv', size: SAMPLE_MAX_BYTES })).toBe('csv');
  });
  it('encodes binary files as base64 across chunk boundaries', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});

describe('neededFirst', () => {
  it('puts the objects the KPIs need first, most needed first, and their needed fields first', () => {
    const all = searchCatalogObjects([plant, shipment], '');
    const needed = new Map([
      ['Shipment', new Set(['plantId'])],
      ['Plant', new Set(['country', 'name'])],
    ]);
    const ordered = neededFirst(all, needed);
    expect(ordered.map((o) => [o.object.name, o.fields.map((f) => f.name)])).toEqual([
      ['Plant', ['name', 'country', 'id']],
      ['Shipment', ['plantId', 'id']],
    ]);
    expect(neededFirst(all, new Map()).map((o) => o.object.name)).toEqual(['Plant', 'Shipment']);
  });
});
