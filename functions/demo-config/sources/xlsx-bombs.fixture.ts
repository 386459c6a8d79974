/**
 * XLSX decompression bombs for the tests and the benchmark of the sample upload (issue 12): workbooks of a
 * few hundred KB whose XML unpacks to tens or hundreds of MB. A repeated 1 MiB piece is deflated once and
 * its compressed form repeated (each piece a self-contained deflate segment ending on a full flush), so a
 * 400 MB bomb is built in milliseconds; deflating 400 MB for real takes ~5 s (measured with fflate's
 * streaming `ZipDeflate`), too slow for a test. `lie` writes small uncompressed sizes into the ZIP headers
 * (and leaves out the shared strings' declared count), as an attacker would, so that only counting the
 * bytes really inflated can catch the bomb.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

interface Part {
  name: string;
  /** Written once before the repeated piece. */
  head: string;
  /** Repeated `times` times (1 MiB or so). */
  piece?: string;
  times?: number;
  tail?: string;
}

const NS = 'http://schemas.openxmlformats.org';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** One deflate segment that a further segment may follow (full flush: no reference across segments). */
const segment = (bytes: Buffer, last: boolean) =>
  deflateRawSync(bytes, { level: 9, finishFlush: last ? constants.Z_FINISH : constants.Z_FULL_FLUSH });

function entry(part: Part) {
  const head = Buffer.from(part.head);
  const piece = Buffer.from(part.piece ?? '');
  const tail = Buffer.from(part.tail ?? '');
  const times = part.piece ? (part.times ?? 1) : 0;
  const pieceDeflated = segment(piece, false);
  const chunks = [segment(head, false)];
  let crc = crc32(head);
  for (let i = 0; i < times; i++) {
    chunks.push(pieceDeflated);
    crc = crc32(piece, crc);
  }
  chunks.push(segment(tail, true));
  crc = crc32(tail, crc);
  return {
    name: Buffer.from(part.name),
    data: Buffer.concat(chunks),
    crc,
    size: head.length + piece.length * times + tail.length,
  };
}

/** A ZIP archive of the parts (deflated), with true or lying uncompressed sizes in its headers. */
function zip(parts: Part[], lie: boolean): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const e = entry(part);
    const declared = lie ? Math.min(e.size, 1000) : e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(e.name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(e.name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, e.name, e.data);
    centrals.push(central, e.name);
    offset += local.length + e.name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** The parts every workbook has, around a first sheet and (optionally) shared strings. */
function workbook(sheet: Part, sharedStrings?: Part): Part[] {
  const rel = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="${NS}/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  return [
    {
      name: '[Content_Types].xml',
      head: `${XML}<Types xmlns="${NS}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      head: `${XML}<Relationships xmlns="${NS}/package/2006/relationships">${rel('rId1', 'officeDocument', 'xl/workbook.xml')}</Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      head: `${XML}<workbook xmlns="${NS}/spreadsheetml/2006/main" xmlns:r="${NS}/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      head: `${XML}<Relationships xmlns="${NS}/package/2006/relationships">${rel('rId1', 'worksheet', 'worksheets/sheet1.xml')}${sharedStrings ? rel('rId2', 'sharedStrings', 'sharedStrings.xml') : ''}</Relationships>`,
    },
    sheet,
    ...(sharedStrings ? [sharedStrings] : []),
  ];
}

const MIB = 1024 * 1024;

/** `count` copies of `unit`, about 1 MiB in all. */
function repeatToMib(unit: string): { piece: string; perPiece: number } {
  const perPiece = Math.floor(MIB / unit.length);
  return { piece: unit.repeat(perPiece), perPiece };
}

/** A first sheet of `mib` MiB of repeated rows (two number cells each). */
export function rowsBomb(mib: number, options: { lie?: boolean } = {}): Uint8Array {
  const { piece } = repeatToMib('<row><c><v>1</v></c><c><v>2</v></c></row>');
  return zip(
    workbook({
      name: 'xl/worksheets/sheet1.xml',
      head: `${XML}<worksheet xmlns="${NS}/spreadsheetml/2006/main"><sheetData>`,
      piece,
      times: mib,
      tail: '</sheetData></worksheet>',
    }),
    options.lie ?? false,
  );
}

/** A workbook of `count` shared strings (rounded up to whole MiB pieces) and a one-cell sheet. */
export function sharedStringsBomb(count: number, options: { lie?: boolean } = {}): Uint8Array {
  const { piece, perPiece } = repeatToMib('<si><t>x</t></si>');
  const times = Math.ceil(count / perPiece);
  const declared = options.lie ? '' : ` count="${times * perPiece}" uniqueCount="${times * perPiece}"`;
  return zip(
    workbook(
      {
        name: 'xl/worksheets/sheet1.xml',
        head: `${XML}<worksheet xmlns="${NS}/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
      },
      {
        name: 'xl/sharedStrings.xml',
        head: `${XML}<sst xmlns="${NS}/spreadsheetml/2006/main"${declared}>`,
        piece,
        times,
        tail: '</sst>',
      },
    ),
    options.lie ?? false,
  );
}

/** The three bombs of issue 12, as named there. */
export const issueBombs = () => [
  { name: '50 MB sheet of repeated rows', bytes: rowsBomb(50) },
  { name: '400 MB sheet', bytes: rowsBomb(400) },
  { name: '5,000,000 shared strings', bytes: sharedStringsBomb(5_000_000) },
];

/** The same bombs with lying ZIP headers (small declared sizes, no declared string count). */
export const lyingBombs = () => [
  { name: '50 MB sheet, lying sizes', bytes: rowsBomb(50, { lie: true }) },
  { name: '400 MB sheet, lying sizes', bytes: rowsBomb(400, { lie: true }) },
  { name: '5,000,000 shared strings, lying sizes', bytes: sharedStringsBomb(5_000_000, { lie: true }) },
];
