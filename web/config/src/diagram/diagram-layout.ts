/**
 * Turns ELK's answer into what the drawing needs: class boxes, association routes as point lists and
 * multiplicity labels, with the diagram's bounds. Pure.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { DiagramClass, DiagramModel, DiagramRelationship } from './diagram-model';
import { edgeId, labelId } from './elk-graph';

export interface Point {
  x: number;
  y: number;
}

export interface PlacedClass {
  cls: DiagramClass;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedLabel {
  end: 'from' | 'to';
  text: string;
  /** Top-left corner of the label box. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedRelationship {
  rel: DiagramRelationship;
  /** The route from the `to` class to the `from` class (orthogonal segments). */
  points: Point[];
  labels: PlacedLabel[];
}

export interface DiagramLayout {
  width: number;
  height: number;
  classes: PlacedClass[];
  relationships: PlacedRelationship[];
}

/** Something that lays out an ELK graph: elkjs in a worker, or its bundled build in Node. */
export interface ElkLayouter {
  layout(graph: ElkNode): Promise<ElkNode>;
}

function route(edge: ElkExtendedEdge): Point[] {
  // One section per edge: every edge joins two simple nodes at the root (no hyperedges, no hierarchy).
  return (edge.sections ?? []).flatMap((s, i) => [
    ...(i === 0 ? [s.startPoint] : []),
    ...(s.bendPoints ?? []),
    s.endPoint,
  ]);
}

/** The drawable layout of `model` from ELK's laid-out graph; throws if ELK dropped a class or edge. */
export function toLayout(model: DiagramModel, laidOut: ElkNode): DiagramLayout {
  const nodes = new Map((laidOut.children ?? []).map((n) => [n.id, n]));
  const edges = new Map((laidOut.edges ?? []).map((e) => [e.id, e as ElkExtendedEdge]));
  const classes = model.classes.map((cls) => {
    const n = nodes.get(cls.name);
    if (!n || n.x === undefined || n.y === undefined)
      throw new Error(`The layout has no position for ${cls.name}`);
    return { cls, x: n.x, y: n.y, width: n.width ?? 0, height: n.height ?? 0 };
  });
  const relationships = model.relationships.map((rel) => {
    const e = edges.get(edgeId(rel.id));
    if (!e) throw new Error(`The layout has no route for ${rel.id}`);
    const labels = (e.labels ?? []).map((l) => ({
      end: l.id === labelId(rel.id, 'from') ? ('from' as const) : ('to' as const),
      text: l.text ?? '',
      x: l.x ?? 0,
      y: l.y ?? 0,
      width: l.width ?? 0,
      height: l.height ?? 0,
    }));
    return { rel, points: route(e), labels };
  });
  return { width: laidOut.width ?? 0, height: laidOut.height ?? 0, classes, relationships };
}
