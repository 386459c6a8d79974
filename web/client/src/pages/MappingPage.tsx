import { useApi, useApiClient } from '@kpi/web-ui/api';
import { useAuth } from '@kpi/web-ui/auth';
import { ErrorPanel, Forbidden, Loading, Panel } from '@kpi/web-ui/layout';
import { Link } from '@kpi/web-ui/routing';
import { useState } from 'react';
import { DataRoute } from '../license/DataRoute';
import styles from '../mapping/Mapping.module.css';
import { MappingEditor } from '../mapping/MappingEditor';
import type { CatalogObject, MappingSummary, MappingView, SourceSummary } from '../mapping/mapping-types';
import { canManage } from '../roles';

/**
 * Data → Mapping: the deployment's mappings from discovered source streams to the catalog objects its KPIs
 * need. Pick one (or start one for a ready source's stream), then map on the board.
 */
export default function MappingPage() {
  const { user } = useAuth();
  if (!canManage(user)) return <Forbidden allowed="tenant admins and owners" />;
  return (
    <DataRoute page="Mapping">
      <section className={styles.page} aria-labelledby="mapping-title">
        <h1 id="mapping-title">Mapping</h1>
        <p>
          <Link to="/data">Data</Link> › Mapping
        </p>
        <Mappings />
      </section>
    </DataRoute>
  );
}

function Mappings() {
  const client = useApiClient();
  const objects = useApi<{ items: CatalogObject[] }>('mapping/objects');
  const mappings = useApi<{ items: MappingSummary[] }>('mapping/mappings');
  const sources = useApi<{ items: SourceSummary[] }>('connector/sources?limit=100');
  const [selected, setSelected] = useState<string>();
  const [sourceId, setSourceId] = useState('');
  const [stream, setStream] = useState('');
  const [object, setObject] = useState('');
  const [problem, setProblem] = useState<string>();

  const failed = objects.error ?? mappings.error;
  if (failed) return <ErrorPanel error={failed} action={{ label: 'Try again', onClick: mappings.reload }} />;
  if (!objects.data || !mappings.data) return <Loading label="Loading mappings…" />;
  const ready = (sources.data?.items ?? []).filter((s) => s.status === 'ready');
  const streams = ready.find((s) => s.id === sourceId)?.streams ?? [];
  const current = mappings.data.items.find((m) => m.id === selected);
  const objectOf = (name: string) => objects.data?.items.find((o) => o.name === name);

  const start = async () => {
    try {
      const created = await client.post<MappingView>('mapping/mappings', { sourceId, stream, object });
      setProblem(undefined);
      mappings.reload();
      setSelected(created.id);
    } catch (err) {
      setProblem((err as Error).message);
    }
  };

  return (
    <>
      <Panel title="Mappings">
        {mappings.data.items.length === 0 && <p>No mappings yet: start one below.</p>}
        <ul>
          {mappings.data.items.map((m) => (
            <li key={m.id}>
              <button type="button" onClick={() => setSelected(m.id)} aria-pressed={m.id === selected}>
                {m.sourceId} / {m.stream} → {m.object}
              </button>{' '}
              <span className={styles.meta}>
                {m.draftVersion ? `draft v${m.draftVersion}` : ''}
                {m.publishedVersion ? ` published v${m.publishedVersion}` : ''} · {m.mappedFields} fields
              </span>
            </li>
          ))}
        </ul>
        <div className={styles.toolbar}>
          <label>
            Source{' '}
            <select value={sourceId} onChange={(e) => setSourceId(e.target.value)}>
              <option value="">—</option>
              {ready.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Stream{' '}
            <select value={stream} onChange={(e) => setStream(e.target.value)}>
              <option value="">—</option>
              {streams.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label>
            Object{' '}
            <select value={object} onChange={(e) => setObject(e.target.value)}>
              <option value="">—</option>
              {objects.data.items.map((o) => (
                <option key={o.name} value={o.name}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={!sourceId || !stream || !object} onClick={() => void start()}>
            Start mapping
          </button>
        </div>
        {problem && (
          <p className={styles.errorText} role="alert">
            {problem}
          </p>
        )}
      </Panel>
      {current && objectOf(current.object) && (
        <MappingEditor
          key={current.id}
          id={current.id}
          object={objectOf(current.object) as CatalogObject}
          editable
        />
      )}
    </>
  );
}
