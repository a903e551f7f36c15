import 'reflect-metadata';
import { DomainError, ErrorCode, InvalidInputError } from '@cadres/core';
import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * The GraphQL enum `UserError.reason` is typed by: each subgraph registers its own `RefusalReason`
 * (type-graphql `registerEnumType`) and names it here before building its schema; composition
 * makes the supergraph's enum the union of the three. Until one is named, reasons are strings.
 */
let refusalReasons: object | undefined;

export function useRefusalReasons(reasons: object): void {
  refusalReasons = reasons;
}

@ObjectType({
  description: 'Why a mutation changed nothing: a user-correctable problem, tied to an input field when it is one.',
})
@Directive('@shareable')
export class UserError {
  @Field({ description: 'BAD_USER_INPUT, NOT_FOUND, RULE_VIOLATION or CONFLICT.' })
  code: string;

  @Field(() => refusalReasons ?? String, {
    nullable: true,
    description: 'The specific rule or check, e.g. TERM_LIMIT_REACHED: an enum clients can switch on.',
  })
  reason: string | null;

  @Field(() => String, { nullable: true, description: 'The input field at fault, e.g. "personalIdNumber".' })
  field: string | null;

  @Field()
  message: string;
}

/**
 * Failures reported on the payload: the user's to correct, and a dependency that could not be asked
 * (nothing was changed; the same mutation may succeed shortly), which mutations reported as
 * RULE_VIOLATION before it had its own code.
 */
const USER_CORRECTABLE = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.RULE_VIOLATION,
  ErrorCode.CONFLICT,
  ErrorCode.DEPENDENCY_UNAVAILABLE,
]);

export function toUserError(error: DomainError): UserError {
  const { reason, field } = error.details as { reason?: string; field?: string };
  return { code: error.code, reason: reason ?? null, field: field ?? null, message: error.message };
}

/**
 * Runs a mutation and turns user-correctable failures into `{ errors }` on its payload; anything
 * else (a bug, a lost database) still fails the operation as INTERNAL_SERVER_ERROR.
 */
export async function payloadOf<K extends string, T>(
  key: K,
  run: () => Promise<T>,
): Promise<{ [P in K]: T | null } & { errors: UserError[] }> {
  try {
    return { [key]: await run(), errors: [] } as { [P in K]: T | null } & { errors: UserError[] };
  } catch (error) {
    if (error instanceof InvalidInputError) {
      const errors = error.problems.map((p) => ({
        code: error.code,
        reason: p.reason,
        field: p.field,
        message: p.message,
      }));
      return { [key]: null, errors } as { [P in K]: T | null } & { errors: UserError[] };
    }
    if (error instanceof DomainError && USER_CORRECTABLE.has(error.code)) {
      return { [key]: null, errors: [toUserError(error)] } as { [P in K]: T | null } & { errors: UserError[] };
    }
    throw error;
  }
}
