import type { SowFormat, SowVersion } from '@kpi/shared/contracts/demo-config';
import { type ApiState, useApiClient } from '@kpi/web-ui/api';
import { EmptyState, ErrorPanel, Loading, Panel } from '@kpi/web-ui/layout';
import { useState } from 'react';
import { saveBlob } from './download';
import styles from './Sow.module.css';
import { formatMoney, sowFileName } from './sow-model';

export interface SowVersionsProps {
  versions: ApiState<{ items: SowVersion[] }>;
  configurationPath: string;
  configurationId: string;
  /** The version just generated, highlighted. */
  latest?: number;
}

const FORMATS: { format: SowFormat; label: string }[] = [
  { format: 'docx', label: 'DOCX' },
  { format: 'pdf', label: 'PDF' },
];

/** Every generated SOW version, newest first, with downloads of its stored files. */
export function SowVersions({ versions, configurationPath, configurationId, latest }: SowVersionsProps) {
  const client = useApiClient();
  const [busy, setBusy] = useState<string>();
  const [failure, setFailure] = useState<{ key: string; error: Error }>();

  const download = async (version: number, format: SowFormat) => {
    const key = `${version}.${format}`;
    setBusy(key);
    setFailure(undefined);
    try {
      const blob = await client.requestBlob('GET', `${configurationPath}/sows/${version}/${format}`);
      saveBlob(blob, sowFileName(configurationId, version, format));
    } catch (err) {
      setFailure({ key, error: err instanceof Error ? err : new Error(String(err)) });
    } finally {
      setBusy(undefined);
    }
  };

  const items = versions.data?.items ?? [];
  return (
    <Panel
      title="Versions"
      subtitle={versions.data ? `${items.length} generated` : undefined}
      flush={items.length > 0}
      actions={
        <button
          type="button"
          className="kpi-button"
          onClick={versions.reload}
          disabled={versions.fetching}
          aria-label="Refresh versions"
        >
          Refresh
        </button>
      }
    >
      {versions.loading ? (
        <Loading label="Loading SOW versions…" />
      ) : versions.error && !versions.data ? (
        <ErrorPanel
          title="The versions could not be loaded"
          error={versions.error}
          action={{ label: 'Retry', onClick: versions.reload }}
        />
      ) : items.length === 0 ? (
        <EmptyState title="No SOW generated yet" icon="¶">
          Each generation is stored as a version with its DOCX and PDF.
        </EmptyState>
      ) : (
        <>
          {failure && (
            <div className={styles.inlineError} role="alert">
              Download failed: {failure.error.message}
            </div>
          )}
          <table className={styles.table} aria-label="SOW versions">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Generated</th>
                <th scope="col">By</th>
                <th scope="col">Status</th>
                <th scope="col" className={styles.num}>
                  Total
                </th>
                <th scope="col">Download</th>
              </tr>
            </thead>
            <tbody>
              {items.map((v) => (
                <tr
                  key={v.id}
                  data-testid={`sow-version-${v.version}`}
                  className={v.version === latest ? styles.latest : undefined}
                >
                  <th scope="row">v{v.version}</th>
                  <td>
                    <time dateTime={v.createdAt}>{new Date(v.createdAt).toLocaleString('en-GB')}</time>
                  </td>
                  <td>{v.createdBy}</td>
                  <td>{v.configurationStatus}</td>
                  <td className={styles.num}>{formatMoney(v.totals.total, v.totals.currency)}</td>
                  <td className={styles.downloads}>
                    {FORMATS.filter(({ format }) => v.files.some((f) => f.format === format)).map(
                      ({ format, label }) => (
                        <button
                          key={format}
                          type="button"
                          className="kpi-button"
                          aria-label={`Download version ${v.version} as ${label}`}
                          disabled={busy === `${v.version}.${format}`}
                          onClick={() => void download(v.version, format)}
                        >
                          {busy === `${v.version}.${format}` ? '…' : label}
                        </button>
                      ),
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Panel>
  );
}
