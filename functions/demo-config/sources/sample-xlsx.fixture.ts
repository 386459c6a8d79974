/**
 * A sample Excel upload for tests of the sample inference, shared by the service's unit test and the Config
 * UI's browser test: sheet "Orders" with columns id, netAmount, orderedAt (a date cell), isReturn (boolean).
 */
import { strToU8, zipSync } from 'fflate';

/** A minimal workbook (what Excel writes, reduced): inline strings, numbers, a date-formatted cell, booleans. */
export function sampleOrdersXlsx(): Uint8Array {
  const x = (body: string) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${body}`);
  const ns = 'http://schemas.openxmlformats.org';
  const str = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
  return zipSync({
    '[Content_Types].xml': x(
      `<Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ),
    '_rels/.rels': x(
      `<Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': x(
      `<workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="Orders" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': x(
      `<Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${ns}/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': x(
      `<styleSheet xmlns="${ns}/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ),
    'xl/worksheets/sheet1.xml': x(
      `<worksheet xmlns="${ns}/spreadsheetml/2006/main"><sheetData>` +
        `<row r="1">${str('A1', 'id')}${str('B1', 'netAmount')}${str('C1', 'orderedAt')}${str('D1', 'isReturn')}</row>` +
        '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>12.5</v></c><c r="C2" s="1"><v>46000</v></c><c r="D2" t="b"><v>0</v></c></row>' +
        '<row r="3"><c r="A3"><v>2</v></c><c r="B3"><v>7</v></c><c r="C3" s="1"><v>46001</v></c></row>' +
        '</sheetData></worksheet>',
    ),
  });
}
