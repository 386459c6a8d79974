import type { SowVersion } from '@kpi/shared/contracts/demo-config';
import { DEFAULT_ESTIMATE_PARAMETERS } from '@kpi/shared/domain/sow/estimate';
import { useApi, useApiClient } from '@kpi/web-ui/api';
import { EmptyState, ErrorPanel, Loading, readFallback } from '@kpi/web-ui/layout';
import { Link } from '@kpi/web-ui/routing';
import { useState } from 'react';
import frame from '../common/page.module.css';
import { EstimateView } from '../sow/EstimateView';
import { ParametersPanel } from '../sow/ParametersPanel';
import styles from '../sow/Sow.module.css';
import { SowPreview } from '../sow/SowPreview';
import { SowVersions } from '../sow/SowVersions';
import { type EstimateRequest, requestBody } from '../sow/sow-model';
import { useEstimate } from '../sow/useEstimate';
import { useWorkspace } from '../workspace/WorkspaceProvider';

const initialRequest = (): EstimateRequest => ({ parameters: DEFAULT_ESTIMATE_PARAMETERS });

/** Statement of Work: the editable estimate model, its live estimate, the preview, generation and versions. */
export default function SowPage() {
  const { configurationPath, configurationId, configuration } = useWorkspace();
  if (!configurationPath || !configurationId)
    return (
      <EmptyState title="No configuration chosen" icon="¶">
        Choose a configuration on the <Link to="/">Configurations</Link> page to estimate and generate its
        Statement of Work.
      </EmptyState>
    );
  const configurationFallback = readFallback(configuration, {
    loading: 'Loading the configuration…',
    failed: 'The configuration could not be loaded',
  });
  if (configurationFallback) return configurationFallback;
  return (
    <Sow key={configurationPath} configurationPath={configurationPath} configurationId={configurationId} />
  );
}

function Sow({ configurationPath, configurationId }: { configurationPath: string; configurationId: string }) {
  const { configuration, permissions } = useWorkspace();
  const client = useApiClient();
  const [request, setRequest] = useState<EstimateRequest>(initialRequest);
  const estimate = useEstimate(configurationPath, request);
  const versions = useApi<{ items: SowVersion[] }>(`${configurationPath}/sows`);
  const [generating, setGenerating] = useState(false);
  const [generated, setGenerated] = useState<SowVersion>();
  const [generateError, setGenerateError] = useState<Error>();
  const [preview, setPreview] = useState<{
    open: boolean;
    html?: string;
    loading: boolean;
    error?: Error;
    request?: EstimateRequest;
  }>({ open: false, loading: false });

  const showPreview = async () => {
    const asked = request;
    setPreview((p) => ({ ...p, open: true, loading: true, error: undefined }));
    try {
      const blob = await client.requestBlob('POST', `${configurationPath}/sow-preview`, {
        body: requestBody(asked),
      });
      const html = await blob.text();
      setPreview({ open: true, loading: false, html, request: asked });
    } catch (err) {
      setPreview((p) => ({
        ...p,
        loading: false,
        error: err instanceof Error ? err : new Error(String(err)),
      }));
    }
  };

  const generate = async () => {
    setGenerating(true);
    setGenerateError(undefined);
    try {
      const version = await client.post<SowVersion>(`${configurationPath}/sows`, requestBody(request));
      setGenerated(version);
      versions.reload();
    } catch (err) {
      setGenerateError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setGenerating(false);
    }
  };

  const name = configuration.data?.name ?? configurationId;
  const data = estimate.data;
  return (
    <div className={frame.page}>
      <header className={frame.header}>
        <div>
          <h1>Statement of Work</h1>
          <p className={styles.muted}>
            {name}
            {configuration.data && ` · ${configuration.data.status}`}
          </p>
        </div>
        <div className={styles.headerActions}>
          <button
            type="button"
            className="kpi-button"
            onClick={() => void showPreview()}
            disabled={preview.loading}
          >
            {preview.loading ? 'Rendering…' : 'Preview'}
          </button>
          {permissions.canEdit && (
            <button
              type="button"
              className="kpi-button kpi-button-primary"
              onClick={() => void generate()}
              disabled={generating || estimate.error !== undefined}
            >
              {generating ? 'Generating…' : 'Generate SOW'}
            </button>
          )}
        </div>
      </header>
      <div className={styles.status} aria-live="polite">
        {generated && !generating && (
          <span className={styles.success}>
            Version {generated.version} generated ({formatBytes(generated.files)}).
          </span>
        )}
      </div>
      {generateError && (
        <ErrorPanel
          title="The SOW could not be generated"
          error={generateError}
          action={{ label: 'Try again', onClick: () => void generate() }}
        />
      )}

      {preview.open && (
        <SowPreview
          html={preview.html}
          loading={preview.loading}
          error={preview.error}
          stale={preview.request !== undefined && preview.request !== request}
          onRefresh={() => void showPreview()}
          onClose={() => setPreview({ open: false, loading: false })}
        />
      )}

      <div className={styles.columns}>
        <ParametersPanel
          request={request}
          onChange={setRequest}
          onReset={() => setRequest(initialRequest())}
          usedSourceTypes={data?.input.sourceTypes ?? []}
          derivedDashboards={
            data
              ? Math.ceil(
                  (data.input.catalogKpis + data.input.customKpis) / request.parameters.kpisPerDashboard,
                )
              : undefined
          }
        />
        <div className={frame.column}>
          <section className={styles.card} aria-labelledby="sow-estimate-title">
            <div className={styles.cardHead}>
              <h2 id="sow-estimate-title">Estimate</h2>
              {estimate.updating && data && (
                <span className={styles.muted} role="status">
                  Updating…
                </span>
              )}
            </div>
            {estimate.error ? (
              <ErrorPanel
                title="The estimate could not be computed"
                error={estimate.error}
                action={{ label: 'Retry', onClick: estimate.retry }}
              />
            ) : data ? (
              <EstimateView estimate={data} updating={estimate.updating} />
            ) : (
              <Loading label="Estimating…" />
            )}
          </section>
          <SowVersions
            versions={versions}
            configurationPath={configurationPath}
            configurationId={configurationId}
            latest={generated?.version}
          />
        </div>
      </div>
    </div>
  );
}

function formatBytes(files: SowVersion['files']): string {
  return files
    .filter((f) => f.format !== 'html')
    .map((f) => `${f.format.toUpperCase()} ${Math.max(1, Math.round(f.bytes / 1024))} KB`)
    .join(', ');
}
