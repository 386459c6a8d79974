/**
 * One mapping on a board: drag a source column onto an object field (mouse, touch or keyboard: Space to pick
 * up, arrows to move between fields, Space to drop; each step announced), accept suggestions one by one or
 * all at once, edit a field's transform. Every change saves the draft (If-Match) and refreshes the preview
 * and the KPI completeness; publishing answers what changed against the previous version.
 */
import {
  type Announcements,
  type CollisionDetection,
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { SUGGESTION_CONFIDENT } from '@kpi/shared/contracts/mapping';
import { ApiError, useApiClient } from '@kpi/web-ui/api';
import { Panel } from '@kpi/web-ui/layout';
import { useCallback, useEffect, useState } from 'react';
import { ColumnChip, FieldTarget } from './BoardParts';
import { CompletenessPanel } from './CompletenessPanel';
import { fieldJumpCoordinates } from './keyboard-coordinates';
import styles from './Mapping.module.css';
import type {
  CatalogObject,
  FieldSource,
  FieldSuggestions,
  Fields,
  MappingCompleteness,
  MappingView,
  PreviewResult,
  PublishResult,
} from './mapping-types';
import { PreviewTable } from './PreviewTable';

const nameOf = (id: string | number) => String(id).replace(/^(col|field):/, '');

// Pointer drags land on the field under the pointer; keyboard drags on the field the arrows jumped to.
const collision: CollisionDetection = (args) =>
  args.pointerCoordinates ? pointerWithin(args) : closestCenter(args);

const announcements: Announcements = {
  onDragStart: ({ active }) =>
    `Picked up column ${nameOf(active.id)}. Arrow keys move between fields, Space maps it, Escape cancels.`,
  onDragOver: ({ active, over }) =>
    over
      ? `Column ${nameOf(active.id)} is over field ${nameOf(over.id)}.`
      : `Column ${nameOf(active.id)} is over no field.`,
  onDragEnd: ({ active, over }) =>
    over
      ? `Column ${nameOf(active.id)} mapped to field ${nameOf(over.id)}.`
      : `Column ${nameOf(active.id)} dropped outside the fields: nothing changed.`,
  onDragCancel: ({ active }) => `Cancelled: column ${nameOf(active.id)} was not mapped.`,
};

const screenReaderInstructions = {
  draggable:
    'To map this column, press Space or Enter to pick it up, the arrow keys to move between the object fields, and Space or Enter to drop it on one. Escape cancels.',
};

interface Issue {
  field: string;
  code: string;
  severity: string;
  message: string;
}

export interface MappingEditorProps {
  /** The mapping's id. */
  id: string;
  /** The catalog object it maps onto. */
  object: CatalogObject;
  /** Admins and owners edit and publish; others read. */
  editable: boolean;
}

export function MappingEditor({ id, object, editable }: MappingEditorProps) {
  const client = useApiClient();
  const [view, setView] = useState<MappingView>();
  const [suggestions, setSuggestions] = useState<FieldSuggestions[]>([]);
  const [preview, setPreview] = useState<PreviewResult>();
  const [completeness, setCompleteness] = useState<MappingCompleteness>();
  const [issues, setIssues] = useState<Issue[]>([]);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string>();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: fieldJumpCoordinates }),
  );

  const refresh = useCallback(async () => {
    const [p, c, v] = await Promise.all([
      client.post<PreviewResult>(`mapping/mappings/${id}/preview`, {}),
      client.get<MappingCompleteness>('mapping/completeness'),
      client.post<{ issues: Issue[] }>(`mapping/mappings/${id}/validate`, {}),
    ]);
    setPreview(p);
    setCompleteness(c);
    setIssues(v.issues);
    return c;
  }, [client, id]);

  useEffect(() => {
    let live = true;
    Promise.all([
      client.get<MappingView>(`mapping/mappings/${id}`),
      client.get<{ fields: FieldSuggestions[] }>(`mapping/mappings/${id}/suggestions`),
    ])
      .then(([v, s]) => {
        if (!live) return;
        setView(v);
        setSuggestions(s.fields);
        return refresh();
      })
      .catch((err: unknown) => live && setFailure(String((err as Error).message)));
    return () => {
      live = false;
    };
  }, [client, id, refresh]);

  const fields: Fields = (view?.draft ?? view?.published)?.fields ?? {};

  const save = async (next: Fields, what: string) => {
    if (!view) return;
    try {
      const saved = await client.put<MappingView>(
        `mapping/mappings/${id}/draft`,
        { fields: next },
        {
          headers: view.etag ? { 'if-match': view.etag } : {},
        },
      );
      setView(saved);
      const after = await refresh();
      const was = new Map((completeness?.kpis ?? []).map((k) => [k.kpiId, k.status]));
      const changed = after.kpis
        .filter((k) => was.has(k.kpiId) && was.get(k.kpiId) !== k.status)
        .map((k) => `${k.kpiId} is now ${k.status}.`);
      setStatus([what, `Saved as draft version ${saved.draft?.version ?? ''}.`, ...changed].join(' '));
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        setStatus('Someone changed this mapping meanwhile: it was reloaded, please repeat your change.');
        setView(await client.get<MappingView>(`mapping/mappings/${id}`));
      } else setStatus(`Not saved: ${(err as Error).message}`);
    }
  };

  const setField = (field: string, source: FieldSource | undefined, what: string) => {
    const next = { ...fields };
    if (source) next[field] = source;
    else delete next[field];
    void save(next, what);
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over) return;
    const column = nameOf(active.id);
    const field = nameOf(over.id);
    setField(field, { column }, `Mapped column ${column} to ${field}.`);
  };

  const acceptAll = () => {
    const next = { ...fields };
    let n = 0;
    for (const s of suggestions) {
      const best = s.candidates[0];
      if (!next[s.field] && best && best.score >= SUGGESTION_CONFIDENT) {
        next[s.field] = best.source;
        n++;
      }
    }
    void save(next, `Accepted ${n} confident suggestions.`);
  };

  const publish = async () => {
    try {
      const r = await client.post<PublishResult>(`mapping/mappings/${id}/publish`, {});
      const d = r.diff;
      setStatus(
        d
          ? `Published version ${r.published.version}: ${d.added.length} added, ${d.changed.length} changed, ${d.removed.length} removed (${[
              ...d.added.map((x) => `+${x.field}`),
              ...d.changed.map((x) => `~${x.field}`),
              ...d.removed.map((x) => `-${x.field}`),
            ].join(' ')}).`
          : `Published version ${r.published.version}: the first version, ${Object.keys(fields).length} fields.`,
      );
      setView(await client.get<MappingView>(`mapping/mappings/${id}`));
    } catch (err) {
      const details = err instanceof ApiError ? (err.details as { issues?: Issue[] } | undefined) : undefined;
      const codes = (details?.issues ?? [])
        .filter((i) => i.severity === 'error')
        .map((i) => `${i.field}: ${i.code}`);
      setStatus(`Not published: ${codes.length ? codes.join('; ') : (err as Error).message}`);
    }
  };

  if (failure) return <p className={styles.errorText}>{failure}</p>;
  if (!view) return <p>Loading the mapping…</p>;
  const bySuggestion = new Map(suggestions.map((s) => [s.field, s]));
  return (
    <div>
      <div className={styles.toolbar}>
        <span data-testid="mapping-versions">
          {view.draft ? `Draft v${view.draft.version}` : 'No draft'}
          {view.published ? ` · published v${view.published.version}` : ' · never published'}
        </span>
        {editable && (
          <>
            <button type="button" onClick={acceptAll}>
              Accept all confident suggestions
            </button>
            <button type="button" onClick={() => void publish()} disabled={!view.draft}>
              Publish
            </button>
          </>
        )}
      </div>
      <p role="status" aria-live="polite" data-testid="mapping-status">
        {status}
      </p>
      <DndContext
        sensors={sensors}
        collisionDetection={collision}
        onDragEnd={onDragEnd}
        accessibility={{ announcements, screenReaderInstructions }}
      >
        <div className={styles.board}>
          <Panel title="Source columns" subtitle={view.stream}>
            <ul className={styles.columns}>
              {view.columns.map((c) =>
                editable ? (
                  <ColumnChip key={c.name} name={c.name} type={c.type} samples={c.samples} />
                ) : (
                  <li key={c.name} className={styles.column}>
                    {c.name} <span className={styles.meta}>{c.type}</span>
                  </li>
                ),
              )}
            </ul>
          </Panel>
          <Panel title="Object fields" subtitle={object.name}>
            <ul className={styles.fields}>
              {object.fields.map((f) => (
                <FieldTarget
                  key={f.name}
                  field={f}
                  source={fields[f.name]}
                  suggestions={bySuggestion.get(f.name)}
                  issues={issues.filter((i) => i.field === f.name && i.severity === 'error')}
                  editable={editable}
                  onChange={(source) =>
                    setField(
                      f.name,
                      source,
                      source ? `Changed the source of ${f.name}.` : `Unmapped ${f.name}.`,
                    )
                  }
                />
              ))}
            </ul>
          </Panel>
        </div>
      </DndContext>
      <Panel title="KPI completeness">
        {completeness ? <CompletenessPanel completeness={completeness} /> : <p>Loading…</p>}
      </Panel>
      <Panel title="Preview">{preview ? <PreviewTable preview={preview} /> : <p>Loading…</p>}</Panel>
    </div>
  );
}
