/**
 * Input values checked at the gateway's edge, before any subgraph is called. The supergraph names
 * the custom scalars (LocalDate, DateTimeISO, JSON) but @apollo/gateway builds them as pass-through
 * scalars that accept anything, so "30/04/2023" used to reach a subgraph, which refused the whole
 * call, and the client saw a field of its operation go null with an error naming no argument. Here
 * every literal (cached per document) and every variable value is checked against the scalar it is
 * typed with, and the request is refused with BAD_USER_INPUT naming the argument (and the variable).
 *
 * Strings are checked too: no control character but tab, line feed and carriage return. A NUL
 * cannot be stored by PostgreSQL at all (the statement failed, an internal error), and the others
 * are no text any form or person sends; refusing them at the edge keeps every subgraph free of them.
 */
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import { ErrorCode, must } from '@cadres/core';
import {
  getNamedType,
  GraphQLError,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  TypeInfo,
  typeFromAST,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';

/** Why a value is refused, or null when it is fine. */
type Check = (value: unknown) => string | null;

// Tab, line feed and carriage return stay allowed: multi-line notes are text.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const found = CONTROL_CHARACTER.exec(value);
  return found
    ? `contains the control character U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
    : null;
}

/** A calendar date, YYYY-MM-DD, that exists (not 2023-02-29), from year 0001 (PostgreSQL has no year 0). */
function localDate(value: unknown): string | null {
  if (typeof value !== 'string') return `is not a date: a LocalDate is a string YYYY-MM-DD`;
  try {
    LocalDateResolver.parseValue(value);
  } catch {
    return `is not a date: a LocalDate is a day of the calendar as YYYY-MM-DD`;
  }
  return value.startsWith('0000') ? 'is not a date: years start at 0001' : null;
}

function dateTime(value: unknown): string | null {
  if (typeof value !== 'string') return 'is not a date-time: a DateTimeISO is a string such as 2026-04-30T08:00:00Z';
  try {
    DateTimeISOResolver.parseValue(value);
    return null;
  } catch {
    return 'is not a date-time: a DateTimeISO is an ISO 8601 instant such as 2026-04-30T08:00:00Z';
  }
}

/** Any JSON, but no string in it with a control character (PostgreSQL's jsonb refuses \u0000). */
function json(value: unknown): string | null {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map(json).find((reason) => reason !== null) ?? null;
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const reason = text(key) ?? json(item);
      if (reason) return reason;
    }
  }
  return null;
}

/** The scalars the gateway knows how to check; any other scalar is left to its subgraph. */
export const SCALAR_CHECKS: ReadonlyMap<string, Check> = new Map([
  ['String', text],
  ['ID', text],
  ['LocalDate', localDate],
  ['DateTimeISO', dateTime],
  ['JSON', json],
]);

export interface InputProblem {
  /** The argument and, within it, the input field: `at`, `filter.search`. */
  argument: string;
  /** The field whose argument it is: `Cadre.yearsOfServiceLeft`. */
  field: string;
  /** The variable it came through, if any. */
  variable?: string;
  message: string;
}

interface DocumentFacts {
  /** Problems with literals (found once per document). */
  literals: InputProblem[];
  /** Where each variable is used: its first argument. */
  uses: Map<string, { argument: string; field: string }>;
}

const facts = new WeakMap<DocumentNode, DocumentFacts>();

/** Problems of an operation's input values: its literals, its variables' default values and values. */
export function inputProblems(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): InputProblem[] {
  let known = facts.get(document);
  if (!known) facts.set(document, (known = literalFacts(schema, document)));
  const problems = [...known.literals];
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (!variables || !(name in variables)) continue;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type) continue;
    const use = known.uses.get(name) ?? { argument: `$${name}`, field: operation.name?.value ?? 'operation' };
    for (const { path, reason } of valueProblems(type, variables[name], [])) {
      const argument = [use.argument, ...path].join('.');
      problems.push({
        argument,
        field: use.field,
        variable: name,
        message: `Variable "$${[name, ...path].join('.')}" (argument "${argument}" of ${use.field}): ${quote(valueAt(variables[name], path))} ${reason}.`,
      });
    }
  }
  return problems;
}

/** Refuses an operation with its first problem: one BAD_USER_INPUT naming the argument, HTTP 400. */
export function inputError(problems: InputProblem[]): GraphQLError {
  const first = must(problems[0], 'inputError is only called with the problems found, one or more');
  const message =
    problems.length === 1
      ? first.message
      : `${first.message} (and ${problems.length - 1} more: ${problems
          .slice(1)
          .map((p) => p.argument)
          .join(', ')})`;
  return new GraphQLError(message, {
    extensions: {
      code: ErrorCode.BAD_USER_INPUT,
      argument: first.argument,
      field: first.field,
      ...(first.variable ? { variable: first.variable } : {}),
      http: { status: 400 },
    },
  });
}

function literalFacts(schema: GraphQLSchema, document: DocumentNode): DocumentFacts {
  const literals: InputProblem[] = [];
  const uses = new Map<string, { argument: string; field: string }>();
  const typeInfo = new TypeInfo(schema);
  // Where the walk is: the field and argument, then the input fields within it.
  let field = '';
  const path: string[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        field = `${parent?.name ?? '?'}.${typeInfo.getFieldDef()?.name ?? '?'}`;
      },
      Argument: {
        enter(node) {
          path.length = 0;
          path.push(node.name.value);
        },
        leave() {
          path.length = 0;
        },
      },
      ObjectField: {
        enter(node) {
          path.push(node.name.value);
        },
        leave() {
          path.pop();
        },
      },
      Variable(node) {
        if (path.length && !uses.has(node.name.value)) uses.set(node.name.value, { argument: path.join('.'), field });
      },
      enter(node: ASTNode) {
        if (!isValueNode(node) || node.kind === Kind.VARIABLE) return undefined;
        const named = typeInfo.getInputType() && getNamedType(typeInfo.getInputType()!);
        const check = named && SCALAR_CHECKS.get(named.name);
        if (!check) return undefined;
        const value = valueFromASTUntyped(node);
        const reason = check(value);
        if (reason) {
          const argument = path.join('.') || 'default value';
          literals.push({ argument, field, message: `Argument "${argument}" of ${field}: ${quote(value)} ${reason}.` });
        }
        // A scalar's value is checked whole (a JSON object's fields are not input fields).
        return false;
      },
    }),
  );
  return { literals, uses };
}

function isValueNode(node: ASTNode): node is ValueNode {
  return (
    node.kind === Kind.STRING ||
    node.kind === Kind.INT ||
    node.kind === Kind.FLOAT ||
    node.kind === Kind.BOOLEAN ||
    node.kind === Kind.NULL ||
    node.kind === Kind.ENUM ||
    node.kind === Kind.LIST ||
    node.kind === Kind.OBJECT ||
    node.kind === Kind.VARIABLE
  );
}

/** Problems in a variable's value, by path. Values of the wrong shape are left to GraphQL's own coercion. */
function valueProblems(type: GraphQLInputType, value: unknown, path: string[]): { path: string[]; reason: string }[] {
  if (value === null || value === undefined) return [];
  if (isNonNullType(type)) return valueProblems(type.ofType, value, path);
  if (isListType(type))
    return Array.isArray(value)
      ? value.flatMap((item, i) => valueProblems(type.ofType, item, [...path, String(i)]))
      : valueProblems(type.ofType, value, path);
  if (isInputObjectType(type)) {
    if (typeof value !== 'object' || Array.isArray(value)) return [];
    const fields = type.getFields();
    return Object.entries(value).flatMap(([name, item]) =>
      fields[name] ? valueProblems(fields[name].type, item, [...path, name]) : [],
    );
  }
  const check = SCALAR_CHECKS.get(type.name);
  // A number for a String is coercion's to refuse, with its own message.
  if (
    !check ||
    (type.name !== 'LocalDate' && type.name !== 'DateTimeISO' && type.name !== 'JSON' && typeof value !== 'string')
  )
    return [];
  const reason = check(value);
  return reason ? [{ path, reason }] : [];
}

function valueAt(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>(
    (v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
    value,
  );
}

/** The value as the client wrote it, shortened: a refusal never echoes a long text back. */
function quote(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}
