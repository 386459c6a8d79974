import type { AnalysisView, DataSource } from '@kpi/shared/contracts/demo-config';
import type { DataObject } from '@kpi/shared/domain/catalog/types';
import { useApi, useApiClient } from '@kpi/web-ui/api';
import { EmptyState, ErrorPanel, Loading, Panel } from '@kpi/web-ui/layout';
import { Link } from '@kpi/web-ui/routing';
import { useMemo, useState } from 'react';
import { NoConfiguration } from '../analysis/NoConfiguration';
import { notifySourcesChanged } from '../analysis/sources-changed';
import { SourceEditor } from '../sources/SourceEditor';
import { SourceList } from '../sources/SourceList';
import styles from '../sources/Sources.module.css';
import { draftFromSource, emptyDraft, type SourceDraft, type SourceRequest } from '../sources/source-draft';
import { useWorkspace } from '../workspace/WorkspaceProvider';

type Mode =
  | { kind: 'list' }
  | { kind: 'loading'; name: string }
  | { kind: 'error'; error: Error }
  | { kind: 'edit'; id?: string; etag?: string; initial: SourceDraft };

/** The data sources declared on the current configuration. */
export default function SourcesPage() {
  const { configurationPath, configuration, permissions } = useWorkspace();
  const client = useApiClient();
  const sources = useApi<{ items: DataSource[] }>(configurationPath && `${configurationPath}/sources`);
  const status = configuration.data?.status;
  const editable = permissions.canEdit && status === 'draft';
  // The catalog's objects are needed only to edit; viewers never load them.
  const catalog = useApi<{ catalogVersion: string; objects: DataObject[] }>(
    editable ? 'metadata/objects' : undefined,
  );
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  // What the selected KPIs need, so the editor lists those objects and fields first; read when editing.
  const analysis = useApi<AnalysisView>(
    editable && mode.kind === 'edit' ? `${configurationPath}/analysis` : undefined,
  );
  const needed = useMemo(
    () => new Map((analysis.data?.objects ?? []).map((o) => [o.name, new Set(o.fields.map((f) => f.name))])),
    [analysis.data],
  );
  const [notice, setNotice] = useState<string>();

  if (!configurationPath) return <NoConfiguration what="data sources" />;

  const openEditor = async (source?: DataSource) => {
    setNotice(undefined);
    if (!source) return setMode({ kind: 'edit', initial: emptyDraft() });
    setMode({ kind: 'loading', name: source.name });
    try {
      // List items carry no etag: read the source itself so the save can say which version it replaces.
      const current = await client.get<DataSource & { etag: string }>(
        `${configurationPath}/sources/${encodeURIComponent(source.id)}`,
      );
      setMode({ kind: 'edit', id: source.id, etag: current.etag, initial: draftFromSource(current) });
    } catch (err) {
      setMode({ kind: 'error', error: err as Error });
    }
  };

  const save = async (id: string | undefined, etag: string | undefined, request: SourceRequest) => {
    if (id)
      await client.request('PUT', `${configurationPath}/sources/${encodeURIComponent(id)}`, {
        body: request,
        headers: etag ? { 'If-Match': etag } : {},
      });
    else await client.post(`${configurationPath}/sources`, request);
    setMode({ kind: 'list' });
    setNotice(`${request.name} is ${id ? 'saved' : 'added'}.`);
    sources.reload();
    notifySourcesChanged(configurationPath);
  };

  const remove = async (source: DataSource) => {
    await client.delete(`${configurationPath}/sources/${encodeURIComponent(source.id)}`);
    setNotice(`${source.name} is removed.`);
    sources.reload();
    notifySourcesChanged(configurationPath);
  };

  if (mode.kind === 'loading') return <Loading label={`Opening ${mode.name}…`} />;
  if (mode.kind === 'error')
    return (
      <ErrorPanel
        title="The source could not be opened"
        error={mode.error}
        action={{ label: 'Back to the sources', onClick: () => setMode({ kind: 'list' }) }}
      />
    );
  if (mode.kind === 'edit') {
    if (catalog.loading) return <Loading label="Loading the catalog's objects…" />;
    if (!catalog.data)
      return (
        <ErrorPanel
          title="The catalog's objects could not be loaded"
          error={catalog.error}
          action={{ label: 'Retry', onClick: catalog.reload }}
        />
      );
    return (
      <SourceEditor
        sourceId={mode.id}
        initial={mode.initial}
        configurationPath={configurationPath}
        catalogObjects={catalog.data.objects}
        needed={needed}
        onSave={(request) => save(mode.id, mode.etag, request)}
        onCancel={() => setMode({ kind: 'list' })}
      />
    );
  }

  const items = sources.data?.items ?? [];
  return (
    <div className={styles.page}>
      <header className={styles.pageHead}>
        <div>
          <h1>Data sources</h1>
          <p className={styles.muted}>
            {configuration.data?.name ?? 'This configuration'}: the client's systems and the catalog objects
            and fields each provides. The <Link to="/analysis">analyzer</Link> compares them with what the
            selected KPIs need.
          </p>
        </div>
        {editable && (
          <button type="button" className="kpi-button kpi-button-primary" onClick={() => void openEditor()}>
            Add data source
          </button>
        )}
      </header>
      {permissions.canEdit && status && status !== 'draft' && (
        <p className={styles.notice} role="note">
          This configuration is {status}: its data sources can no longer change. Move it back to draft to edit
          them.
        </p>
      )}
      {notice && (
        <p className={styles.okText} role="status">
          {notice} <Link to="/analysis">See the analysis</Link>
        </p>
      )}
      <Panel
        title="Declared sources"
        subtitle={sources.data ? `${items.length} source${items.length === 1 ? '' : 's'}` : undefined}
        flush
      >
        {sources.loading ? (
          <Loading label="Loading the data sources…" />
        ) : sources.error && !sources.data ? (
          <ErrorPanel
            title="The data sources could not be loaded"
            error={sources.error}
            action={{ label: 'Retry', onClick: sources.reload }}
          />
        ) : items.length === 0 ? (
          <EmptyState title="No data sources yet" icon="⛁">
            {editable
              ? 'Add the systems the client will connect: pick the objects and fields by hand or upload a sample export.'
              : 'No data source has been declared for this configuration.'}
          </EmptyState>
        ) : (
          <SourceList
            sources={items}
            editable={editable}
            onEdit={(s) => void openEditor(s)}
            onRemove={remove}
          />
        )}
      </Panel>
    </div>
  );
}
