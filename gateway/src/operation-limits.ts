import {
  getNamedType,
  getNullableType,
  GraphQLError,
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
  type ValidationRule,
} from 'graphql';
import { ErrorCode, LruCache, must } from '@cadres/core';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';

/**
 * Measures of an operation that the gateway bounds: depth and aliases by graphql-armor's counters,
 * cost (list-aware, which armor's cost limit is not) by the walk below; fragments included.
 */

type Fragments = Record<string, FragmentDefinitionNode>;

function fragmentsOf(document: DocumentNode): Fragments {
  return Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
}

/** Introspection alone: every root field is one of `__schema`, `__type`, `__typename`. */
export function isIntrospection(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'));
}

export interface DepthAndAliasLimits {
  maxDepth: number;
  /** The standard introspection query nests type references 15 deep (see server.ts). */
  introspectionMaxDepth: number;
  maxAliases: number;
}

/** An operation over a limit. Apollo Server reports validation errors as GRAPHQL_VALIDATION_FAILED;
 * `clientErrorFormatter` gives them back this code. */
export class OperationLimitError extends GraphQLError {
  constructor(
    readonly code: ErrorCode.OPERATION_TOO_DEEP | ErrorCode.TOO_MANY_ALIASES,
    message: string,
    operation: OperationDefinitionNode,
  ) {
    super(message, { nodes: [operation], extensions: { code } });
  }
}

/**
 * Depth and alias limits as a validation rule, so that Apollo Server checks them once per distinct
 * document (it caches the validated document) before any query plan. graphql-armor counts (fields
 * only for depth, fragments followed, `__typename` aliases counted too: 1,200 of them were once
 * waved through); the limits are applied here, because introspection has a depth limit of its own
 * and the refusal must say by how much, with the codes of the error contract.
 */
export function depthAndAliasLimitsRule(limits: DepthAndAliasLimits): ValidationRule {
  return (context) => {
    let depth = 0;
    let aliases = 0;
    // Limits of Infinity: armor only measures, and hands the figure to onAccept.
    const depthCounter = maxDepthRule({
      n: Infinity,
      flattenFragments: true,
      ignoreIntrospection: false,
      onAccept: [(_context, measured: { n: number }) => (depth = measured.n)],
    })(context);
    const aliasCounter = maxAliasesRule({
      n: Infinity,
      allowList: [],
      onAccept: [(_context, measured: { n: number }) => (aliases = measured.n)],
    })(context);
    return {
      OperationDefinition(operation) {
        depthCounter.onOperationDefinitionEnter(operation);
        aliasCounter.onOperationDefinitionEnter(operation);
        const maxDepth = isIntrospection(operation) ? limits.introspectionMaxDepth : limits.maxDepth;
        if (depth > maxDepth)
          context.reportError(
            new OperationLimitError(
              ErrorCode.OPERATION_TOO_DEEP,
              `The operation is ${depth} levels deep; at most ${maxDepth} are allowed.`,
              operation,
            ),
          );
        else if (aliases > limits.maxAliases)
          context.reportError(
            new OperationLimitError(
              ErrorCode.TOO_MANY_ALIASES,
              `The operation uses ${aliases} aliases; at most ${limits.maxAliases} are allowed.`,
              operation,
            ),
          );
      },
    };
  };
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
          const here = must(multipliers.at(-1), 'the root multiplier is never popped');
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
 * The cost above, remembered per parsed operation. Apollo Server keeps parsed documents by query
 * hash and hands out the same document for the same query text, so a hot operation's cost is walked
 * once per distinct set of values of the variables that give a `first`: the only variables cost
 * reads. The entries go when Apollo Server drops the document (WeakMaps).
 */
export class OperationMeasures {
  private readonly operations = new WeakMap<
    OperationDefinitionNode,
    { pageVariables?: string[]; costs: LruCache<number> }
  >();

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
