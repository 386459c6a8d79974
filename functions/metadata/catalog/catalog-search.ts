/**
 * Ranked KPI search over name, description and tags. Every query term must match somewhere; a term found
 * in the name weighs more than one found in the tags, which weighs more than one in the description, so
 * name matches rank above description/tag matches. Exact and prefix name matches rank highest.
 */
import type { KpiDefinition } from '@kpi/shared/domain/catalog/types';

export type MatchedIn = 'name' | 'tags' | 'description';

export interface SearchHit {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly unitLabel: string;
  readonly score: number;
  readonly matchedIn: readonly MatchedIn[];
}

interface Entry {
  kpi: KpiDefinition;
  name: string;
  nameWords: readonly string[];
  tags: readonly string[];
  description: string;
}

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9%]+/)
    .filter(Boolean);
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A search index over one catalog version's KPIs (built once per version). */
export class KpiSearchIndex {
  private readonly entries: readonly Entry[];

  constructor(kpis: readonly KpiDefinition[]) {
    this.entries = kpis.map((kpi) => ({
      kpi,
      name: kpi.name.toLowerCase(),
      nameWords: words(kpi.name),
      tags: kpi.tags.map((t) => t.toLowerCase()),
      description: kpi.description.toLowerCase(),
    }));
  }

  /** Best hits first (ties by name), at most `limit`; `total` counts every hit. */
  search(query: string, limit: number): { total: number; items: SearchHit[] } {
    const phrase = query.trim().toLowerCase().replace(/\s+/g, ' ');
    const terms = words(phrase);
    if (!terms.length) return { total: 0, items: [] };
    const hits: SearchHit[] = [];
    for (const e of this.entries) {
      const hit = score(e, phrase, terms);
      if (hit) hits.push(hit);
    }
    hits.sort((a, b) => b.score - a.score || byCode(a.name, b.name) || byCode(a.id, b.id));
    return { total: hits.length, items: hits.slice(0, limit) };
  }
}

function score(e: Entry, phrase: string, terms: readonly string[]): SearchHit | undefined {
  let total = 0;
  const matched = new Set<MatchedIn>();
  for (const term of terms) {
    let best = 0;
    if (e.nameWords.includes(term)) best = 30;
    else if (e.nameWords.some((w) => w.startsWith(term))) best = 24;
    else if (e.name.includes(term)) best = 18;
    if (best) matched.add('name');
    if (best === 0) {
      if (e.tags.some((t) => t === term || t.split('-').includes(term))) best = 8;
      else if (e.tags.some((t) => t.includes(term))) best = 6;
      if (best) matched.add('tags');
    }
    if (best === 0 && e.description.includes(term)) {
      best = 4;
      matched.add('description');
    }
    if (best === 0) return undefined;
    total += best;
  }
  // Whole-phrase bonuses: the query is the name, or the name starts with it.
  if (e.name === phrase) total += 100;
  else if (e.name.startsWith(phrase)) total += 50;
  else if (terms.length > 1 && e.name.includes(phrase)) total += 25;
  const { kpi } = e;
  return {
    id: kpi.id,
    name: kpi.name,
    description: kpi.description,
    tags: kpi.tags,
    unitLabel: kpi.unitLabel,
    score: total,
    matchedIn: (['name', 'tags', 'description'] as const).filter((m) => matched.has(m)),
  };
}
