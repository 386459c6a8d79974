/**
 * Draws a laid-out diagram into an SVG group with D3 joins: association routes with their multiplicity
 * labels under the class boxes. Imperative on purpose: a whole model is ~2,000 SVG elements, and
 * highlighting or selecting only flips data attributes on them (`applyHighlight`) instead of making
 * React reconcile them all; zoom and pan never touch React state.
 */
import { type Selection, select } from 'd3';
import { areaColor } from './area-colors';
import {
  BOX,
  FONTS,
  type FontSpec,
  fieldText,
  keyBadge,
  OPTIONAL_SUFFIX,
  stereotypeText,
} from './class-size';
import type { DiagramLayout, PlacedClass, PlacedRelationship } from './diagram-layout';
import { fieldKey, type KpiNeeds } from './diagram-model';
import { pathOf, round } from './diagram-paths';
import styles from './UmlDiagram.module.css';

export interface DrawHandlers {
  /** A class was clicked or activated with Enter / Space. */
  onSelect(name: string): void;
}

/**
 * Fonts as presentation attributes rather than inline styles: the stylesheet can still restyle them
 * (bold for a highlighted field), and exports carry the computed values.
 */
// biome-ignore lint/suspicious/noExplicitAny: applies to text selections of any datum and parent
function font(text: Selection<any, any, any, any>, spec: FontSpec) {
  text
    .attr('font-family', spec.family)
    .attr('font-size', spec.size)
    .attr('font-weight', spec.weight ?? null)
    .attr('font-style', spec.style ?? null);
}

const describeClass = (p: PlacedClass) =>
  `${p.cls.name} (${p.cls.area}), ${p.cls.fields.length} field${p.cls.fields.length === 1 ? '' : 's'}`;

const describeRelationship = ({ rel }: PlacedRelationship) =>
  `${rel.from}.${rel.name} → ${rel.to} (${rel.foreignKey} → ${rel.to}.${rel.targetKey}; ${rel.inverseCardinality} to ${rel.cardinality})` +
  (rel.context ? ' — not navigated by the selected KPIs' : '');

