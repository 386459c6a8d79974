import type { CustomKpiVersion, diffSchema } from '@kpi/shared/contracts/metadata-custom-kpi';
import { useApi } from '@kpi/web-ui/api';
import { EmptyState, readFallback } from '@kpi/web-ui/layout';
import { useState } from 'react';
import type { z } from 'zod';
import styles from './CustomKpis.module.css';
import { RequirementsPanel } from './FormulaInsights';

type Diff = z.infer<typeof diffSchema>;

export const formatTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** A custom KPI's immutable published versions, newest first, each with its difference to the draft. */
export function VersionHistory({ basePath }: { basePath: string }) {
  const versions = useApi<{ items: CustomKpiVersion[] }>(`${basePath}/versions?limit=100`);
  const [chosen, setChosen] = useState<number>();
  const versionsFallback = readFallback(versions, {
    loading: 'Loading versions…',
    failed: 'The versions could not be loaded',
  });
  if (versionsFallback) return versionsFallback;
  const items = versions.data?.items ?? [];
  if (items.length === 0)
    return (
      <EmptyState title="Not published yet">
        Published versions appear here; each one is kept unchanged.
      </EmptyState>
    );
  const selected = items.find((v) => v.version === chosen) ?? items[0]!;
  return (
    <div className={styles.versions}>
      <ul className={styles.versionList} aria-label="Published versions">
        {items.map((v) => (
          <li key={v.id}>
            <button
              type="button"
              className={styles.versionButton}
              aria-current={v.version === selected.version ? 'true' : undefined}
              onClick={() => setChosen(v.version)}
            >
              <strong>v{v.version}</strong>
              <span className={styles.muted}>{formatTime(v.publishedAt)}</span>
              <span className={styles.muted}>{v.publishedBy}</span>
              {v.note && <span className={styles.note}>“{v.note}”</span>}
            </button>
          </li>
        ))}
      </ul>
      <div className={styles.versionDetail}>
        <h3>
          Version {selected.version}: {selected.definition.name}
        </h3>
        <pre className={styles.pretty}>{selected.formulaPretty}</pre>
        <p className={styles.muted}>
          Checked against catalog {selected.catalogVersion}. Target {selected.definition.target}{' '}
          {selected.definition.unitLabel}, {selected.definition.direction.replace(/-/g, ' ')}.
        </p>
        <DiffToDraft basePath={basePath} version={selected.version} />
        <RequirementsPanel requirements={selected.requirements} />
      </div>
    </div>
  );
}

function DiffToDraft({ basePath, version }: { basePath: string; version: number }) {
  const diff = useApi<Diff>(`${basePath}/diff?from=${version}&to=draft`);
  const diffFallback = readFallback(diff, { loading: 'Comparing with the draft…', failed: 'No comparison' });
  if (diffFallback) return diffFallback;
  const changes = diff.data?.changes ?? [];
  return (
    <section className={styles.card} aria-label="Changes in the draft">
      <h3>Draft compared with v{version}</h3>
      {changes.length === 0 ? (
        <p className={styles.muted}>The draft is the same as this version.</p>
      ) : (
        <table className={styles.diff}>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">v{version}</th>
              <th scope="col">Draft</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.field}>
                <th scope="row">{c.field}</th>
                <td>
                  <del>{show(c.from)}</del>
                </td>
                <td>
                  <ins>{show(c.to)}</ins>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
