import styles from './Sow.module.css';
import { type EstimateResponse, formatDate, formatDays, formatMoney } from './sow-model';

const DAY = 86_400_000;
const time = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** The estimate: build lines, phases with their cost and a timeline, and the totals. */
export function EstimateView({
  estimate: answer,
  updating,
}: {
  estimate: EstimateResponse;
  updating: boolean;
}) {
  const { estimate, input } = answer;
  const money = (n: number) => formatMoney(n, estimate.currency);
  const { totals } = estimate;
  const start = time(totals.start);
  const span = Math.max(DAY, time(totals.end) + DAY - start);
  return (
    <div className={styles.estimate} aria-busy={updating}>
      <div className={styles.totals}>
        <Figure label="Total" value={money(totals.total)} testId="estimate-total" strong />
        <Figure label="Effort" value={`${formatDays(totals.days)} days`} testId="estimate-days" />
        <Figure label="Duration" value={`${totals.weeks} weeks`} />
        <Figure label="Schedule" value={`${formatDate(totals.start)} – ${formatDate(totals.end)}`} small />
      </div>
      <p className={styles.inputs}>
        From {input.sourceTypes.length} data source{input.sourceTypes.length === 1 ? '' : 's'},{' '}
        {input.objectsToMap} object{input.objectsToMap === 1 ? '' : 's'} to map, {input.missingFields} missing
        field
        {input.missingFields === 1 ? '' : 's'}, {input.catalogKpis} catalog and {input.customKpis} custom KPI
        {input.catalogKpis + input.customKpis === 1 ? '' : 's'}.
      </p>

      <table className={styles.table} aria-label="Build effort">
        <caption>Build effort</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className={styles.num}>
              Quantity
            </th>
            <th scope="col" className={styles.num}>
              Days each
            </th>
            <th scope="col" className={styles.num}>
              Days
            </th>
          </tr>
        </thead>
        <tbody>
          {estimate.lines.map((l) => (
            <tr key={l.id}>
              <th scope="row">{l.label}</th>
              <td className={styles.num}>{l.quantity}</td>
              <td className={styles.num}>{formatDays(l.unitDays)}</td>
              <td className={styles.num}>{formatDays(l.days)}</td>
            </tr>
          ))}
          {estimate.lines.length === 0 && (
            <tr>
              <td colSpan={4} className={styles.muted}>
                Nothing to build yet: select KPIs and declare data sources.
              </td>
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Build
            </th>
            <td className={styles.num}>{formatDays(estimate.buildDays)}</td>
          </tr>
        </tfoot>
      </table>

      <table className={styles.table} aria-label="Phases">
        <caption>Phases and timeline</caption>
        <thead>
          <tr>
            <th scope="col">Phase</th>
            <th scope="col" className={styles.num}>
              Days
            </th>
            <th scope="col" className={styles.num}>
              Rate
            </th>
            <th scope="col" className={styles.num}>
              Cost
            </th>
            <th scope="col" className={styles.timelineHead}>
              Timeline
            </th>
          </tr>
        </thead>
        <tbody>
          {estimate.phases.map((ph) => {
            const left = ((time(ph.start) - start) / span) * 100;
            const width = Math.max(1.5, ((time(ph.end) + DAY - time(ph.start)) / span) * 100);
            return (
              <tr key={ph.id}>
                <th scope="row">
                  {ph.name}
                  <span className={styles.sub}>
                    {ph.role} × {ph.people}
                  </span>
                </th>
                <td className={styles.num}>{formatDays(ph.days)}</td>
                <td className={styles.num}>{money(ph.rate)}</td>
                <td className={styles.num}>{money(ph.cost)}</td>
                <td className={styles.timelineCell}>
                  <div
                    className={styles.bar}
                    style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }}
                    title={`${formatDate(ph.start)} – ${formatDate(ph.end)} (${ph.weeks} weeks)`}
                  />
                  <span className="kpi-visually-hidden">
                    {formatDate(ph.start)} to {formatDate(ph.end)}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Subtotal</th>
            <td className={styles.num}>{formatDays(totals.days)}</td>
            <td />
            <td className={styles.num}>{money(totals.cost)}</td>
            <td />
          </tr>
          <tr>
            <th scope="row">Contingency ({answer.parameters.contingencyPercent}%)</th>
            <td />
            <td />
            <td className={styles.num}>{money(totals.contingency)}</td>
            <td />
          </tr>
          <tr className={styles.grand}>
            <th scope="row">Total</th>
            <td />
            <td />
            <td className={styles.num}>{money(totals.total)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Figure(props: { label: string; value: string; testId?: string; strong?: boolean; small?: boolean }) {
  return (
    <div className={`${styles.figure} ${props.strong ? styles.figureStrong : ''}`}>
      <div className={styles.figureLabel}>{props.label}</div>
      <div
        className={`${styles.figureValue} ${props.small ? styles.figureSmall : ''}`}
        data-testid={props.testId}
      >
        {props.value}
      </div>
    </div>
  );
}
