import {
  getNamedType,
  getNullableType,
  isListType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { LruCache, must } from '@cadres/core';

/** Measures of an operation that the gateway bounds (depth, aliases, cost), fragments included. */

type Fragments = Record<string, FragmentDefinitionNode>;

function fragmentsOf(document: DocumentNode): Fragments {
  return Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
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
      if (selection.selectionSet)
        total += fold(
          selection.selectionSet,
          fragments,
          childMultiplier(args, multiplier),
          weigh,
          childMultiplier,
          seen,
        );
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      total += fold(selection.selectionSet, fragments, multiplier, weigh, childMultiplier, seen);
    } else if (!seen.has(selection.name.value)) {
      const fragment = fragments[selection.name.value];
      if (fragment)
        total += fold(
          fragment.selectionSet,
          fragments,
          multiplier,
          weigh,
          childMultiplier,
          new Set([...seen, selection.name.value]),
        );
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
        if (selection.kind === Kind.FIELD)
          return 1 + (selection.selectionSet ? depth(selection.selectionSet, seen) : 0);
        if (selection.kind === Kind.INLINE_FRAGMENT) return depth(selection.selectionSet, seen);
        const fragment = fragments[selection.name.value];
        return fragment && !seen.has(selection.name.value)
          ? depth(fragment.selectionSet, new Set([...seen, selection.name.value]))
          : 0;
      }),
    );
  return depth(operation.selectionSet, new Set());
}

/** Aliased fields in the whole operation. */
export function operationAliases(document: DocumentNode, operation: OperationDefinitionNode): number {
  return fold(
    operation.selectionSet,
    fragmentsOf(document),
    1,
    (field) => (field.alias ? 1 : 0),
    () => 1,
  );
}

/** A list without a page size (e.g. a title's holders) is assumed to hold this many. */
const UNPAGED_LIST_WEIGHT = 20;

/**
 * Cost: every field counts 1, times the sizes of the lists above it — the `first` given (literally,
 * in a variable, or by the argument's default) for paged lists, a fixed weight for unpaged ones — so
 * a page of 200 dossiers costs 200 times one dossier. Fragments are expanded where they are used.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const defaults = Object.fromEntries(
    (operation.variableDefinitions ?? [])
      .filter((v) => v.defaultValue?.kind === Kind.INT)
      .map((v) => [v.variable.name.value, Number((v.defaultValue as { value: string }).value)]),
  );
  const values = { ...defaults, ...variables };
  const fragments = fragmentsOf(document);
  // Expand fragments into one operation so TypeInfo sees each field where it is used.
  const inline = (set: SelectionSetNode, seen: Set<string>): SelectionSetNode => ({
    ...set,
    selections: set.selections.flatMap((selection) => {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        if (!fragment || seen.has(selection.name.value)) return [];
        return [
          {
            kind: Kind.INLINE_FRAGMENT,
            typeCondition: fragment.typeCondition,
            selectionSet: inline(fragment.selectionSet, new Set([...seen, selection.name.value])),
          },
        ];
      }
      return selection.selectionSet
        ? [{ ...selection, selectionSet: inline(selection.selectionSet, seen) }]
        : [selection];
    }),
  });
  const expanded: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [{ ...operation, selectionSet: inline(operation.selectionSet, new Set()) }],
  };
  const typeInfo = new TypeInfo(schema);
  const multipliers = [1];
  let total = 0;
  visit(
    expanded,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          const here = must(multipliers.at(-1), 'the stack starts at [1] and leave pops only what enter pushed');
          total += here;
          const definition = typeInfo.getFieldDef();
          const returns = definition ? getNullableType(definition.type) : undefined;
          const firstArg = node.arguments?.find((a) => a.name.value === 'first')?.value;
          const firstDefault = definition?.args.find((a) => a.name === 'first')?.defaultValue;
          let size = 1;
          if (firstArg?.kind === Kind.INT) size = Number(firstArg.value);
          else if (firstArg?.kind === Kind.VARIABLE)
            size = Number(values[firstArg.name.value]) || Number(firstDefault) || 1;
          else if (typeof firstDefault === 'number') size = firstDefault;
          // A connection's edges are the page already counted above them.
          else if (node.name.value === 'edges' || node.name.value === 'nodes') size = 1;
          else if (returns && isListType(returns) && getNamedType(returns) && node.selectionSet)
            size = UNPAGED_LIST_WEIGHT;
          multipliers.push(here * Math.max(1, size));
        },
        leave() {
          multipliers.pop();
        },
      },
    }),
  );
  return total;
}

/** Distinct page sizes remembered per operation (a client paging through cannot grow it further). */
const COSTS_PER_OPERATION = 64;

/**
 * The measures above, remembered per parsed operation. Apollo Server keeps parsed documents by query
 * hash and hands out the same document for the same query text, so a hot operation is walked once,
 * and its cost once per distinct set of values of the variables that give a `first`: the only
 * variables cost reads. The entries go when Apollo Server drops the document (WeakMaps).
 */
export class OperationMeasures {
  private readonly operations = new WeakMap<
    OperationDefinitionNode,
    { depth?: number; aliases?: number; pageVariables?: string[]; costs: LruCache<number> }
  >();

  depth(document: DocumentNode, operation: OperationDefinitionNode): number {
    const measured = this.of(operation);
    return (measured.depth ??= operationDepth(document, operation));
  }

  aliases(document: DocumentNode, operation: OperationDefinitionNode): number {
    const measured = this.of(operation);
    return (measured.aliases ??= operationAliases(document, operation));
  }

  cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ): number {
    const measured = this.of(operation);
    measured.pageVariables ??= pageSizeVariables(document);
    // [] for a variable not given (its default applies), [value] for one given, null included.
    const key = JSON.stringify(
      measured.pageVariables.map((name) => (Object.hasOwn(variables, name) ? [variables[name]] : [])),
    );
    let cost = measured.costs.get(key);
    if (cost === undefined) {
      cost = operationCost(schema, document, operation, variables);
      measured.costs.set(key, cost, Infinity);
    }
    return cost;
  }

  private of(operation: OperationDefinitionNode) {
    let measured = this.operations.get(operation);
    if (!measured) this.operations.set(operation, (measured = { costs: new LruCache<number>(COSTS_PER_OPERATION) }));
    return measured;
  }
}

/** The variables given as a `first` argument anywhere in the document. */
function pageSizeVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if (node.name.value === 'first' && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
    },
  });
  return [...names];
}
