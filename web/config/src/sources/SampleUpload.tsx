import type { InferSampleResponse } from '@kpi/shared/contracts/demo-config';
import type { DataObject } from '@kpi/shared/domain/catalog/types';
import { useApiClient } from '@kpi/web-ui/api';
import { ErrorPanel, Loading } from '@kpi/web-ui/layout';
import { type DragEvent, useRef, useState } from 'react';
import {
  formatBytes,
  readSampleFile,
  SAMPLE_ACCEPT,
  SAMPLE_MAX_BYTES,
  type SampleUpload as Upload,
} from './read-sample';
import { SampleMapping } from './SampleMapping';
import styles from './Sources.module.css';
import type { ColumnMappingRow } from './sample-mapping';

/** Props of the sample upload. */
export interface SampleUploadProps {
  /** `demo-config/tenants/{t}/configurations/{c}`. */
  configurationPath: string;
  catalogObjects: readonly DataObject[];
  /** The user accepted the mapping: these columns provide fields of `objectName`. */
  onAccept(objectName: string, rows: ColumnMappingRow[], response: InferSampleResponse): void;
}

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; label: string }
  | { kind: 'error'; error: Error; fileName?: string }
  | { kind: 'result'; upload: Upload; response: InferSampleResponse };

// Headings for the service's sample codes (the message under them comes from the service or the local check).
const ERROR_TITLES: Record<string, string> = {
  'SOURCE.SAMPLE_INVALID': 'The file could not be read',
  'SOURCE.SAMPLE_EMPTY': 'The file has no data rows',
  'SOURCE.SAMPLE_TOO_LARGE': 'The file is too large',
  'SOURCE.SAMPLE_TOO_LARGE_UNPACKED': 'The workbook is too large once unpacked',
  'SOURCE.SAMPLE_FORMAT_UNSUPPORTED': 'This file format is not supported',
  'SOURCE.UNKNOWN_OBJECT': 'The catalog has no such object',
  'REQUEST.BODY_TOO_LARGE': 'The file is too large',
};

/** Upload a sample CSV or XLSX (drop or pick), see what was inferred, map its columns and accept the fields. */
export function SampleUpload({ configurationPath, catalogObjects, onAccept }: SampleUploadProps) {
  const client = useApiClient();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);

  const infer = async (upload: Upload, objectName?: string) => {
    setState({ kind: 'busy', label: `Reading ${upload.fileName}…` });
    try {
      const response = await client.post<InferSampleResponse>(`${configurationPath}/sample-inference`, {
        fileName: upload.fileName,
        content: upload.content,
        encoding: upload.encoding,
        ...(objectName ? { objectName } : {}),
      });
      setState({ kind: 'result', upload, response });
    } catch (err) {
      setState({ kind: 'error', error: err as Error, fileName: upload.fileName });
    }
  };

  const take = async (file: File | undefined) => {
    if (!file) return;
    setState({ kind: 'busy', label: `Reading ${file.name}…` });
    let upload: Upload;
    try {
      upload = await readSampleFile(file);
    } catch (err) {
      setState({ kind: 'error', error: err as Error, fileName: file.name });
      return;
    }
    await infer(upload);
  };

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    void take(event.dataTransfer.files[0]);
  };

  const reset = () => {
    setState({ kind: 'idle' });
    if (input.current) input.current.value = '';
  };

  return (
    <div className={styles.sample}>
      {state.kind !== 'result' && (
        <section
          className={`${styles.dropZone} ${dragging ? styles.dropZoneActive : ''}`}
          data-testid="sample-drop-zone"
          aria-label="Drop a sample file"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={(e) => {
            // Moving over the zone's own children fires dragleave too: only leaving the zone counts.
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
          }}
          onDrop={onDrop}
        >
          <div className={styles.dropIcon} aria-hidden="true">
            ⇪
          </div>
          <div>
            <strong>Drop a sample CSV or Excel (.xlsx) file here</strong>
            <div className={styles.muted}>
              Up to {formatBytes(SAMPLE_MAX_BYTES)}. The header names the columns; types are inferred from the
              rows. Nothing is stored until you save the source.
            </div>
          </div>
          <button type="button" className="kpi-button" onClick={() => input.current?.click()}>
            Choose a file…
          </button>
          <input
            ref={input}
            type="file"
            accept={SAMPLE_ACCEPT}
            aria-label="Sample file"
            className="kpi-visually-hidden"
            tabIndex={-1}
            onChange={(e) => void take(e.target.files?.[0])}
          />
        </section>
      )}
      {state.kind === 'busy' && <Loading label={state.label} />}
      {state.kind === 'error' && (
        <ErrorPanel
          title={
            ERROR_TITLES[(state.error as { code?: string }).code ?? ''] ?? 'The sample could not be analysed'
          }
          error={state.error}
          action={{ label: 'Try another file', onClick: reset }}
        />
      )}
      {state.kind === 'result' && (
        <SampleMapping
          key={`${state.response.fileName}:${state.response.suggestion?.object ?? ''}`}
          upload={state.upload}
          response={state.response}
          catalogObjects={catalogObjects}
          onObjectChange={(name) => void infer(state.upload, name)}
          onAccept={(objectName, rows) => {
            onAccept(objectName, rows, state.response);
            reset();
          }}
          onDiscard={reset}
        />
      )}
    </div>
  );
}
