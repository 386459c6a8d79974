/** Exports of what a dashboard shows: PNG and SVG of a chart, CSV of its numbers, named after what they hold. */
export { type CsvCell, csvBlob, toCsv } from './export/csv';
export { download } from './export/download';
export { type ExportKind, type ExportNameParts, exportFileName, fileSlug } from './export/file-name';
export { chartImage, type ExportOptions, pngScale, serialiseSvg, svgToPng } from './export/svg-image';
