import type { InferSampleResponse } from '@kpi/shared/contracts/demo-config';
import type { DataObject } from '@kpi/shared/domain/catalog/types';
import { useMemo, useState } from 'react';
import { formatBytes, type SampleUpload } from './read-sample';
import styles from './Sources.module.css';
import {
  type ColumnMapping,
  type ColumnMappingRow,
  mappingProblems,
  mappingRows,
  suggestedMapping,
  TYPE_FIT_LABEL,
} from './sample-mapping';

/** Props of the inferred sample view. */
export interface SampleMappingProps {
  upload: SampleUpload;
  response: InferSampleResponse;
  catalogObjects: readonly DataObject[];
  /** Another catalog object was chosen: the service matches the columns against it. */
  onObjectChange(objectName: string): void;
  onAccept(objectName: string, rows: ColumnMappingRow[]): void;
  onDiscard(): void;
}

/** What was inferred from a sample: the columns with their types and catalog fields, and the preview rows. */
export function SampleMapping({
  upload,
  response,
  catalogObjects,
  onObjectChange,
  onAccept,
  onDiscard,
}: SampleMappingProps) {
  const objectName = response.suggestion?.object ?? '';
  const object = catalogObjects.find((o) => o.name === objectName);
  const [mapping, setMapping] = useState<ColumnMapping>(() => suggestedMapping(response));
  const rows = useMemo(() => mappingRows(response, object, mapping), [response, object, mapping]);
  const problems = object ? mappingProblems(rows) : ['Choose the catalog object the file holds.'];
  // Preview rows have no identity of their own: their position in the file is their key.
  const previewRows = useMemo(() => response.preview.map((row, n) => ({ n, row })), [response]);
  const mapped = rows.filter((r) => r.field && !r.duplicate).length;
  const sortedObjects = useMemo(
    () => [...catalogObjects].sort((a, b) => a.name.localeCompare(b.name)),
    [catalogObjects],
  );

  return (
    <div className={styles.inferred} data-testid="sample-result">
      <div className={styles.inferredHead}>
        <div>
          <strong>{response.fileName}</strong>{' '}
          <span className={styles.muted}>
            {response.format.toUpperCase()} · {formatBytes(upload.bytes)} · {response.rowCount} rows ·{' '}
            {response.columns.length} columns
            {response.delimiter &&
              ` · delimiter ${response.delimiter === '\t' ? 'tab' : `“${response.delimiter}”`}`}
            {response.sheet && ` · sheet “${response.sheet}”`}
          </span>
        </div>
        <label className={styles.inlineField}>
          <span>Catalog object</span>
          <select
            aria-label="Catalog object"
            value={objectName}
            onChange={(e) => e.target.value && onObjectChange(e.target.value)}
          >
            {!objectName && <option value="">Choose…</option>}
            {sortedObjects.map((o) => (
              <option key={o.name} value={o.name}>
                {o.name} — {o.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {response.suggestion === null && (
        <p className={styles.warnText}>
          No catalog object matches these column names. Choose the object the file holds, then map its
          columns.
        </p>
      )}
      {object && (
        <p className={styles.muted} data-testid="sample-suggestion">
          {response.suggestion?.fields.length ?? 0} of {response.columns.length} columns match fields of{' '}
          <strong>{object.name}</strong> by name. Adjust the mapping below; columns left unmapped are not
          declared.
        </p>
      )}

      <div className={styles.tableScroll}>
        <table className={styles.table} aria-label="Inferred columns">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Inferred type</th>
              <th scope="col">Filled</th>
              <th scope="col">Provides field</th>
              <th scope="col">Type check</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.column} data-testid="inferred-column" data-column={r.column}>
                <th scope="row">
                  <code>{r.column}</code>
                </th>
                <td>
                  {r.inferred}
                  {r.nullable && <span className={styles.muted}> · has blanks</span>}
                </td>
                <td className={styles.num}>
                  {r.filled}/{response.rowCount}
                </td>
                <td>
                  <select
                    aria-label={`Field for column ${r.column}`}
                    value={r.field ?? ''}
                    disabled={!object}
                    onChange={(e) => setMapping((m) => ({ ...m, [r.column]: e.target.value }))}
                  >
                    <option value="">— not used —</option>
                    {object?.fields.map((f) => (
                      <option key={f.name} value={f.name}>
                        {f.name} ({f.type})
                      </option>
                    ))}
                  </select>
                  {r.suggested && <span className={styles.suggested}>suggested</span>}
                </td>
                <td>
                  <span className={`${styles.fit} ${styles[`fit-${r.fit}`]}`}>
                    {r.duplicate ? 'Mapped twice' : TYPE_FIT_LABEL[r.fit]}
                    {r.fit !== 'unmapped' && r.fieldType && r.fit !== 'exact' && ` (${r.fieldType})`}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3 className={styles.subhead}>Preview (first {response.preview.length} rows)</h3>
      <div className={styles.tableScroll}>
        <table className={`${styles.table} ${styles.preview}`} aria-label="Sample preview">
          <thead>
            <tr>
              {response.columns.map((c) => (
                <th key={c.name} scope="col">
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {previewRows.map(({ n, row }) => (
              <tr key={n}>
                {response.columns.map((c, j) => (
                  <td key={c.name}>{row[j] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {problems.length > 0 && (
        <ul className={styles.problems}>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className={styles.buttons}>
        <button
          type="button"
          className="kpi-button kpi-button-primary"
          disabled={problems.length > 0}
          onClick={() => onAccept(objectName, rows)}
        >
          Accept {mapped} field{mapped === 1 ? '' : 's'} of {objectName || 'the object'}
        </button>
        <button type="button" className="kpi-button" onClick={onDiscard}>
          Discard sample
        </button>
      </div>
    </div>
  );
}
