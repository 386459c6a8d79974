/** UML multiplicity labels of the diagram's association ends. Pure. */
import type { DiagramRelationship } from './diagram-model';

const LABELS: Record<string, string> = { '1..1': '1', '0..1': '0..1', '1..*': '1..*', '0..*': '*' };

/** The UML short form of a multiplicity: `1..1` → `1`, `0..*` → `*`; others as given. */
export function cardinalityLabel(cardinality: string): string {
  return LABELS[cardinality] ?? cardinality;
}

/**
 * The labels at both ends of an association: at the `to` end how many targets one source has
 * (`cardinality`), at the `from` end how many sources one target has (`inverseCardinality`).
 */
export function endLabels(r: Pick<DiagramRelationship, 'cardinality' | 'inverseCardinality'>): {
  atFrom: string;
  atTo: string;
} {
  return { atFrom: cardinalityLabel(r.inverseCardinality), atTo: cardinalityLabel(r.cardinality) };
}
