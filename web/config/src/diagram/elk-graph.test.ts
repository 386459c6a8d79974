import { loadCatalog } from '@kpi/shared/domain/catalog/load-catalog';
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { endLabels } from './cardinality';
import { classSize } from './class-size';
import { type DiagramLayout, type PlacedClass, type Point, toLayout } from './diagram-layout';
import { modelFromObjects } from './diagram-model';
import { buildElkGraph, edgeId, LAYOUT_OPTIONS, labelId } from './elk-graph';

const catalog = loadCatalog();
const model = modelFromObjects({ catalogVersion: catalog.catalogVersion, objects: [...catalog.objects] });

describe('buildElkGraph', () => {
  const graph = buildElkGraph(model);

  it('has one node per class, sized from its text', () => {
    expect(graph.children).toHaveLength(model.classes.length);
    const first = model.classes[0]!;
    expect(graph.children?.[0]).toEqual({ id: first.name, ...classSize(first) });
  });

  it('routes each association from the referenced class to the referencing one, with both end labels', () => {
    const rel = model.relationships[0]!;
    const edge = graph.edges?.find((e) => e.id === edgeId(rel.id));
    expect(edge?.sources).toEqual([rel.to]);
    expect(edge?.targets).toEqual([rel.from]);
    const { atFrom, atTo } = endLabels(rel);
    expect(edge?.labels?.map((l) => [l.id, l.text, l.layoutOptions?.['elk.edgeLabels.placement']])).toEqual([
      [labelId(rel.id, 'to'), atTo, 'TAIL'],
      [labelId(rel.id, 'from'), atFrom, 'HEAD'],
    ]);
  });

  it('asks for the layered algorithm with orthogonal edges', () => {
    expect(graph.layoutOptions).toMatchObject({
      'elk.algorithm': 'layered',
      'elk.edgeRouting': 'ORTHOGONAL',
    });
    expect(LAYOUT_OPTIONS['elk.direction']).toBe('DOWN');
  });
});

const overlaps = (a: PlacedClass, b: PlacedClass) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Distance from a point to a box's outline (0 on the border). */
function distanceToBorder(p: Point, c: PlacedClass): number {
  const dx = Math.max(c.x - p.x, 0, p.x - (c.x + c.width));
  const dy = Math.max(c.y - p.y, 0, p.y - (c.y + c.height));
  const outside = Math.hypot(dx, dy);
  if (outside > 0) return outside;
  return Math.min(p.x - c.x, c.x + c.width - p.x, p.y - c.y, c.y + c.height - p.y);
}

describe('layout of the whole catalog model (elkjs in Node)', () => {
  let layout: DiagramLayout;

  it('places every class without overlaps and routes every association between its classes', async () => {
    const laidOut = await new ELK().layout(buildElkGraph(model));
    layout = toLayout(model, laidOut);
    expect(layout.classes).toHaveLength(59);
    for (let i = 0; i < layout.classes.length; i++)
      for (let j = i + 1; j < layout.classes.length; j++)
        expect(
          overlaps(layout.classes[i]!, layout.classes[j]!),
          `${layout.classes[i]!.cls.name} / ${layout.classes[j]!.cls.name}`,
        ).toBe(false);

    const byName = new Map(layout.classes.map((c) => [c.cls.name, c]));
    for (const r of layout.relationships) {
      expect(r.points.length).toBeGreaterThanOrEqual(2);
      const start = r.points[0]!;
      const end = r.points[r.points.length - 1]!;
      expect(
        distanceToBorder(start, byName.get(r.rel.to)!),
        `${r.rel.id} starts at ${r.rel.to}`,
      ).toBeLessThan(1);
      expect(
        distanceToBorder(end, byName.get(r.rel.from)!),
        `${r.rel.id} ends at ${r.rel.from}`,
      ).toBeLessThan(1);
      // Orthogonal: every segment is horizontal or vertical.
      for (let i = 1; i < r.points.length; i++) {
        const a = r.points[i - 1]!;
        const b = r.points[i]!;
        expect(Math.min(Math.abs(a.x - b.x), Math.abs(a.y - b.y)), r.rel.id).toBeLessThan(0.01);
      }
      // Each end's multiplicity sits nearer its own class than the other end's.
      const { atFrom, atTo } = endLabels(r.rel);
      const to = r.labels.find((l) => l.end === 'to')!;
      const from = r.labels.find((l) => l.end === 'from')!;
      expect([to.text, from.text]).toEqual([atTo, atFrom]);
      const centre = (l: typeof to) => ({ x: l.x + l.width / 2, y: l.y + l.height / 2 });
      if (r.rel.from !== r.rel.to) {
        expect(distanceToBorder(centre(to), byName.get(r.rel.to)!)).toBeLessThan(
          distanceToBorder(centre(to), byName.get(r.rel.from)!),
        );
      }
    }
    expect(layout.width).toBeGreaterThan(0);
    expect(layout.height).toBeGreaterThan(0);
    for (const c of layout.classes) {
      expect(c.x + c.width).toBeLessThanOrEqual(layout.width);
      expect(c.y + c.height).toBeLessThanOrEqual(layout.height);
    }
  }, 60_000);
});
