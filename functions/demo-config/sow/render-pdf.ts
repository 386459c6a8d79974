/**
 * The SOW as PDF (pdfkit), from the same document model as the HTML preview and the DOCX. Text is drawn
 * with embedded Noto fonts (`pdf-fonts.ts`), so names in any Latin script, Greek, Cyrillic and CJK print as
 * typed; pdfkit writes a ToUnicode map, so the text can also be searched and copied.
 */
import type { SowBlock, SowDocument } from '@kpi/shared/domain/sow/sow-document';
import PDFDocument from 'pdfkit';
import { fontRuns, needsCjk, type SowFont, sowFont } from './pdf-fonts';

type Style = 'regular' | 'bold' | 'italic';
const FONT: Record<Style, string> = { regular: 'Sans', bold: 'Sans-Bold', italic: 'Sans-Italic' };
const CJK_FONT = 'CJK';

/** Writes one text, switching to the CJK font for the runs that need it (pdfkit draws one font per run). */
function write(pdf: PDFKit.PDFDocument, text: string, style: Style, options: PDFKit.Mixins.TextOptions = {}) {
  const runs = fontRuns(text);
  runs.forEach((run, i) => {
    pdf.font(run.cjk ? CJK_FONT : FONT[style]);
    pdf.text(run.text, { ...options, continued: i < runs.length - 1 });
  });
}

/** A table cell: one font for the whole cell (pdfkit's tables cannot switch fonts inside a cell). */
const cell = (text: string, style: Style) => ({
  text,
  font: { src: needsCjk(text) ? CJK_FONT : FONT[style] },
});

function draw(pdf: PDFKit.PDFDocument, b: SowBlock): void {
  switch (b.kind) {
    case 'heading':
      pdf.moveDown(b.level === 1 ? 1 : 0.6);
      pdf.fontSize(b.level === 1 ? 15 : 12);
      write(pdf, b.text, 'bold');
      pdf.moveDown(0.3);
      return;
    case 'paragraph':
      pdf.fontSize(10);
      write(pdf, b.text, 'regular', { align: 'left' });
      pdf.moveDown(0.4);
      return;
    case 'list':
      pdf.fontSize(10);
      if (b.items.some(needsCjk)) {
        for (const item of b.items) write(pdf, `•  ${item}`, 'regular', { indent: 8 });
      } else {
        pdf.font(FONT.regular).list([...b.items], { bulletRadius: 1.5 });
      }
      pdf.moveDown(0.4);
      return;
    case 'table': {
      const bold = (text: string) => cell(text, 'bold');
      const plain = (text: string) => cell(text, 'regular');
      pdf.font(FONT.regular).fontSize(9);
      pdf.table({
        data: [
          b.header.map(bold),
          ...b.rows.map((r) => r.map(plain)),
          ...(b.footer ? [b.footer.map(bold)] : []),
        ],
      });
      pdf.moveDown(0.6);
      return;
    }
    case 'signatures':
      for (const party of b.parties) {
        pdf.moveDown(1);
        pdf.fontSize(10);
        write(pdf, `For ${party}`, 'bold');
        pdf
          .font(FONT.regular)
          .text('Name, title:')
          .text('Date:')
          .text('Signature: ______________________________');
      }
      return;
  }
}

/** Every text of the document, to tell whether the CJK font is needed at all. */
function allText(doc: SowDocument): string[] {
  return [
    doc.title,
    doc.subtitle,
    ...doc.blocks.flatMap((b) => {
      switch (b.kind) {
        case 'heading':
        case 'paragraph':
          return [b.text];
        case 'list':
          return [...b.items];
        case 'table':
          return [...b.header, ...b.rows.flat(), ...(b.footer ?? [])];
        case 'signatures':
          return [...b.parties];
        default:
          return [];
      }
    }),
  ];
}

/** Renders the document to a PDF file. */
export function renderSowPdf(doc: SowDocument, createdAt: Date): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: doc.title, Creator: 'KPI Platform', CreationDate: createdAt },
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on('error', reject);
    // The family (third argument) names the font again: pdfkit's tables switch back to the previous font by
    // source and family, and a parsed font as source has no name of its own to find it by.
    const register = (name: string, font: SowFont) => pdf.registerFont(name, sowFont(font) as never, name);
    register(FONT.regular, 'regular');
    register(FONT.bold, 'bold');
    register(FONT.italic, 'italic');
    if (allText(doc).some(needsCjk)) register(CJK_FONT, 'cjk');
    pdf.fontSize(20);
    write(pdf, doc.title, 'bold');
    pdf.fontSize(11);
    write(pdf, doc.subtitle, 'italic');
    for (const b of doc.blocks) draw(pdf, b);
    pdf.end();
  });
}
