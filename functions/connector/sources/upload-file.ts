/**
 * Uploading a file into a blob-files source: into the source's container under its prefix, in the source's
 * format (by extension), within the upload limit. Its streams show after the next discovery.
 */
import type { BlobFilesDefinition } from '@kpi/shared/contracts/connector';
import { CONNECTOR_APP_LIMITS } from '@kpi/shared/contracts/connector-app';
import type { TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { conflict, payloadTooLarge, unprocessable } from '@kpi/shared/platform/errors';
import type { Logger } from '@kpi/shared/platform/log';
import { connectable } from './check-sources';
import { findSource } from './manage-sources';
import type { SourceDeps } from './source-deps';

const EXTENSIONS: Record<BlobFilesDefinition['format']['format'], { ext: string[]; type: string }> = {
  csv: { ext: ['.csv', '.txt'], type: 'text/csv' },
  xlsx: { ext: ['.xlsx'], type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  json: { ext: ['.json'], type: 'application/json' },
  ndjson: { ext: ['.ndjson', '.jsonl'], type: 'application/x-ndjson' },
  parquet: { ext: ['.parquet'], type: 'application/vnd.apache.parquet' },
};

export async function uploadFile(
  deps: SourceDeps,
  scope: TenantScope,
  id: string,
  file: { fileName: string; content: string },
  log: Logger,
) {
  const found = await findSource(deps, scope, id);
  const def = connectable(found.item);
  if (def.type !== 'blob-files') {
    throw conflict('CONNECTOR.NOT_A_FILE_SOURCE', `Source ${id} reads ${def.type}, not files in storage`);
  }
  const format = EXTENSIONS[def.format.format];
  if (!format.ext.some((x) => file.fileName.toLowerCase().endsWith(x))) {
    throw unprocessable(
      'CONNECTOR.FILE_TYPE',
      `This source reads ${def.format.format} files: the name must end with ${format.ext.join(' or ')}`,
      [{ path: 'fileName', message: `expected ${format.ext.join(' or ')}` }],
    );
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(file.content)) {
    throw unprocessable('CONNECTOR.FILE_ENCODING', 'content must be the file in base64', [
      { path: 'content', message: 'not base64' },
    ]);
  }
  const bytes = Buffer.from(file.content, 'base64');
  if (bytes.length > CONNECTOR_APP_LIMITS.uploadBytes) {
    throw payloadTooLarge(
      'CONNECTOR.FILE_TOO_LARGE',
      `A file may have at most ${CONNECTOR_APP_LIMITS.uploadBytes} bytes; drop larger files into the container directly`,
    );
  }
  const blobName = `${def.prefix}${file.fileName}`;
  await deps.blobs.putBytes(def.container, blobName, new Uint8Array(bytes), format.type);
  log.info('source file uploaded', { sourceId: id, container: def.container, blobName, bytes: bytes.length });
  return { container: def.container, blobName, bytes: bytes.length };
}
