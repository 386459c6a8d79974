import { DEFAULT_ESTIMATE_PARAMETERS, estimateEffort } from '@kpi/shared/domain/sow/estimate';
import { buildSowDocument } from '@kpi/shared/domain/sow/sow-document';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderSowDocx } from './render-docx';
import { renderSowPdf } from './render-pdf';

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
  estimate: estimateEffort(
    { sourceTypes: ['sqlserver'], objectsToMap: 1, missingFields: 0, catalogKpis: 1, customKpis: 0 },
    DEFAULT_ESTIMATE_PARAMETERS,
  ),
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

  it('writes a PDF with its pages and title', async () => {
    const bytes = await renderSowPdf(doc, new Date('2026-11-26T10:00:00Z'));
    const text = Buffer.from(bytes).toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(text)?.[1])).toBeGreaterThanOrEqual(2);
    expect(text).toContain('/Title');
  });
});
