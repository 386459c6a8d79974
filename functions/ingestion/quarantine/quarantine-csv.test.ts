import { describe, expect, it } from 'vitest';
import { QUARANTINE_CSV_HEADER, quarantineCsv } from './quarantine-csv';

describe('quarantine CSV', () => {
  it('one line per failing field, quoted where needed, formulas neutralised', () => {
    const csv = quarantineCsv([
      {
        id: 'r-1',
        mappingId: 'm',
        runId: 'r',
        object: 'SalesOrder',
        row: 1,
        errors: [
          { field: 'status', value: 'a,"b"', code: 'VALUE.ENUM_UNMAPPED', message: 'no' },
          { field: 'totalAmount', value: '=1+1', code: 'VALUE.NOT_A_NUMBER', message: 'x' },
        ],
        record: {},
        status: 'open',
        at: '2026-06-01T00:00:00.000Z',
      },
    ]);
    expect(csv.split('\r\n')).toEqual([
      QUARANTINE_CSV_HEADER,
      'r,1,status,"a,""b""",VALUE.ENUM_UNMAPPED,no,open,2026-06-01T00:00:00.000Z',
      `r,1,totalAmount,"'=1+1",VALUE.NOT_A_NUMBER,x,open,2026-06-01T00:00:00.000Z`,
      '',
    ]);
  });
});
