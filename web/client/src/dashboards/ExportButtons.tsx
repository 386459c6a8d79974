import {
  type CsvCell,
  chartImage,
  csvBlob,
  download,
  type ExportNameParts,
  exportFileName,
} from '@kpi/web-ui/export';
import { type RefObject, useState } from 'react';
import styles from './dashboards.module.css';

export interface ExportButtonsProps {
  /** The chart's `<svg>` (PNG and SVG); without it only the CSV is offered. */
  svg?: RefObject<SVGSVGElement | null>;
  /** The `<title>` of an exported drawing. */
  title: string;
  /** The numbers behind the chart, the first row the header. */
  rows: () => CsvCell[][];
  /** What the files are named after (tenant, KPI, part, period). */
  name: ExportNameParts;
  /** What the buttons export, for their accessible names (e.g. `OTIF by month`). */
  label: string;
}

/** PNG, SVG and CSV of one chart, each file named by `exportFileName`. */
export function ExportButtons({ svg, title, rows, name, label }: ExportButtonsProps) {
  const [failure, setFailure] = useState<string>();
  const image = async (kind: 'png' | 'svg') => {
    const element = svg?.current;
    if (!element) return;
    try {
      setFailure(undefined);
      download(await chartImage(element, kind, title), exportFileName(name, kind));
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div className={styles.toolbar}>
      {svg && (
        <>
          <button
            type="button"
            className="kpi-button"
            onClick={() => void image('png')}
            aria-label={`PNG of ${label}`}
          >
            PNG
          </button>
          <button
            type="button"
            className="kpi-button"
            onClick={() => void image('svg')}
            aria-label={`SVG of ${label}`}
          >
            SVG
          </button>
        </>
      )}
      <button
        type="button"
        className="kpi-button"
        onClick={() => download(csvBlob(rows()), exportFileName(name, 'csv'))}
        aria-label={`CSV of ${label}`}
      >
        CSV
      </button>
      {failure && (
        <span role="alert" className={styles.error}>
          {failure}
        </span>
      )}
    </div>
  );
}
