import { DEFAULT_ESTIMATE_PARAMETERS, estimateEffort } from '@kpi/shared/domain/sow/estimate';
import { buildSowDocument } from '@kpi/shared/domain/sow/sow-document';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { renderSowDocx } from './render-docx';
import { renderSowPdf } from './render-pdf';

const estimate = estimateEffort(
  { sourceTypes: ['sqlserver'], objectsToMap: 1, missingFields: 0, catalogKpis: 1, customKpis: 0 },
  DEFAULT_ESTIMATE_PARAMETERS,
);

const doc = buildSowDocument({
  vendor: 'KPI Platform Ltd',
  client: 'Contoso & Sons',
  industry: 'Manufacturing',
  configurationName: 'Plant analytics',
  version: 1,
  date: '2026-11-26',
  kpis: [{ id: 'oee', name: 'OEE', stage: 'Production', unitLabel: '%', target: 85, status: 'ready' }],
  sources: [{ name: 'MES', type: 'sqlserver', objects: ['WorkOrder'] }],
  objects: [{ name: 'WorkOrder', providedFields: 6, requiredFields: 6 }],
  gaps: [],
  dashboards: 1,
  estimate,
});

/** Every paragraph's text (joined runs) with its style, from word/document.xml. */
function paragraphs(xml: string): { style?: string; text: string }[] {
  const out: { style?: string; text: string }[] = [];
  const re = /<w:p[ >][\s\S]*?<\/w:p>/g;
  for (const m of xml.matchAll(re)) {
    const style = /<w:pStyle w:val="([^"]+)"/.exec(m[0])?.[1];
    const text = [...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
    out.push(style ? { style, text } : { text });
  }
  return out;
}

describe('SOW renderers', () => {
  it('writes a DOCX that unzips, whose XML parses, with the headings and the estimate table', async () => {
    const bytes = await renderSowDocx(doc);
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']),
    );
    for (const [name, data] of Object.entries(files)) {
      if (name.endsWith('.xml') || name.endsWith('.rels'))
        expect([name, XMLValidator.validate(strFromU8(data))]).toEqual([name, true]);
    }
    const xml = strFromU8(files['word/document.xml'] as Uint8Array);
    const headings = paragraphs(xml)
      .filter((p) => p.style === 'Heading1')
      .map((p) => p.text);
    expect(headings).toEqual(expect.arrayContaining(['1. Overview', '6. Effort estimate', '11. Signatures']));
    expect(headings).toHaveLength(11);
    expect(xml).toContain('Contoso &amp; Sons');
    const parsed = new XMLParser({ ignoreAttributes: true }).parse(xml);
    const tables = parsed['w:document']['w:body']['w:tbl'];
    expect(Array.isArray(tables) ? tables.length : 1).toBe(5);
    const texts = paragraphs(xml).map((p) => p.text);
    for (const phase of DEFAULT_ESTIMATE_PARAMETERS.phases) expect(texts).toContain(phase.name);
    expect(texts).toContain('Total');
  });

  // The first PDF of a process parses the fonts (about a second on a busy machine).
  it('writes a PDF with its pages and title', { timeout: 20_000 }, async () => {
    const bytes = await renderSowPdf(doc, new Date('2026-11-26T10:00:00Z'));
    const text = Buffer.from(bytes).toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(text)?.[1])).toBeGreaterThanOrEqual(2);
    expect(text).toContain('/Title');
  });

  it('prints names in Polish, Greek, Cyrillic and Japanese as typed (embedded Unicode fonts)', {
    timeout: 20_000,
  }, async () => {
    const names = ['Zakład Łódź', 'Αθήνα', 'Москва', '東京'];
    const unicodeDoc = buildSowDocument({
      vendor: 'KPI Platform Ltd',
      client: 'Zakład Łódź',
      industry: 'Manufacturing',
      configurationName: 'Αθήνα und Москва',
      version: 1,
      date: '2026-11-26',
      kpis: [
        { id: 'oee', name: 'OEE 東京', stage: 'Production', unitLabel: '%', target: 85, status: 'ready' },
      ],
      sources: [{ name: '東京 MES', type: 'sqlserver', objects: ['WorkOrder'] }],
      objects: [{ name: 'WorkOrder', providedFields: 6, requiredFields: 6 }],
      gaps: [],
      dashboards: 1,
      estimate,
    });
    const bytes = await renderSowPdf(unicodeDoc, new Date('2026-11-26T10:00:00Z'));
    const text = await pdfText(bytes);
    for (const name of names) expect(text).toContain(name);
    expect(text).toContain('Statement of Work — Αθήνα und Москва');
    expect(text).toContain('For Zakład Łódź');
  });
});

/** The text of every page as pdf.js reads it (through the fonts' ToUnicode maps), items joined. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes, disableFontFace: true, useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(
      content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''),
    );
  }
  await pdf.destroy();
  return pages.join('\n');
}
