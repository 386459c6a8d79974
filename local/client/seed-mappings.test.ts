import { describe, expect, it } from 'vitest';
import { objectForStream, streamKey } from './seed-mappings';

describe('which object a discovered stream provides', () => {
  it.each([
    ['erp.Shipment', 'shipment'],
    ['shipments', 'shipment'],
    ['hr/Employee.xlsx', 'employee'],
    ['sales_order_lines.csv', 'salesorderline'],
    ['companies', 'company'],
    ['Address', 'address'],
  ])('%s → %s', (stream, key) => expect(streamKey(stream)).toBe(key));

  it("matches among the source's objects only", () => {
    expect(objectForStream('erp.SalesOrderLine', ['SalesOrder', 'SalesOrderLine'])).toBe('SalesOrderLine');
    expect(objectForStream('customers', ['Shipment'])).toBeUndefined();
  });
});
