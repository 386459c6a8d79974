import type { AnalysisView as Analysis } from '@kpi/shared/contracts/demo-config';
import { Panel } from '@kpi/web-ui/layout';
import { Link } from '@kpi/web-ui/routing';
import { useMemo } from 'react';
import styles from './Analysis.module.css';
import { CoverageHeatmap } from './CoverageHeatmap';
import { buildCoverageMatrix } from './coverage-matrix';
import { GapList } from './GapList';
import { ReadinessList } from './ReadinessList';

/** Props of the analysis view. */
export interface AnalysisViewProps {
  analysis: Analysis;
  nameOf: (kpiId: string) => string;
}

/** The required-objects analysis: summary, coverage heat map, per-KPI readiness and the gaps. */
export function AnalysisView({ analysis, nameOf }: AnalysisViewProps) {
  const matrix = useMemo(() => buildCoverageMatrix(analysis), [analysis]);
  const { summary } = analysis;
  const total = summary.ready + summary.partial + summary.blocked;
  return (
    <>
      <div className={styles.summary} data-testid="analysis-summary">
        <Stat label="Ready" value={summary.ready} tone="ready" testId="summary-ready" total={total} />
        <Stat label="Partial" value={summary.partial} tone="partial" testId="summary-partial" total={total} />
        <Stat label="Blocked" value={summary.blocked} tone="blocked" testId="summary-blocked" total={total} />
        <div className={styles.stat}>
          <div className={styles.statLabel}>Field coverage</div>
          <div className={styles.statValue} data-testid="summary-coverage">
            {summary.fieldCoveragePercent}%
          </div>
          <div className={styles.meter} aria-hidden="true">
            <span style={{ width: `${summary.fieldCoveragePercent}%` }} />
          </div>
          <div className={styles.statNote}>
            {summary.providedFields} of {summary.requiredFields} required fields
          </div>
        </div>
        <div className={styles.stat}>
          <div className={styles.statLabel}>Data sources</div>
          <div className={styles.statValue}>{analysis.sources.length}</div>
          <div className={styles.statNote}>
            <Link to="/sources">Manage sources</Link>
          </div>
        </div>
      </div>

      {analysis.stalePins.length > 0 && (
        <div className={styles.notice} role="note" data-testid="stale-pins">
          <strong>
            {analysis.stalePins.length} KPI{analysis.stalePins.length === 1 ? ' was' : 's were'} chosen from
            another catalog version
          </strong>{' '}
          ({analysis.stalePins.map(nameOf).join(', ')}). They are analysed with catalog{' '}
          {analysis.catalogVersion}; re-save the selection to pin them to it.
        </div>
      )}

      <Panel
        title="Coverage matrix"
        subtitle={`${plural(matrix.rows.length, 'required object')} × ${plural(matrix.columns.length, 'source')} · least covered first`}
      >
        {matrix.rows.length === 0 ? (
          <p className={styles.muted}>The selected KPIs need no data objects.</p>
        ) : (
          <>
            {matrix.columns.length === 0 && (
              <p className={styles.muted}>
                No data source is declared yet: every object is a gap.{' '}
                <Link to="/sources">Add a data source</Link>.
              </p>
            )}
            <CoverageHeatmap matrix={matrix} objects={analysis.objects} />
          </>
        )}
      </Panel>

      <div className={styles.columns}>
        <Panel title="KPI readiness" subtitle="ready · partial · blocked">
          <ReadinessList kpis={analysis.kpis} nameOf={nameOf} customKpis={analysis.customKpis} />
        </Panel>
        <Panel title="Gaps" subtitle={`${plural(analysis.gaps.length, 'gap')} · missing objects and fields`}>
          <GapList gaps={analysis.gaps} objects={analysis.objects} nameOf={nameOf} />
        </Panel>
      </div>
    </>
  );
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

interface StatProps {
  label: string;
  value: number;
  total: number;
  tone: 'ready' | 'partial' | 'blocked';
  testId: string;
}

function Stat({ label, value, total, tone, testId }: StatProps) {
  return (
    <div className={`${styles.stat} ${styles[`stat-${tone}`]}`}>
      <div className={styles.statLabel}>{label}</div>
      <div className={styles.statValue} data-testid={testId}>
        {value}
      </div>
      <div className={styles.statNote}>of {total} KPIs</div>
    </div>
  );
}
