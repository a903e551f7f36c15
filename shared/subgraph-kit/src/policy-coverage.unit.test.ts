/**
 * Deny by default, proven from the composed schema (issue 12, item 2): every field of every type
 * in gateway/supergraph.graphql — root fields, mutations, object fields, entity references — is
 * attributed to the subgraphs that resolve it (the join directives say which), and each of those
 * subgraphs' `src/policy.ts` must hold a decision for it. A field added without one fails here.
 */
import { SUBGRAPH_NAMES } from '@cadres/core';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isClassified, supergraphFieldOwners, type FieldClassification } from './policy';

const root = join(__dirname, '../../..');
const owners = supergraphFieldOwners(readFileSync(join(root, 'gateway/supergraph.graphql'), 'utf8'));

/** Every subgraph of the federation (shared/core/src/federation.ts); each must have its policy module. */
const SUBGRAPHS = SUBGRAPH_NAMES;

async function classificationOf(subgraph: string): Promise<FieldClassification> {
  const module: unknown = await import(join(root, 'subgraphs', subgraph, 'src/policy'));
  const classification = (module as { classification?: FieldClassification }).classification;
  if (!classification?.fields || !classification.references)
    throw new Error(`subgraphs/${subgraph}/src/policy.ts exports no classification`);
  return classification;
}

it('attributes every field of the supergraph to a subgraph it knows', () => {
  expect(owners.length).toBeGreaterThan(300);
  expect(new Set(owners.map((o) => o.subgraph))).toEqual(new Set(SUBGRAPHS));
  // Every subgraph resolves references to the cadre (each adds its history to it); planning's
  // titles are stubs it cannot resolve, so only personnel answers for a Title.
  const resolving = (type: string) =>
    owners
      .filter((o) => o.type === type && o.field === '__resolveReference')
      .map((o) => o.subgraph)
      .sort();
  expect(resolving('Cadre')).toEqual(['personnel', 'planning', 'training']);
  expect(resolving('Title')).toEqual(['personnel']);
});

describe.each(SUBGRAPHS)('the %s subgraph', (subgraph) => {
  it('has an access decision for every field it resolves in the supergraph', async () => {
    // A subgraph without its policy module fails here; none is skipped.
    expect(existsSync(join(root, 'subgraphs', subgraph, 'src/policy.ts'))).toBe(true);
    const classification = await classificationOf(subgraph);
    const mine = owners.filter((o) => o.subgraph === subgraph);
    const unclassified = mine.filter((o) => !isClassified(classification, o)).map((o) => `${o.type}.${o.field}`);
    expect(unclassified).toEqual([]);
    expect(mine.length).toBeGreaterThan(20);
    process.stdout.write(
      `deny-by-default walk: ${subgraph} resolves ${mine.length} supergraph fields, all classified\n`,
    );
  });
});

describe('the walk itself', () => {
  const sdl = `
    enum join__Graph { A @join__graph(name: "alpha", url: "http://a") B @join__graph(name: "beta", url: "http://b") }
    type Query @join__type(graph: A) @join__type(graph: B) { one: Int @join__field(graph: A) two: Int @join__field(graph: B) }
    type Thing @join__type(graph: A, key: "id") @join__type(graph: B, key: "id", resolvable: false) {
      id: ID!
      name: String @join__field(graph: A) @join__field(graph: B, external: true)
      extra: String @join__field(graph: B, requires: "name")
    }`;

  it('owns a field by its join__field, else by its type, never where it is external, and entities where resolvable', () => {
    const owned = supergraphFieldOwners(sdl).map((o) => `${o.subgraph}:${o.type}.${o.field}`);
    expect(owned.sort()).toEqual(
      [
        'alpha:Query.one',
        'beta:Query.two',
        'alpha:Thing.__resolveReference',
        'alpha:Thing.id',
        'beta:Thing.id',
        'alpha:Thing.name',
        'beta:Thing.extra',
      ].sort(),
    );
  });

  it('fails a field left out of a classification', () => {
    const classification: FieldClassification = { fields: { Query: { one: 'public' } }, references: {} };
    const gaps = supergraphFieldOwners(sdl).filter((o) => o.subgraph === 'alpha' && !isClassified(classification, o));
    expect(gaps.map((o) => `${o.type}.${o.field}`).sort()).toEqual([
      'Thing.__resolveReference',
      'Thing.id',
      'Thing.name',
    ]);
  });
});
