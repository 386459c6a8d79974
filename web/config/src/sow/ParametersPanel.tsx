import type { SourceType } from '@kpi/shared/contracts/demo-config';
import { Panel } from '@kpi/web-ui/layout';
import { useId } from 'react';
import { NumberField } from './NumberField';
import { PhasesEditor } from './PhasesEditor';
import styles from './Sow.module.css';
import type { EstimateParameters, EstimateRequest } from './sow-model';
import { setRate } from './sow-model';

const SOURCE_LABELS: Record<SourceType, string> = {
  sqlserver: 'SQL Server / Azure SQL',
  postgresql: 'PostgreSQL',
  dynamics365: 'Dynamics 365',
  sap: 'SAP',
  salesforce: 'Salesforce',
  csv: 'CSV files',
  excel: 'Excel files',
  rest: 'REST API',
};

// The contract's type keeps this list complete without loading the schemas (zod) into the page chunk.
const SOURCE_TYPES = Object.keys(SOURCE_LABELS) as SourceType[];

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'DKK', 'NOK', 'PLN'];

export interface ParametersPanelProps {
  request: EstimateRequest;
  onChange(request: EstimateRequest): void;
  onReset(): void;
  /** Source types the configuration declares (their rates matter now). */
  usedSourceTypes: readonly SourceType[];
  /** The dashboard count derived from the KPIs, shown while not overridden. */
  derivedDashboards: number | undefined;
}

/** The estimate model's every parameter, editable; each change re-estimates. */
export function ParametersPanel({
  request,
  onChange,
  onReset,
  usedSourceTypes,
  derivedDashboards,
}: ParametersPanelProps) {
  const p = request.parameters;
  const set = (parameters: EstimateParameters) => onChange({ ...request, parameters });
  const dateId = useId();
  const currencyId = useId();
  const overrideId = useId();
  const used = new Set(usedSourceTypes);
  return (
    <Panel
      title="Estimate model"
      subtitle="Every figure below is editable"
      actions={
        <button type="button" className="kpi-button" onClick={onReset}>
          Reset to defaults
        </button>
      }
    >
      <div className={styles.paramGroups}>
        <fieldset className={styles.group}>
          <legend>Project</legend>
          <div className={styles.grid2}>
            <div className={styles.field}>
              <label htmlFor={dateId}>Start date</label>
              <input
                id={dateId}
                type="date"
                value={p.startDate}
                required
                onChange={(e) => {
                  if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) set({ ...p, startDate: e.target.value });
                }}
              />
            </div>
            <div className={styles.field}>
              <label htmlFor={currencyId}>Currency</label>
              <select
                id={currencyId}
                value={p.currency}
                onChange={(e) => set({ ...p, currency: e.target.value })}
              >
                {[...new Set([p.currency, ...CURRENCIES])].map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </div>
            <NumberField
              label="Contingency"
              unit="%"
              value={p.contingencyPercent}
              max={100}
              step={1}
              onChange={(v) => set({ ...p, contingencyPercent: v })}
            />
            <NumberField
              label="Working days per week"
              value={p.workingDaysPerWeek}
              min={1}
              max={7}
              integer
              onChange={(v) => set({ ...p, workingDaysPerWeek: v })}
            />
          </div>
        </fieldset>

        <fieldset className={styles.group}>
          <legend>Effort per item</legend>
          <div className={styles.grid2}>
            <NumberField
              label="Per object to map"
              unit="days"
              value={p.daysPerObjectToMap}
              onChange={(v) => set({ ...p, daysPerObjectToMap: v })}
            />
            <NumberField
              label="Per missing field"
              unit="days"
              value={p.daysPerMissingField}
              onChange={(v) => set({ ...p, daysPerMissingField: v })}
            />
            <NumberField
              label="Per custom KPI"
              unit="days"
              value={p.daysPerCustomKpi}
              onChange={(v) => set({ ...p, daysPerCustomKpi: v })}
            />
            <NumberField
              label="Per dashboard"
              unit="days"
              value={p.daysPerDashboard}
              onChange={(v) => set({ ...p, daysPerDashboard: v })}
            />
          </div>
          <div className={styles.dashboards}>
            <label className={styles.check}>
              <input
                id={overrideId}
                type="checkbox"
                checked={request.dashboards !== undefined}
                onChange={(e) =>
                  onChange({
                    ...request,
                    dashboards: e.target.checked ? (derivedDashboards ?? 1) : undefined,
                  })
                }
              />
              Set the number of dashboards
            </label>
            {request.dashboards === undefined ? (
              <NumberField
                label="KPIs per dashboard"
                value={p.kpisPerDashboard}
                min={1}
                max={100}
                integer
                hint={
                  derivedDashboards !== undefined
                    ? `${derivedDashboards} dashboards from the KPIs`
                    : undefined
                }
                onChange={(v) => set({ ...p, kpisPerDashboard: v })}
              />
            ) : (
              <NumberField
                label="Number of dashboards"
                value={request.dashboards}
                max={500}
                integer
                onChange={(v) => onChange({ ...request, dashboards: v })}
              />
            )}
          </div>
        </fieldset>

        <fieldset className={styles.group}>
          <legend>Integration per source, by type</legend>
          <div className={styles.grid2}>
            {SOURCE_TYPES.map((t) => (
              <NumberField
                key={t}
                label={SOURCE_LABELS[t]}
                unit="days"
                emphasis={used.has(t)}
                hint={used.has(t) ? 'Declared in this configuration' : undefined}
                value={p.daysPerSourceType[t]}
                onChange={(v) => set({ ...p, daysPerSourceType: { ...p.daysPerSourceType, [t]: v } })}
              />
            ))}
          </div>
        </fieldset>

        <fieldset className={styles.group}>
          <legend>Rate card (per day)</legend>
          <div className={styles.grid2}>
            {Object.entries(p.rateCard).map(([role, rate]) => (
              <NumberField
                key={role}
                label={`Day rate: ${role}`}
                unit={p.currency}
                step={50}
                value={rate}
                max={1_000_000}
                onChange={(v) => set(setRate(p, role, v))}
              />
            ))}
          </div>
        </fieldset>

        <PhasesEditor parameters={p} onChange={set} />
      </div>
    </Panel>
  );
}
