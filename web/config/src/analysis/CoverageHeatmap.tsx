import type { AnalysisView } from '@kpi/shared/contracts/demo-config';
import { ChartFrame } from '@kpi/web-ui/charts';
import { scaleBand, scaleLinear } from 'd3-scale';
import { type KeyboardEvent, useId, useMemo, useRef, useState } from 'react';
import styles from './Analysis.module.css';
import { type CoverageMatrix, describeCell, describeRow, type MatrixRow, percent } from './coverage-matrix';

/** Colour of a coverage share: red for nothing, amber half way, green for everything. */
export const coverageColour = scaleLinear<string>()
  .domain([0, 0.5, 1])
  .range(['#d64545', '#f2c14e', '#2f9e61'])
  .clamp(true);
// Text over a cell stays readable on every colour of the scale.
const textColour = (share: number) => (share > 0.2 && share < 0.85 ? '#1b2430' : '#ffffff');

const rowHeight = 30;
const header = 34;
const labelWidth = 170;
// The KPI count at the end of each row: how much an uncovered object holds back.
const kpiWidth = 80;
const combinedGap = 14;

/** Props of the heat map. */
export interface CoverageHeatmapProps {
  matrix: CoverageMatrix;
  /** The analysis objects, to name the fields each cell lacks in its tooltip. */
  objects: AnalysisView['objects'];
}

/** The objects × sources coverage heat map with a legend, a tooltip and arrow-key navigation between cells. */
export function CoverageHeatmap({ matrix, objects }: CoverageHeatmapProps) {
  const height = header + matrix.rows.length * rowHeight + 4;
  return (
    <div>
      <Legend />
      <ChartFrame height={height}>
        {({ width }) => <CoverageGrid matrix={matrix} objects={objects} width={width} height={height} />}
      </ChartFrame>
    </div>
  );
}

function Legend() {
  const id = useId();
  const stops = [0, 0.25, 0.5, 0.75, 1];
  return (
    <div className={styles.legend} data-testid="coverage-legend">
      <span>Share of the object's required fields provided</span>
      <svg width={180} height={28} role="img" aria-label="Colour scale from 0% (red) to 100% (green)">
        <defs>
          <linearGradient id={`${id}-g`}>
            {stops.map((s) => (
              <stop key={s} offset={`${s * 100}%`} stopColor={coverageColour(s)} />
            ))}
          </linearGradient>
        </defs>
        <rect x={0} y={0} width={180} height={12} rx={3} fill={`url(#${id}-g)`} />
        {[0, 0.5, 1].map((s) => (
          <text
            key={s}
            x={s * 176 + 2}
            y={26}
            fontSize={11}
            textAnchor={s === 0 ? 'start' : s === 1 ? 'end' : 'middle'}
          >
            {percent(s)}
          </text>
        ))}
      </svg>
    </div>
  );
}

export interface GridProps extends CoverageHeatmapProps {
  width: number;
  height: number;
}

interface Hovered {
  row: number;
  /** Column index; `columns.length` is the combined column. */
  col: number;
}

const fit = (label: string, width: number) => {
  const max = Math.max(3, Math.floor((width - 8) / 7));
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
};

