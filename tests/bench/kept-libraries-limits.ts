import { must } from '@cadres/core';
/**
 * Depth and alias measures of a new operation: the gateway's rule (graphql-armor's counters, run as
 * Apollo Server's validation runs them: the rule's visitor on each operation, in a
 * ValidationContext) against the hand-written walk it replaced, kept here as the comparison point.
 * For scale, graphql-js's own validation of the same document, which Apollo Server runs on every
 * new operation anyway.
 */
import { compose } from '@cadres/gateway/dist/supergraph';
import { depthAndAliasLimitsRule } from '@cadres/gateway/dist/operation-limits';
import {
  getIntrospectionQuery,
  Kind,
  parse,
  specifiedRules,
  TypeInfo,
  validate,
  ValidationContext,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { DOSSIER, DOSSIER_PAGE } from '../support/queries';

type Fragments = Record<string, FragmentDefinitionNode>;

/** The hand-written depth and alias measures, as the gateway had them before graphql-armor. */
function handWritten(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments: Fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const depth = (set: SelectionSetNode, seen: Set<string>): number =>
    Math.max(
      0,
      ...set.selections.map((selection) => {
        if (selection.kind === Kind.FIELD)
          return 1 + (selection.selectionSet ? depth(selection.selectionSet, seen) : 0);
        if (selection.kind === Kind.INLINE_FRAGMENT) return depth(selection.selectionSet, seen);
        const fragment = fragments[selection.name.value];
        return fragment && !seen.has(selection.name.value)
          ? depth(fragment.selectionSet, new Set([...seen, selection.name.value]))
          : 0;
      }),
    );
  const aliases = (set: SelectionSetNode, seen: Set<string>): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        total += selection.alias ? 1 : 0;
        if (selection.selectionSet) total += aliases(selection.selectionSet, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) total += aliases(selection.selectionSet, seen);
      else {
        const fragment = seen.has(selection.name.value) ? undefined : fragments[selection.name.value];
        if (fragment) total += aliases(fragment.selectionSet, new Set([...seen, selection.name.value]));
      }
    }
    return total;
  };
  return depth(operation.selectionSet, new Set()) + aliases(operation.selectionSet, new Set());
}

function cpuMicros(run: () => unknown, iterations: number): number {
  const before = process.cpuUsage();
  for (let i = 0; i < iterations; i++) run();
  const { user, system } = process.cpuUsage(before);
  return (user + system) / iterations;
}

export function measureLimits(rounds: number): void {
  const { apiSchema: schema } = compose();
  const aliases = `query Aliased { ${Array.from({ length: 30 }, (_, i) => `c${i}: cadre(id: "${i}") { id fullName orgUnit { name } }`).join(' ')} }`;
  const documents: [string, DocumentNode][] = [
    ['dossier', parse(DOSSIER)],
    ['page of dossiers', parse(DOSSIER_PAGE)],
    ['standard introspection', parse(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true }))],
    ['30 aliased cadres', parse(aliases)],
  ];
  const rule = depthAndAliasLimitsRule({ maxDepth: 12, introspectionMaxDepth: 15, maxAliases: 30 });
  const variants: Record<string, (document: DocumentNode, operation: OperationDefinitionNode) => unknown> = {
    'hand-written': handWritten,
    'graphql-armor': (document, operation) => {
      const context = new ValidationContext(schema, document, new TypeInfo(schema), () => undefined);
      const visitor = rule(context) as { OperationDefinition: (node: OperationDefinitionNode) => void };
      visitor.OperationDefinition(operation);
    },
    'graphql-js validate (for scale)': (document) => validate(schema, document, specifiedRules),
  };
  for (const [label, document] of documents) {
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)!;
    const figures: Record<string, number[]> = {};
    for (let r = 0; r <= rounds; r++)
      for (const [variant, run] of Object.entries(variants)) {
        const micros = cpuMicros(() => run(document, operation), variant.startsWith('graphql-js') ? 200 : 2000);
        if (r > 0) (figures[variant] ??= []).push(micros);
      }
    for (const [variant, values] of Object.entries(figures)) {
      const sorted = [...values].sort((a, b) => a - b);
      const at = (i: number) => must(sorted[i], 'rounds measured').toFixed(1);
      process.stdout.write(
        `limits ${label.padEnd(24)} ${variant.padEnd(32)} ${at(0)}–${at(sorted.length - 1)} (median ${at(Math.floor(sorted.length / 2))}) µs CPU per new operation\n`,
      );
    }
  }
}
