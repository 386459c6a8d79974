/**
 * Export of a drawn SVG (a chart, the UML diagram) as a standalone SVG file (computed styles inlined, so no
 * stylesheet, CSS variable or zoom is needed) and as a PNG rendered from that SVG at 2× through a canvas.
 */

/** The computed properties that make up a drawing's look; everything else keeps its default. */
const STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'visibility',
] as const;

/** Attributes that only mean something inside the page. */
const PAGE_ONLY_ATTRIBUTES = ['class', 'tabindex', 'role', 'aria-pressed', 'data-testid', 'data-render-ms'];

export interface ExportOptions {
  /** Size of the drawing in its own units (a chart's pixel size, the diagram layout's width and height). */
  width: number;
  height: number;
  /** The `<title>` of the document. */
  title: string;
}

/**
 * A standalone SVG document of what is drawn in `viewport` (a `<g>` or a whole `<svg>`): shown whole (a
 * zoom transform on `viewport` is dropped), each element's computed style written into a `style` attribute,
 * on a white background.
 */
export function serialiseSvg(viewport: SVGGraphicsElement, { width, height, title }: ExportOptions): string {
  const clone = viewport.cloneNode(true) as SVGGraphicsElement;
  const live = [viewport, ...viewport.querySelectorAll<SVGElement>('*')];
  const copies = [clone, ...clone.querySelectorAll<SVGElement>('*')];
  // Inheritable values are written only where they differ from the parent's, so the file stays small.
  const styles = new Map<Element, CSSStyleDeclaration>();
  live.forEach((element, i) => {
    const copy = copies[i];
    if (!copy) return;
    for (const a of PAGE_ONLY_ATTRIBUTES) copy.removeAttribute(a);
    if (element.nodeName === 'title') return;
    const computed = getComputedStyle(element);
    styles.set(element, computed);
    const parent = element === viewport ? undefined : styles.get(element.parentElement as Element);
    const declarations: string[] = [];
    for (const p of STYLE_PROPERTIES) {
      const value = computed.getPropertyValue(p);
      if (value === '') continue;
      if (p === 'opacity' ? value === '1' : parent?.getPropertyValue(p) === value) continue;
      declarations.push(`${p}:${value}`);
    }
    if (declarations.length) copy.setAttribute('style', declarations.join(';'));
  });
  clone.removeAttribute('transform');
  clone.removeAttribute('data-focus');

  const ns = 'http://www.w3.org/2000/svg';
  const doc = document.implementation.createDocument(ns, 'svg', null);
  const root = doc.documentElement;
  root.setAttribute('width', String(Math.ceil(width)));
  root.setAttribute('height', String(Math.ceil(height)));
  root.setAttribute('viewBox', `0 0 ${Math.ceil(width)} ${Math.ceil(height)}`);
  const titleElement = doc.createElementNS(ns, 'title');
  titleElement.textContent = title;
  root.appendChild(titleElement);
  const background = doc.createElementNS(ns, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  root.appendChild(background);
  root.appendChild(doc.importNode(clone, true));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(doc)}`;
}

/**
 * The scale of the PNG: 2× for sharp text, less when the image would exceed `maxPixels` (browsers
 * refuse or crawl on larger canvases; the whole UML model is ~8,300 × 3,100 units).
 */
export function pngScale(width: number, height: number, maxPixels = 64_000_000, wanted = 2): number {
  const area = width * height;
  if (area <= 0) return wanted;
  return Math.min(wanted, Math.sqrt(maxPixels / area));
}

/** Renders an SVG document into a PNG blob at `scale`. */
export async function svgToPng(svgText: string, width: number, height: number, scale: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The drawing could not be rendered as an image'));
    });
    image.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw into a canvas');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be encoded'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The SVG and PNG files of a chart's `<svg>` element, sized as it is drawn on the page. */
export async function chartImage(svg: SVGSVGElement, kind: 'svg' | 'png', title: string): Promise<Blob> {
  const box = svg.getBoundingClientRect();
  const width = Number(svg.getAttribute('width')) || box.width;
  const height = Number(svg.getAttribute('height')) || box.height;
  const text = serialiseSvg(svg, { width, height, title });
  if (kind === 'svg') return new Blob([text], { type: 'image/svg+xml' });
  return svgToPng(text, width, height, pngScale(width, height));
}