/** The grid itself for a known width (exported for tests; pages use `CoverageHeatmap`). */
export function CoverageGrid({ matrix, objects, width, height }: GridProps) {
  const { rows, columns } = matrix;
  const combinedWidth = 96;
  const cellsWidth = Math.max(0, width - labelWidth - combinedGap - combinedWidth - kpiWidth);
  const x = useMemo(
    () =>
      scaleBand<string>()
        .domain(columns.map((c) => c.id))
        .range([0, Math.min(cellsWidth, Math.max(1, columns.length) * 160)])
        .paddingInner(0.06),
    [columns, cellsWidth],
  );
  const y = useMemo(
    () =>
      scaleBand<string>()
        .domain(rows.map((r) => r.object))
        .range([header, header + rows.length * rowHeight])
        .paddingInner(0.08),
    [rows],
  );
  const combinedX = labelWidth + (columns.length ? x.range()[1] : 0) + combinedGap;
  const [active, setActive] = useState<Hovered>();
  const [focus, setFocus] = useState<Hovered>({ row: 0, col: 0 });
  const svgRef = useRef<SVGSVGElement>(null);
  const byObject = useMemo(() => new Map(objects.map((o) => [o.name, o])), [objects]);

  const move = (event: KeyboardEvent<SVGElement>, at: Hovered) => {
    const last = { row: rows.length - 1, col: columns.length };
    const next = { ...at };
    if (event.key === 'ArrowRight') next.col = Math.min(last.col, at.col + 1);
    else if (event.key === 'ArrowLeft') next.col = Math.max(0, at.col - 1);
    else if (event.key === 'ArrowDown') next.row = Math.min(last.row, at.row + 1);
    else if (event.key === 'ArrowUp') next.row = Math.max(0, at.row - 1);
    else if (event.key === 'Home') next.col = 0;
    else if (event.key === 'End') next.col = last.col;
    else if (event.key === 'Escape') return setActive(undefined);
    else return;
    event.preventDefault();
    setFocus(next);
    setActive(next);
    svgRef.current?.querySelector<SVGElement>(`[data-cell="${next.row}:${next.col}"]`)?.focus();
  };

  const cellProps = (row: number, col: number, label: string) => ({
    'data-cell': `${row}:${col}`,
    tabIndex: focus.row === row && focus.col === col ? 0 : -1,
    role: 'img',
    'aria-label': label,
    className: styles.cell,
    onMouseEnter: () => setActive({ row, col }),
    onMouseLeave: () => setActive(undefined),
    onFocus: () => {
      setFocus({ row, col });
      setActive({ row, col });
    },
    onBlur: () => setActive(undefined),
    onKeyDown: (e: KeyboardEvent<SVGElement>) => move(e, { row, col }),
  });

  return (
    <div className={styles.heatmapWrap}>
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a fieldset; the group names its cells */}
      <svg
        ref={svgRef}
        width={width}
        height={height}
        role="group"
        aria-label="Coverage of the required objects by data source (arrow keys move between cells)"
        data-testid="coverage-heatmap"
      >
        {columns.map((c) => (
          <text
            key={c.id}
            x={labelWidth + (x(c.id) ?? 0) + x.bandwidth() / 2}
            y={header - 12}
            textAnchor="middle"
            className={styles.columnLabel}
          >
            <title>{c.name}</title>
            {fit(c.name, x.bandwidth())}
          </text>
        ))}
        <text
          x={combinedX + combinedWidth / 2}
          y={header - 12}
          textAnchor="middle"
          className={styles.columnLabel}
        >
          All sources
        </text>
        {rows.map((r, ri) => (
          <g key={r.object} transform={`translate(0, ${y(r.object) ?? 0})`}>
            <text
              x={labelWidth - 10}
              y={y.bandwidth() / 2}
              dy="0.35em"
              textAnchor="end"
              className={styles.rowLabel}
            >
              {fit(r.object, labelWidth)}
            </text>
            {r.cells.map((cell, ci) => {
              const column = columns[ci];
              const label = describeCell(cell, column?.name ?? cell.sourceId);
              return (
                <g key={cell.sourceId} transform={`translate(${labelWidth + (x(cell.sourceId) ?? 0)}, 0)`}>
                  <rect
                    {...cellProps(ri, ci, label)}
                    width={x.bandwidth()}
                    height={y.bandwidth()}
                    rx={3}
                    fill={cell.provided === 0 ? '#eef1f5' : coverageColour(cell.share)}
                    data-testid="coverage-cell"
                    data-object={cell.object}
                    data-source={cell.sourceId}
                    data-share={cell.share}
                  />
                  <text
                    x={x.bandwidth() / 2}
                    y={y.bandwidth() / 2}
                    dy="0.35em"
                    textAnchor="middle"
                    className={styles.cellText}
                    fill={cell.provided === 0 ? '#5a6675' : textColour(cell.share)}
                  >
                    {cell.provided === 0 ? '–' : percent(cell.share)}
                  </text>
                </g>
              );
            })}
            <g transform={`translate(${combinedX}, 0)`}>
              <rect
                {...cellProps(ri, columns.length, describeRow(r))}
                width={combinedWidth}
                height={y.bandwidth()}
                rx={3}
                fill={coverageColour(r.share)}
                data-testid="coverage-combined"
                data-object={r.object}
                data-share={r.share}
              />
              <text
                x={combinedWidth / 2}
                y={y.bandwidth() / 2}
                dy="0.35em"
                textAnchor="middle"
                className={styles.cellText}
                fill={textColour(r.share)}
              >
                {r.provided}/{r.required}
              </text>
              <text x={combinedWidth + 10} y={y.bandwidth() / 2} dy="0.35em" className={styles.kpiCount}>
                {r.kpis} KPI{r.kpis === 1 ? '' : 's'}
              </text>
            </g>
          </g>
        ))}
      </svg>
      {active && rows[active.row] && (
        <Tooltip
          row={rows[active.row] as MatrixRow}
          col={active.col}
          matrix={matrix}
          object={byObject.get(rows[active.row]?.object ?? '')}
          left={
            active.col < columns.length
              ? labelWidth + (x(columns[active.col]?.id ?? '') ?? 0) + x.bandwidth() / 2
              : combinedX + combinedWidth / 2
          }
          top={(y(rows[active.row]?.object ?? '') ?? 0) + y.bandwidth() + 4}
          width={width}
        />
      )}
    </div>
  );
}

interface TooltipProps {
  row: MatrixRow;
  col: number;
  matrix: CoverageMatrix;
  object: AnalysisView['objects'][number] | undefined;
  left: number;
  top: number;
  width: number;
}

function Tooltip({ row, col, matrix, object, left, top, width }: TooltipProps) {
  const column = matrix.columns[col];
  const fields = object?.fields ?? [];
  const missing = column
    ? fields.filter((f) => !f.providedBy.includes(column.id)).map((f) => f.name)
    : fields.filter((f) => f.providedBy.length === 0).map((f) => f.name);
  const provided = column ? (row.cells[col]?.provided ?? 0) : row.provided;
  const boxWidth = 260;
  return (
    <div
      className={styles.tooltip}
      role="tooltip"
      data-testid="coverage-tooltip"
      style={{ left: Math.max(0, Math.min(width - boxWidth, left - boxWidth / 2)), top, width: boxWidth }}
    >
      <strong>{row.object}</strong> · {column ? column.name : 'all sources'}
      <div>
        {provided} of {row.required} required fields ({percent(row.required ? provided / row.required : 1)}) ·
        needed by {row.kpis} KPI{row.kpis === 1 ? '' : 's'}
      </div>
      {missing.length > 0 && (
        <div className={styles.tooltipMissing}>
          {column ? 'Not from this source' : 'Missing'}: {missing.slice(0, 12).join(', ')}
          {missing.length > 12 ? ` and ${missing.length - 12} more` : ''}
        </div>
      )}
    </div>
  );
}
