/**
 * The SOW as PDF (pdfkit, standard Helvetica: text outside Windows-1252 is not drawn faithfully), from the
 * same document model as the HTML preview and the DOCX.
 */
import type { SowBlock, SowDocument } from '@kpi/shared/domain/sow/sow-document';
import PDFDocument from 'pdfkit';

function draw(pdf: PDFKit.PDFDocument, b: SowBlock): void {
  switch (b.kind) {
    case 'heading':
      pdf.moveDown(b.level === 1 ? 1 : 0.6);
      pdf
        .font('Helvetica-Bold')
        .fontSize(b.level === 1 ? 15 : 12)
        .text(b.text);
      pdf.moveDown(0.3);
      return;
    case 'paragraph':
      pdf.font('Helvetica').fontSize(10).text(b.text, { align: 'left' });
      pdf.moveDown(0.4);
      return;
    case 'list':
      pdf
        .font('Helvetica')
        .fontSize(10)
        .list([...b.items], { bulletRadius: 1.5 });
      pdf.moveDown(0.4);
      return;
    case 'table': {
      const bold = (text: string) => ({ text, font: { src: 'Helvetica-Bold' } });
      pdf.font('Helvetica').fontSize(9);
      pdf.table({
        data: [b.header.map(bold), ...b.rows.map((r) => [...r]), ...(b.footer ? [b.footer.map(bold)] : [])],
      });
      pdf.moveDown(0.6);
      return;
    }
    case 'signatures':
      for (const party of b.parties) {
        pdf.moveDown(1);
        pdf.font('Helvetica-Bold').fontSize(10).text(`For ${party}`);
        pdf
          .font('Helvetica')
          .text('Name, title:')
          .text('Date:')
          .text('Signature: ______________________________');
      }
      return;
  }
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
    pdf.font('Helvetica-Bold').fontSize(20).text(doc.title);
    pdf.font('Helvetica-Oblique').fontSize(11).text(doc.subtitle);
    for (const b of doc.blocks) draw(pdf, b);
    pdf.end();
  });
}
