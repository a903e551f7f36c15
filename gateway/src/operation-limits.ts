import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';

/** Measures of an operation that the gateway bounds (depth, aliases, cost), fragments included. */

type Fragments = Record<string, FragmentDefinitionNode>;

function fragmentsOf(document: DocumentNode): Fragments {
  return Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
}

/**
 * Sums `weigh(field, multiplier)` over every field, depth-first; a field's children are weighed
 * with the multiplier `childMultiplier` returns. Fragments are followed once per path (no cycles).
 */
function fold(
  set: SelectionSetNode,
  fragments: Fragments,
  multiplier: number,
  weigh: (field: { alias?: string; args: Map<string, ValueNode> }, multiplier: number) => number,
  childMultiplier: (args: Map<string, ValueNode>, multiplier: number) => number,
  seen: Set<string> = new Set(),
): number {
  let total = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const args = new Map(selection.arguments?.map((a) => [a.name.value, a.value]));
      total += weigh({ alias: selection.alias?.value, args }, multiplier);
      if (selection.selectionSet) total += fold(selection.selectionSet, fragments, childMultiplier(args, multiplier), weigh, childMultiplier, seen);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      total += fold(selection.selectionSet, fragments, multiplier, weigh, childMultiplier, seen);
    } else if (!seen.has(selection.name.value) && fragments[selection.name.value]) {
      total += fold(fragments[selection.name.value].selectionSet, fragments, multiplier, weigh, childMultiplier, new Set([...seen, selection.name.value]));
    }
  }
  return total;
}

/** Deepest field nesting. */
export function operationDepth(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = fragmentsOf(document);
  const depth = (set: SelectionSetNode, seen: Set<string>): number =>
    Math.max(
      0,
      ...set.selections.map((selection) => {
        if (selection.kind === Kind.FIELD) return 1 + (selection.selectionSet ? depth(selection.selectionSet, seen) : 0);
        if (selection.kind === Kind.INLINE_FRAGMENT) return depth(selection.selectionSet, seen);
        const fragment = fragments[selection.name.value];
        return fragment && !seen.has(selection.name.value) ? depth(fragment.selectionSet, new Set([...seen, selection.name.value])) : 0;
      }),
    );
  return depth(operation.selectionSet, new Set());
}

/** Aliased fields in the whole operation. */
export function operationAliases(document: DocumentNode, operation: OperationDefinitionNode): number {
  return fold(operation.selectionSet, fragmentsOf(document), 1, (field) => (field.alias ? 1 : 0), () => 1);
}

/**
 * Cost: every field counts 1, times the page sizes (`first`) of the lists above it, so a page of 200
 * dossiers costs 200 times one dossier. Page sizes given in variables count too.
 */
export function operationCost(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  const pageSize = (value: ValueNode | undefined): number => {
    if (value?.kind === Kind.INT) return Number(value.value);
    if (value?.kind === Kind.VARIABLE) return Number(variables[value.name.value]) || 1;
    return 1;
  };
  return fold(operation.selectionSet, fragmentsOf(document), 1, (_field, multiplier) => multiplier, (args, multiplier) => multiplier * Math.max(1, pageSize(args.get('first'))));
}
