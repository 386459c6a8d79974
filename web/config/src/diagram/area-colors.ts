/** Header tints per object-model area, so the areas of the model read at a glance (and in exports). */
const AREA_COLORS: Record<string, string> = {
  commercial: '#dbe7ff',
  procurement: '#e6dcfb',
  inventory: '#d8f1e4',
  logistics: '#fde8cc',
  manufacturing: '#f9dada',
  service: '#d4f0f3',
  people: '#f6e0ef',
  healthcare: '#e3f2d0',
  banking: '#e8e4d8',
  energy: '#fff3bf',
};

/** The header fill of a class of `area`. */
export function areaColor(area: string): string {
  return AREA_COLORS[area] ?? '#e9edf3';
}
