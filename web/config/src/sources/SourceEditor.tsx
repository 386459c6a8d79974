import type { InferSampleResponse } from '@kpi/shared/contracts/demo-config';
import type { DataObject } from '@kpi/shared/domain/catalog/types';
import { ErrorPanel, Panel } from '@kpi/web-ui/layout';
import { useState } from 'react';
import { ObjectFieldPicker } from './ObjectFieldPicker';
import { SampleUpload } from './SampleUpload';
import styles from './Sources.module.css';
import { SourceTypeIcon } from './SourceTypeIcon';
import { acceptMapping, type ColumnMappingRow } from './sample-mapping';
import {
  draftProblems,
  draftToRequest,
  type NeededFields,
  type SourceDraft,
  type SourceRequest,
} from './source-draft';
import { SOURCE_TYPE_INFO, SOURCE_TYPE_ORDER } from './source-types';

/** Props of the source editor. */
export interface SourceEditorProps {
  /** Undefined when adding a source. */
  sourceId?: string;
  initial: SourceDraft;
  configurationPath: string;
  catalogObjects: readonly DataObject[];
  /** What the configuration's KPIs need, to list first in the picker. */
  needed: NeededFields;
  /** Saves; rejects with the API error to show. */
  onSave(request: SourceRequest): Promise<void>;
  onCancel(): void;
}

/** Adds or edits one data source: its type, name, and the catalog objects and fields it provides. */
export function SourceEditor({
  sourceId,
  initial,
  configurationPath,
  catalogObjects,
  needed,
  onSave,
  onCancel,
}: SourceEditorProps) {
  const [draft, setDraft] = useState<SourceDraft>(initial);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error>();
  const [accepted, setAccepted] = useState<string>();
  const [tried, setTried] = useState(false);
  const [leaving, setLeaving] = useState(false);
  // Leaving with changes asks first: a mapped sample is easy to lose and tedious to redo.
  const changed = JSON.stringify(draft) !== JSON.stringify(initial);
  const cancel = () => (changed ? setLeaving(true) : onCancel());
  const problems = draftProblems(draft);

  const acceptSample = (objectName: string, rows: ColumnMappingRow[], response: InferSampleResponse) => {
    const n = rows.filter((r) => r.field && !r.duplicate).length;
    setDraft((d) => ({
      ...d,
      // A file-based sample says what kind of source it is and names it, unless the user already did.
      type: d.type || (response.format === 'xlsx' ? 'excel' : 'csv'),
      name: d.name || response.fileName.replace(/\.[^.]+$/, ''),
      objects: acceptMapping(d.objects, objectName, rows),
    }));
    setAccepted(
      `${n} field${n === 1 ? '' : 's'} of ${objectName} from ${response.fileName} added to the source.`,
    );
  };

  const save = async () => {
    setTried(true);
    if (problems.length) return;
    setSaving(true);
    setError(undefined);
    try {
      await onSave(draftToRequest(draft));
    } catch (err) {
      setError(err as Error);
      setSaving(false);
    }
  };

  const title = sourceId ? `Edit ${initial.name}` : 'New data source';
  return (
    <div className={styles.editor}>
      <Panel title={title} subtitle="What the client's system provides, in the catalog's terms">
        <fieldset className={styles.typeGrid}>
          <legend>Type</legend>
          {SOURCE_TYPE_ORDER.map((t) => (
            <label key={t} className={`${styles.typeCard} ${draft.type === t ? styles.typeCardOn : ''}`}>
              <input
                type="radio"
                name="source-type"
                value={t}
                checked={draft.type === t}
                onChange={() => setDraft((d) => ({ ...d, type: t }))}
                className="kpi-visually-hidden"
              />
              <SourceTypeIcon type={t} />
              <span>
                <span className={styles.typeLabel}>{SOURCE_TYPE_INFO[t].label}</span>
                <span className={styles.muted}>{SOURCE_TYPE_INFO[t].hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className={styles.nameRow}>
          <label className={styles.field}>
            <span>Name</span>
            <input
              value={draft.name}
              maxLength={200}
              onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))}
              placeholder="e.g. Plant MES"
            />
          </label>
          <label className={styles.field}>
            <span>Description (optional)</span>
            <input
              value={draft.description}
              maxLength={4000}
              onChange={(e) => setDraft((d) => ({ ...d, description: e.target.value }))}
              placeholder="Owner, environment, access notes"
            />
          </label>
        </div>
      </Panel>

      <Panel title="Infer from a sample file" subtitle="Upload an export and accept the fields it provides">
        <SampleUpload
          configurationPath={configurationPath}
          catalogObjects={catalogObjects}
          onAccept={acceptSample}
        />
        {accepted && (
          <p className={styles.okText} role="status">
            {accepted}
          </p>
        )}
      </Panel>

      <Panel title="Objects and fields" subtitle="Choose what the source provides" flush>
        <ObjectFieldPicker
          catalogObjects={catalogObjects}
          value={draft.objects}
          needed={needed}
          onChange={(objects) => setDraft((d) => ({ ...d, objects }))}
        />
      </Panel>

      <div className={styles.footer}>
        {tried && problems.length > 0 && (
          <ul className={styles.problems} role="alert">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        {error && <ErrorPanel title="The source could not be saved" error={error} />}
        <div className={styles.buttons}>
          <button
            type="button"
            className="kpi-button kpi-button-primary"
            onClick={() => void save()}
            disabled={saving}
          >
            {saving ? 'Saving…' : sourceId ? 'Save changes' : 'Add source'}
          </button>
          <button type="button" className="kpi-button" onClick={cancel} disabled={saving}>
            Cancel
          </button>
          {leaving && (
            <span className={styles.confirmInline} role="alertdialog" aria-label="Discard your changes?">
              Discard your changes?
              <button type="button" className={`kpi-button ${styles.danger}`} onClick={onCancel}>
                Discard
              </button>
              <button type="button" className="kpi-button" onClick={() => setLeaving(false)}>
                Keep editing
              </button>
            </span>
          )}
        </div>
      </div>
    </div>
  );
}