/** Replaces the content of `root` with the diagram. */
export function drawDiagram(root: SVGGElement, layout: DiagramLayout, handlers: DrawHandlers): void {
  const g = select(root);
  g.selectAll('*').remove();

  const edges = g
    .append('g')
    .attr('class', styles.edges ?? '')
    .selectAll<SVGGElement, PlacedRelationship>('g')
    .data(layout.relationships)
    .join('g')
    .attr('class', (d) => `${styles.edge ?? ''} ${d.rel.context ? (styles.context ?? '') : ''}`)
    .attr('data-testid', 'uml-relationship')
    .attr('data-id', (d) => d.rel.id)
    .attr('data-context', (d) => (d.rel.context ? 'true' : null));
  edges.append('title').text(describeRelationship);
  edges
    .append('path')
    .attr('class', styles.edgeLine ?? '')
    .attr('d', (d) => pathOf(d.points))
    .attr('fill', 'none');
  edges
    .selectAll('text')
    .data((d) => d.labels)
    .join('text')
    .attr('class', styles.cardinality ?? '')
    .attr('data-testid', 'uml-cardinality')
    .attr('data-end', (l) => l.end)
    .attr('x', (l) => round(l.x + l.width / 2))
    .attr('y', (l) => round(l.y + l.height - 3))
    .attr('text-anchor', 'middle')
    .call(font, FONTS.cardinality)
    .text((l) => l.text);

  const classes = g
    .append('g')
    .attr('class', styles.classes ?? '')
    .selectAll<SVGGElement, PlacedClass>('g')
    .data(layout.classes)
    .join('g')
    .attr('class', styles.umlClass ?? '')
    .attr('data-testid', 'uml-class')
    .attr('data-name', (d) => d.cls.name)
    .attr('transform', (d) => `translate(${round(d.x)},${round(d.y)})`)
    .attr('tabindex', 0)
    .attr('role', 'button')
    .attr('aria-pressed', 'false')
    .attr('aria-label', describeClass)
    .on('click', (_event, d) => handlers.onSelect(d.cls.name))
    .on('keydown', (event: KeyboardEvent, d) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      handlers.onSelect(d.cls.name);
    });
  classes
    .append('rect')
    .attr('class', styles.box ?? '')
    .attr('width', (d) => d.width)
    .attr('height', (d) => d.height)
    .attr('rx', 4);
  classes
    .append('path')
    .attr('class', styles.header ?? '')
    .attr('fill', (d) => areaColor(d.cls.area))
    // The header's top corners follow the box's rounded corners.
    .attr(
      'd',
      (d) =>
        `M0.5,${BOX.headerHeight}V4.5Q0.5,0.5 4.5,0.5H${d.width - 4.5}Q${d.width - 0.5},0.5 ${d.width - 0.5},4.5V${BOX.headerHeight}Z`,
    );
  classes
    .append('text')
    .attr('class', styles.stereotype ?? '')
    .attr('x', (d) => d.width / 2)
    .attr('y', 15)
    .attr('text-anchor', 'middle')
    .call(font, FONTS.stereotype)
    .text((d) => stereotypeText(d.cls));
  classes
    .append('text')
    .attr('class', styles.name ?? '')
    .attr('x', (d) => d.width / 2)
    .attr('y', 32)
    .attr('text-anchor', 'middle')
    .call(font, FONTS.name)
    .text((d) => d.cls.name);
  classes
    .append('line')
    .attr('class', styles.separator ?? '')
    .attr('x1', 0)
    .attr('x2', (d) => d.width)
    .attr('y1', BOX.headerHeight)
    .attr('y2', BOX.headerHeight);

  const rows = classes
    .selectAll('g')
    .data((d) => d.cls.fields.map((f, i) => ({ f, i, owner: d })))
    .join('g')
    .attr('class', styles.field ?? '')
    .attr('data-field', (r) => r.f.name)
    .attr('transform', (r) => `translate(0,${BOX.headerHeight + BOX.rowPadding + r.i * BOX.rowHeight})`);
  rows
    .append('rect')
    .attr('class', styles.fieldBackground ?? '')
    .attr('x', 1)
    .attr('width', (r) => r.owner.width - 2)
    .attr('height', BOX.rowHeight);
  rows
    .filter((r) => keyBadge(r.f) !== undefined)
    .append('text')
    .attr('class', (r) => `${styles.badge ?? ''} ${r.f.key === 'primary' ? (styles.primary ?? '') : ''}`)
    .attr('x', BOX.paddingX)
    .attr('y', 12.5)
    .call(font, FONTS.badge)
    .text((r) => keyBadge(r.f) ?? '');
  const text = rows
    .append('text')
    .attr('class', styles.fieldText ?? '')
    .attr('x', BOX.paddingX + BOX.gutter)
    .attr('y', 13)
    .call(font, FONTS.field);
  text.append('tspan').text((r) => fieldText(r.f));
  text
    .filter((r) => !r.f.required)
    .append('tspan')
    .attr('class', styles.optional ?? '')
    .text(OPTIONAL_SUFFIX);
}

/** What the drawing emphasises: one KPI's needs (the rest dimmed) and the selected class. */
export interface Highlight {
  needs?: KpiNeeds | undefined;
  selected?: string | undefined;
}

/** Marks what `highlight` names as needed / selected; everything else is dimmed by the stylesheet. */
export function applyHighlight(root: SVGGElement, { needs, selected }: Highlight): void {
  const g = select(root);
  g.attr('data-focus', needs ? 'kpi' : null);
  g.selectAll<SVGGElement, PlacedClass>(`.${styles.umlClass}`)
    .attr('data-needed', (d) => (needs?.objects.has(d.cls.name) ? 'true' : null))
    .attr('data-selected', (d) => (d.cls.name === selected ? 'true' : null))
    .attr('aria-pressed', (d) => String(d.cls.name === selected))
    .selectAll<SVGGElement, { f: { name: string }; owner: PlacedClass }>(`.${styles.field}`)
    .attr('data-needed', (r) => (needs?.fields.has(fieldKey(r.owner.cls.name, r.f.name)) ? 'true' : null));
  g.selectAll<SVGGElement, PlacedRelationship>(`.${styles.edge}`).attr('data-needed', (d) =>
    needs?.relationships.has(d.rel.id) ? 'true' : null,
  );
}
