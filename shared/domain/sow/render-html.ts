/** The SOW's HTML preview: one self-contained page (inline styles, no scripts), every text escaped. */
import type { SowBlock, SowDocument } from './sow-document';

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

const cells = (tag: 'td' | 'th', row: readonly string[]) =>
  row.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('');

function block(b: SowBlock): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level + 1}>${escapeHtml(b.text)}</h${b.level + 1}>`;
    case 'paragraph':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    case 'table':
      return (
        `<table data-table="${escapeHtml(b.id)}"><thead><tr>${cells('th', b.header)}</tr></thead><tbody>` +
        b.rows.map((r) => `<tr>${cells('td', r)}</tr>`).join('') +
        `</tbody>${b.footer ? `<tfoot><tr>${cells('th', b.footer)}</tr></tfoot>` : ''}</table>`
      );
    case 'signatures':
      return `<div class="signatures">${b.parties
        .map(
          (party) =>
            `<div><p>For ${escapeHtml(party)}</p><p>Name, title:</p><p>Date:</p><p>Signature:</p></div>`,
        )
        .join('')}</div>`;
  }
}

const style = `body{font:14px/1.5 system-ui,sans-serif;max-width:860px;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.7rem;margin-bottom:0}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1.05rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left}
thead th{background:#f0f3f7}tfoot th{background:#fafafa}.subtitle{color:#555}
.signatures{display:flex;gap:2rem}.signatures div{flex:1;border-top:1px solid #999;padding-top:.5rem}`;

/** The whole document as an HTML page. */
export function renderSowHtml(doc: SowDocument): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(doc.title)}</title>` +
    `<style>${style}</style></head><body><h1>${escapeHtml(doc.title)}</h1>` +
    `<p class="subtitle">${escapeHtml(doc.subtitle)}</p>${doc.blocks.map(block).join('\n')}</body></html>`
  );
}
