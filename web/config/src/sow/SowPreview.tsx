import { ErrorPanel, Loading, Panel } from '@kpi/web-ui/layout';
import styles from './Sow.module.css';

export interface SowPreviewProps {
  html: string | undefined;
  loading: boolean;
  error: Error | undefined;
  /** The parameters changed since this preview was made. */
  stale: boolean;
  onRefresh(): void;
  onClose(): void;
}

/**
 * The SOW as the HTML preview renders it, in a sandboxed frame: no scripts, no same-origin access, so
 * nothing in the document can reach the signed-in page.
 */
export function SowPreview({ html, loading, error, stale, onRefresh, onClose }: SowPreviewProps) {
  return (
    <Panel
      title="Preview"
      subtitle={stale ? 'The parameters changed since this preview' : 'As the generated documents will read'}
      actions={
        <>
          <button type="button" className="kpi-button" onClick={onRefresh} disabled={loading}>
            {stale ? 'Update preview' : 'Refresh'}
          </button>
          <button type="button" className="kpi-button" onClick={onClose}>
            Close preview
          </button>
        </>
      }
    >
      {error ? (
        <ErrorPanel
          title="The preview could not be made"
          error={error}
          action={{ label: 'Retry', onClick: onRefresh }}
        />
      ) : html === undefined ? (
        <Loading label="Rendering the preview…" />
      ) : (
        <iframe
          className={`${styles.preview} ${loading ? styles.previewLoading : ''}`}
          title="SOW preview"
          sandbox=""
          srcDoc={html}
        />
      )}
    </Panel>
  );
}
