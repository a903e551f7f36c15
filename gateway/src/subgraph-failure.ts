/**
 * A subgraph call that fails (the subgraph is down, refuses the connection, answers 5xx or 401,
 * answers something that is not a GraphQL answer, or does not answer in time) becomes an answer
 * of errors, one per field the call was to resolve, each with the path of that field in the
 * client's operation and a stable code: the gateway nulls those fields and keeps every other
 * subgraph's part. Thrown instead, the failure would reach the client as one "Internal server
 * error" without a path, and a non-null field would have blanked the whole answer.
 *
 * What a client sees names the subgraph by its public name, never a URL, a status text or the
 * subgraph's raw answer: those go to the gateway's log. One exception: a 400 whose errors say the
 * client sent a value the subgraph refuses (BAD_USER_INPUT, GRAPHQL_VALIDATION_FAILED) is the
 * client's mistake, passed on as BAD_USER_INPUT with the subgraph's message, not an outage.
 */
import { ErrorCode } from '@cadres/core';
import {
  Kind,
  parse,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { SubgraphTimeoutError } from './subgraph-call-signal';

export interface SubgraphRequest {
  query?: string;
  variables?: Record<string, unknown>;
}

export interface FailureAnswer {
  errors: GraphQLFormattedError[];
}

/** A 200 answer that is not a GraphQL answer to the call made (garbage, wrong shape, wrong count). */
export class BadAnswerError extends Error {
  constructor(reason: string) {
    super(`The subgraph's answer is unusable: ${reason}`);
    this.name = 'BadAnswerError';
  }
}

/** Throws BadAnswerError unless `response` can be merged into the operation's result. */
export function checkAnswer(response: { data?: unknown; errors?: unknown }, request: SubgraphRequest): void {
  if (response.errors !== undefined && !Array.isArray(response.errors))
    throw new BadAnswerError('errors is not a list');
  const data = response.data;
  if (data === undefined || data === null) {
    if (!response.errors?.length) throw new BadAnswerError('neither data nor errors');
    return;
  }
  if (typeof data !== 'object' || Array.isArray(data)) throw new BadAnswerError('data is not an object');
  const representations = request.variables?.representations;
  if (Array.isArray(representations)) {
    const entities = (data as { _entities?: unknown })._entities;
    if (!Array.isArray(entities) || entities.length !== representations.length)
      throw new BadAnswerError('_entities does not match the representations');
  }
}

/** Codes with which a subgraph answers 400 to a value it refuses: the client's mistake, not an outage. */
const CLIENT_MISTAKES = new Set<string>([ErrorCode.BAD_USER_INPUT, ErrorCode.GRAPHQL_VALIDATION_FAILED]);
const MAX_REFUSAL_LENGTH = 300;

/**
 * The subgraph's own words when it answered 400 because of a value the client sent (a scalar the
 * gateway does not check at its edge, input-values.ts): GraphQL's validation text or a BAD_USER_INPUT
 * message, which the subgraph's formatter has already cleared. Anything else: null.
 */
function clientMistake(error: unknown): string | null {
  const response = (error as { extensions?: { response?: { status?: unknown; body?: unknown } } } | null)?.extensions
    ?.response;
  if (response?.status !== 400) return null;
  const errors = (response.body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const first = errors[0] as GraphQLFormattedError;
  if (typeof first?.message !== 'string' || !CLIENT_MISTAKES.has(first.extensions?.code as string)) return null;
  return first.message.length > MAX_REFUSAL_LENGTH
    ? `${first.message.slice(0, MAX_REFUSAL_LENGTH - 1)}…`
    : first.message;
}

/** The client-facing answer to a failed call, one error per field it would have resolved. */
export function failureAnswer(
  error: unknown,
  service: string,
  request: SubgraphRequest,
  document?: DocumentNode,
): FailureAnswer {
  const operation = operationOf(request, document);
  const refused = clientMistake(error);
  if (refused !== null) {
    // The fields of this call are null with the subgraph's reason; the rest of the answer stands.
    const extensions = { code: ErrorCode.BAD_USER_INPUT, service };
    const message = `The ${service} service refused a value of this request: ${refused}`;
    const paths = operation ? fieldPaths(operation.document, operation.definition, request.variables) : [];
    if (paths.length === 0) return { errors: [{ message, extensions }] };
    return { errors: paths.map((path) => ({ message, path, extensions })) };
  }
  const code = error instanceof SubgraphTimeoutError ? ErrorCode.SUBGRAPH_TIMEOUT : ErrorCode.SUBGRAPH_UNAVAILABLE;
  const message = failureMessage(code, service, operation?.operation === 'mutation', neverConnected(error));
  const extensions = { code, service };
  const paths = operation ? fieldPaths(operation.document, operation.definition, request.variables) : [];
  // A call whose fields are unknown still reports one error, at the level where it was made.
  if (paths.length === 0) return { errors: [{ message, extensions }] };
  return { errors: paths.map((path) => ({ message, path, extensions })) };
}

function failureMessage(code: ErrorCode, service: string, mutation: boolean, neverConnected: boolean): string {
  const what =
    code === ErrorCode.SUBGRAPH_TIMEOUT
      ? `The ${service} service did not answer in time`
      : `The ${service} service is unavailable`;
  if (!mutation) return `${what}; this part of the answer is missing.`;
  // The gateway never sends a mutation twice: after a lost connection the change may have been made.
  if (neverConnected) return `${what}; the change was not made.`;
  return `${what}; whether the change was made is unknown: check before trying again.`;
}

/** True only when the subgraph cannot have received the call: the connection was refused. */
function neverConnected(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ECONNREFUSED';
}

interface ParsedOperation {
  document: DocumentNode;
  definition: OperationDefinitionNode;
  operation: OperationDefinitionNode['operation'];
}

/** The gateway sends a few hundred distinct subgraph operations at most: each is parsed once. */
const parsed = new Map<string, DocumentNode>();
const MAX_PARSED = 1_000;

function operationOf(request: SubgraphRequest, document?: DocumentNode): ParsedOperation | null {
  let doc = document;
  if (!doc && request.query) {
    doc = parsed.get(request.query);
    if (!doc) {
      try {
        doc = parse(request.query);
      } catch {
        return null;
      }
      if (parsed.size >= MAX_PARSED) parsed.clear();
      parsed.set(request.query, doc);
    }
  }
  const definition = doc?.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return doc && definition ? { document: doc, definition, operation: definition.operation } : null;
}

/**
 * Where the call's fields sit in its own answer, which the gateway maps into the client's
 * operation: `["_entities", i, field]` for each representation and each field asked of its type,
 * or `[rootField]` for a root call. The entity's own key fields are not listed: the gateway has them.
 */
function fieldPaths(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables?: Record<string, unknown>,
): (string | number)[][] {
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const representations = variables?.representations;
  const entitiesField = operation.selectionSet.selections.find(
    (s) => s.kind === Kind.FIELD && s.name.value === '_entities',
  );
  if (Array.isArray(representations) && entitiesField?.kind === Kind.FIELD && entitiesField.selectionSet) {
    const byType = new Map<string, string[]>();
    return representations.flatMap((representation, index) => {
      const given = (representation as { __typename?: unknown } | null)?.__typename;
      const typename = typeof given === 'string' ? given : '';
      let fields = byType.get(typename);
      if (!fields) byType.set(typename, (fields = responseNames(entitiesField.selectionSet!, typename, fragments)));
      return fields.map((field) => [entitiesField.alias?.value ?? '_entities', index, field]);
    });
  }
  return responseNames(operation.selectionSet, null, fragments).map((field) => [field]);
}

/** The response names a selection set asks of an object of `typename` (null: whatever the type). */
function responseNames(
  selectionSet: SelectionSetNode,
  typename: string | null,
  fragments: Map<string, FragmentDefinitionNode>,
): string[] {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== '__typename') names.add(selection.alias?.value ?? selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!selection.typeCondition || typename === null || selection.typeCondition.name.value === typename)
          visit(selection.selectionSet);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && (typename === null || fragment.typeCondition.name.value === typename))
          visit(fragment.selectionSet);
      }
    }
  };
  visit(selectionSet);
  return [...names];
}

type ErrorFormatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * A subgraph failure reaches the client as the gateway wrote it (failureAnswer): message, path,
 * code and the service's public name, and nothing that @apollo/gateway adds on the way. Every
 * other error goes to `next` (the platform's formatter: domain codes pass, anything else is masked).
 */
export function subgraphFailureFormatter(next: ErrorFormatter): ErrorFormatter {
  return (formatted, error) => {
    const code = formatted.extensions?.code;
    if (code !== ErrorCode.SUBGRAPH_UNAVAILABLE && code !== ErrorCode.SUBGRAPH_TIMEOUT) return next(formatted, error);
    const service = formatted.extensions?.service;
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code, ...(typeof service === 'string' ? { service } : {}) },
    };
  };
}
