/**
 * The fonts of the SOW PDF: Noto Sans (Latin, Greek, Cyrillic) for all text, and Noto Sans JP (Han, kana)
 * only for the runs of text that need it, loaded when a document has such text (5 MB; pdfkit embeds only
 * the glyphs used). pdfkit's built-in Helvetica covers Windows-1252 only, so "Zakład Łódź" came out garbled.
 * The TTF files come from npm packages; `npm run build` copies them beside the bundle (`sow-fonts/`,
 * see `local/build/build-function-app.ts`), where they are looked for first.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Font, openSync } from 'fontkit';

/** Each font: the npm package and the file inside it. */
export const sowFontFiles = {
  regular: { package: '@expo-google-fonts/noto-sans', file: '400Regular/NotoSans_400Regular.ttf' },
  bold: { package: '@expo-google-fonts/noto-sans', file: '700Bold/NotoSans_700Bold.ttf' },
  italic: {
    package: '@expo-google-fonts/noto-sans',
    file: '400Regular_Italic/NotoSans_400Regular_Italic.ttf',
  },
  // One CJK weight only: headings in CJK stay regular, which saves 5 MB in every deployment.
  cjk: { package: '@expo-google-fonts/noto-sans-jp', file: '400Regular/NotoSansJP_400Regular.ttf' },
} as const;

export type SowFont = keyof typeof sowFontFiles;

/** Where the deployable bundle carries the font files, beside its `index.js`. */
export const SOW_FONT_DIR = 'sow-fonts';

const fileName = (font: SowFont) => sowFontFiles[font].file.split('/').pop() as string;

/** The path of a font file: beside the bundle when deployed, else in the npm package. */
export function sowFontPath(font: SowFont): string {
  const bundled = join(__dirname, SOW_FONT_DIR, fileName(font));
  if (existsSync(bundled)) return bundled;
  const { package: pkg, file } = sowFontFiles[font];
  return createRequire(__filename).resolve(`${pkg}/${file}`);
}

const parsed = new Map<SowFont, Font>();

/**
 * The parsed font, once per process: fontkit decodes a font's positioning tables on first use, which for
 * Noto Sans costs several times the rest of a SOW; pdfkit takes a parsed font and embeds a fresh subset of
 * it in each document.
 */
export function sowFont(font: SowFont): Font {
  let f = parsed.get(font);
  if (!f) {
    f = openSync(sowFontPath(font)) as Font;
    parsed.set(font, f);
  }
  return f;
}

/** Han, kana, CJK punctuation and full-width forms: what Noto Sans lacks and Noto Sans JP has. */
const CJK =
  /[\u2e80-\u2fdf\u3000-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]|[\u{20000}-\u{2fa1f}]/u;
const CJK_RUNS =
  /([\u2e80-\u2fdf\u3000-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]|[\u{20000}-\u{2fa1f}])+/gu;

export const needsCjk = (text: string) => CJK.test(text);

/** The text cut into runs that one font draws: CJK runs and the rest, in order. */
export function fontRuns(text: string): { text: string; cjk: boolean }[] {
  const runs: { text: string; cjk: boolean }[] = [];
  let at = 0;
  for (const m of text.matchAll(CJK_RUNS)) {
    if (m.index > at) runs.push({ text: text.slice(at, m.index), cjk: false });
    runs.push({ text: m[0], cjk: true });
    at = m.index + m[0].length;
  }
  if (at < text.length || runs.length === 0) runs.push({ text: text.slice(at), cjk: false });
  return runs;
}
