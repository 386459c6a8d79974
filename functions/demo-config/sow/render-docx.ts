/** The SOW as DOCX (Office Open XML), drawn from the same document model as the HTML preview. */
import type { SowBlock, SowDocument } from '@kpi/shared/domain/sow/sow-document';
import {
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });

function table(header: readonly string[], rows: readonly (readonly string[])[], footer?: readonly string[]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
      ...(footer ? [new TableRow({ children: footer.map((c) => cell(c, true)) })] : []),
    ],
  });
}

function blocks(b: SowBlock): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [
        new Paragraph({
          text: b.text,
          heading: b.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
        }),
      ];
    case 'paragraph':
      return [new Paragraph({ text: b.text })];
    case 'list':
      return b.items.map((text) => new Paragraph({ text, bullet: { level: 0 } }));
    case 'table':
      return [table(b.header, b.rows, b.footer), new Paragraph({ text: '' })];
    case 'signatures':
      return b.parties.flatMap((party) => [
        new Paragraph({
          children: [new TextRun({ text: `For ${party}`, bold: true })],
          spacing: { before: 400 },
        }),
        new Paragraph({ text: 'Name, title:' }),
        new Paragraph({ text: 'Date:' }),
        new Paragraph({
          text: 'Signature:',
          border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 24 } },
        }),
      ]);
  }
}

/** Renders the document to a DOCX file. */
export async function renderSowDocx(doc: SowDocument): Promise<Uint8Array> {
  const document = new Document({
    title: doc.title,
    creator: 'KPI Platform',
    sections: [
      {
        children: [
          new Paragraph({ text: doc.title, heading: HeadingLevel.TITLE }),
          new Paragraph({ children: [new TextRun({ text: doc.subtitle, italics: true })] }),
          ...doc.blocks.flatMap(blocks),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
