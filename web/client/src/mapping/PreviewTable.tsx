/** The draft applied to the stream's sample rows: every cell's value, or its error highlighted with its code. */
import tables from '../common/table.module.css';
import styles from './Mapping.module.css';
import type { PreviewResult } from './mapping-types';

const show = (v: unknown) => (v === null ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

export function PreviewTable({ preview }: { preview: PreviewResult }) {
  return (
    <div className={styles.scroll}>
      <p data-testid="preview-summary">
        {preview.summary.rows} sample rows: {preview.summary.ok} map, {preview.summary.failed} fail
      </p>
      <table className={tables.table} aria-label="Preview of the mapping on sample rows">
        <thead>
          <tr>
            <th scope="col">Row</th>
            {preview.fields.map((f) => (
              <th key={f} scope="col">
                {f}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((r) => (
            <tr key={r.row} data-testid="preview-row">
              <th scope="row">{r.row}</th>
              {preview.fields.map((f) => {
                const cell = r.cells[f];
                if (!cell) return <td key={f} />;
                return 'error' in cell ? (
                  <td
                    key={f}
                    className={styles.cellError}
                    data-testid="preview-error"
                    title={cell.error.message}
                  >
                    {cell.error.code}
                  </td>
                ) : (
                  <td key={f}>{show(cell.value)}</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
