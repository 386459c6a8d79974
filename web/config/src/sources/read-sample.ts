/**
 * Reading a sample file in the browser for `POST sample-inference`: CSV is sent as text, XLSX as base64
 * (`encoding: "base64"`). Size and format are checked here first so an obviously wrong file gets its answer
 * without an upload; the service checks again and its codes are the same.
 */

/** At most this many bytes (`DEMO_CONFIG_LIMITS.sampleBytes`; a unit test keeps the two equal). */
export const SAMPLE_MAX_BYTES = 2 * 1024 * 1024;

/** What the file input accepts. */
export const SAMPLE_ACCEPT =
  '.csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The sample formats the service reads, by file name; undefined for any other. */
export function sampleFormatOf(fileName: string): 'csv' | 'xlsx' | undefined {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return 'csv';
  if (ext === 'xlsx') return 'xlsx';
  return undefined;
}

/** A problem found before uploading, with the service's code for the same problem. */
export class SampleFileError extends Error {
  override readonly name = 'SampleFileError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The body of `POST sample-inference` without `objectName`. */
export interface SampleUpload {
  fileName: string;
  content: string;
  encoding: 'text' | 'base64';
  bytes: number;
}

/** "2 MiB", "340 KB" */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** Checks what can be checked from the name and size alone. */
export function checkSampleFile(file: { name: string; size: number }): 'csv' | 'xlsx' {
  const format = sampleFormatOf(file.name);
  if (!format)
    throw new SampleFileError(
      'SOURCE.SAMPLE_FORMAT_UNSUPPORTED',
      `${file.name} is not a CSV or XLSX file. Save it as CSV or as an Excel workbook (.xlsx) and upload it again.`,
    );
  if (file.size === 0) throw new SampleFileError('SOURCE.SAMPLE_EMPTY', `${file.name} is empty.`);
  if (file.size > SAMPLE_MAX_BYTES)
    throw new SampleFileError(
      'SOURCE.SAMPLE_TOO_LARGE',
      `${file.name} has ${formatBytes(file.size)}; a sample may have at most ${formatBytes(SAMPLE_MAX_BYTES)}. Upload the first rows only.`,
    );
  return format;
}

/** Base64 of bytes, in chunks so large files do not overflow the argument list of fromCharCode. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** Reads a chosen or dropped file into the request body. */
export async function readSampleFile(file: File): Promise<SampleUpload> {
  const format = checkSampleFile(file);
  if (format === 'csv')
    return { fileName: file.name, content: await file.text(), encoding: 'text', bytes: file.size };
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { fileName: file.name, content: toBase64(bytes), encoding: 'base64', bytes: file.size };
}
