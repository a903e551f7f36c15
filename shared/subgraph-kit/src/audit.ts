import 'reflect-metadata';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLJSON } from 'graphql-scalars';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareFn } from 'type-graphql';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Identity, Logger } from '@cadres/core';
import type { Write } from './combined-writes';

/**
 * The audit tables every subgraph keeps in its own schema: reads of sensitive fields by partner
 * agencies, and every mutation. Both are append-only, enforced by the database.
 */
export async function createAuditTables(
  db: QueryRunner,
  schema: string,
  tables: { reads: boolean; mutations: boolean },
): Promise<void> {
  await db.query(`
    CREATE OR REPLACE FUNCTION ${schema}.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit tables are append-only' USING ERRCODE = 'insufficient_privilege';
    END $$`);
  if (tables.reads) {
    await db.query(`
      CREATE TABLE ${schema}.read_audit (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor varchar(200) NOT NULL,
        agency varchar(200),
        request_id varchar(128),
        cadre_ids uuid[] NOT NULL,
        fields text[] NOT NULL
      )`);
    await db.query(`CREATE INDEX read_audit_at_idx ON ${schema}.read_audit (at)`);
    await db.query(
      `CREATE TRIGGER read_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${schema}.read_audit FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.refuse_audit_change()`,
    );
  }
  if (tables.mutations) {
    await db.query(`
      CREATE TABLE ${schema}.mutation_audit (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor varchar(200) NOT NULL,
        role varchar(16) NOT NULL,
        request_id varchar(128),
        operation varchar(200),
        query text,
        variables jsonb,
        result jsonb,
        errors jsonb
      )`);
    await db.query(`CREATE INDEX mutation_audit_at_idx ON ${schema}.mutation_audit (at)`);
    await db.query(
      `CREATE TRIGGER mutation_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${schema}.mutation_audit FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.refuse_audit_change()`,
    );
  }
}

/** Who sent a mutation and what it asked: the part of its audit row known before it runs. */
export interface MutationRequest {
  actor: string;
  role: string;
  requestId: string;
  operation: string | null;
  query: string | null;
  variables: unknown;
}

/**
 * One request's mutations and which of its root fields already have their audit row committed
 * inside the transaction that made their change (see `auditCommittedMutation`).
 */
export class MutationLog {
  request: MutationRequest | undefined;
  private readonly started = new Set<string>();
  private readonly committed = new Set<string>();

  fieldStarted(responseKey: string): void {
    this.started.add(responseKey);
  }

  fieldCommitted(responseKey: string): void {
    this.committed.add(responseKey);
  }

  /**
   * Whether the answer still needs a row of its own: a root field refused before it wrote (a
   * typed error, a role check, bad input), or one that ran without committing a change.
   */
  get needsAnswerRow(): boolean {
    return this.started.size === 0 || [...this.started].some((key) => !this.committed.has(key));
  }
}

interface MutationFieldScope {
  log: MutationLog;
  field: string;
  responseKey: string;
}

/** The root mutation field being resolved, for the transactions it opens (set by `mutationFieldScope`). */
const mutationFields = new AsyncLocalStorage<MutationFieldScope>();

/**
 * Global middleware: runs each root mutation field inside a scope that names it, so the
 * transactions its service opens (`transactionRunner`) can write its audit row themselves.
 */
/**
 * What the mutation audit needs of a request's context. Declared here, not taken from the server's
 * `SubgraphContext` (which extends it), so that the audit does not depend on the server that uses it.
 */
export interface MutationAuditContext {
  requestId: string;
  identity: Identity;
  mutationLog: MutationLog;
  logger: Logger;
}

export const mutationFieldScope: MiddlewareFn<MutationAuditContext> = ({ info, context }, next) => {
  if (info.operation.operation !== 'mutation' || info.path.prev !== undefined || !context.mutationLog?.request)
    return next();
  const responseKey = String(info.path.key);
  context.mutationLog.fieldStarted(responseKey);
  return mutationFields.run({ log: context.mutationLog, field: info.fieldName, responseKey }, next);
};

/**
 * Audit values are JSON: entities may hold loaded relations that point back at each other, and a
 * class instance's getters are not data. Cycles are cut, depth is bounded.
 */
export function toAuditJson(value: unknown, depth = 0, ancestors: object[] = []): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (ancestors.includes(value) || depth > 8) return '[…]';
  const inner = [...ancestors, value];
  if (Array.isArray(value)) return value.map((item) => toAuditJson(item, depth + 1, inner) ?? null);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const json = toAuditJson(item, depth + 1, inner);
    if (json !== undefined) out[key] = json;
  }
  return out;
}

/**
 * Writes the audit row of the root mutation field being resolved, in the transaction `manager`
 * holds, with the outcome its service produced (the final GraphQL answer is not known yet). The row
 * commits with the change or not at all, so no crash can leave a change without its row. A
 * transaction that wrote nothing (PostgreSQL assigned it no transaction id) writes no row: the
 * field's answer is audited after the response, like any refusal. Returns, when a row was written,
 * what to call once the transaction has committed (a commit can still fail).
 */
export async function auditCommittedMutation(
  manager: EntityManager,
  outcome: unknown,
): Promise<(() => void) | undefined> {
  const scope = mutationFields.getStore();
  const request = scope?.log.request;
  if (!scope || !request) return undefined;
  const rows: unknown[] = await manager.query(
    `INSERT INTO mutation_audit (actor, role, request_id, operation, query, variables, result, errors)
     SELECT $1, $2, $3, $4, $5, $6, $7, NULL WHERE txid_current_if_assigned() IS NOT NULL RETURNING id`,
    committedRowValues(scope, request, outcome),
  );
  return rows.length ? () => scope.log.fieldCommitted(scope.responseKey) : undefined;
}

/** The audit row's values ($1…$7) for a field whose change commits with it. */
function committedRowValues(scope: MutationFieldScope, request: MutationRequest, outcome: unknown): unknown[] {
  return [
    request.actor,
    request.role,
    request.requestId,
    request.operation,
    request.query,
    JSON.stringify(request.variables ?? null),
    JSON.stringify({ [scope.field]: toAuditJson(outcome) }),
  ];
}

/** Transactions whose audit row went with a change's own statement, and what to call once they commit. */
const auditedTransactions = new WeakMap<EntityManager, () => void>();

/**
 * The audit row of the root mutation field being resolved, as a write to send in the same
 * statement as the change itself (`sendTogether`): one round trip fewer than
 * `auditCommittedMutation`, which the transaction runner then skips for this transaction. For a
 * service that knows its outcome before its last write (a record updated in place) and sends that
 * write with it; the outcome must be what its work returns. Only alongside a write that changes
 * something (the row is unconditional). Undefined outside a mutation.
 */
export function mutationAuditWrite(transaction: EntityManager, outcome: unknown): Write | undefined {
  const scope = mutationFields.getStore();
  const request = scope?.log.request;
  if (!scope || !request) return undefined;
  return {
    sql: `INSERT INTO mutation_audit (actor, role, request_id, operation, query, variables, result, errors)
          VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)`,
    parameters: committedRowValues(scope, request, outcome),
    sent: () => auditedTransactions.set(transaction, () => scope.log.fieldCommitted(scope.responseKey)),
  };
}

/** When `transaction` already wrote its audit row (`mutationAuditWrite`), what to call once it commits. */
export function auditWrittenIn(transaction: EntityManager): (() => void) | undefined {
  return auditedTransactions.get(transaction);
}

/**
 * Every mutation, with who sent it, its input (which names the decision it cites) and what it
 * answered, in the same subgraph's audit table. A change's row is written inside its own
 * transaction (`auditCommittedMutation`); this plugin names the request for it before execution,
 * and after the response writes the rows of what committed nothing: refusals, with their answer.
 */
export function mutationAuditPlugin(dataSource: DataSource): ApolloServerPlugin<MutationAuditContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          contextValue.mutationLog.request = {
            actor: contextValue.identity.subject,
            role: contextValue.identity.role,
            requestId: contextValue.requestId,
            // The gateway names subgraph operations "<client name>__<subgraph>__<n>": keep the client's.
            operation: (request.operationName ?? operation.name?.value ?? '').replace(/__\w+__\d+$/, '') || null,
            query: request.query ?? null,
            variables: request.variables ?? null,
          };
        },
        async willSendResponse({ operation, response, contextValue }) {
          const request = contextValue.mutationLog.request;
          if (
            operation?.operation !== 'mutation' ||
            !request ||
            response.body.kind !== 'single' ||
            !contextValue.mutationLog.needsAnswerRow
          )
            return;
          const { data, errors } = response.body.singleResult;
          const record = { ...request, result: data ?? null, errors: errors ? JSON.stringify(errors) : null };
          try {
            await dataSource.query(
              `INSERT INTO mutation_audit (actor, role, request_id, operation, query, variables, result, errors) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
              [
                record.actor,
                record.role,
                record.requestId,
                record.operation,
                record.query,
                JSON.stringify(record.variables ?? null),
                JSON.stringify(toAuditJson(record.result)),
                record.errors,
              ],
            );
          } catch (error) {
            // Nothing of this answer changed the database, but the attempt must not vanish: the
            // record goes to the log whole, at error level, to be restored from there.
            contextValue.logger.error({ err: error, mutationAudit: record }, 'mutation audit not written');
          }
        },
      };
    },
  };
}

@ObjectType({ description: 'A read of sensitive fields by a partner agency.' })
@Directive('@shareable')
export class ReadAuditEntry {
  @Field(() => ID) id: string;
  @Field() at: Date;
  @Field() actor: string;
  @Field(() => String, { nullable: true }) agency: string | null;
  @Field(() => String, { nullable: true }) requestId: string | null;
  @Field(() => [ID]) cadreIds: string[];
  @Field(() => [String]) fields: string[];
}

@ObjectType({ description: 'A mutation as it reached a subgraph: who, when, the input, the answer.' })
@Directive('@shareable')
export class MutationAuditEntry {
  @Field(() => ID) id: string;
  @Field() at: Date;
  @Field() actor: string;
  @Field() role: string;
  @Field(() => String, { nullable: true }) requestId: string | null;
  @Field(() => String, { nullable: true }) operation: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The operation as the subgraph received it (inline arguments included).',
  })
  query: string | null;
  @Field(() => GraphQLJSON, { nullable: true }) variables: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) result: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) errors: unknown;
}

/** audit.readEntries: newest first. */
export function findReadAudit(dataSource: DataSource, limit: number): Promise<ReadAuditEntry[]> {
  return dataSource.query(
    `SELECT id::text, at, actor, agency, request_id AS "requestId", cadre_ids AS "cadreIds", fields FROM read_audit ORDER BY id DESC LIMIT $1`,
    [limit],
  );
}

/** audit.mutationEntries: newest first. */
export function findMutationAudit(dataSource: DataSource, limit: number): Promise<MutationAuditEntry[]> {
  return dataSource.query(
    `SELECT id::text, at, actor, role, request_id AS "requestId", operation, query, variables, result, errors FROM mutation_audit ORDER BY id DESC LIMIT $1`,
    [limit],
  );
}

/** The audit tables' reads, as a repository: what resolvers get instead of the data source. */
export class AuditTrail {
  constructor(private readonly dataSource: DataSource) {}

  /** The newest `limit` partner reads of sensitive fields. */
  reads(limit: number): Promise<ReadAuditEntry[]> {
    return findReadAudit(this.dataSource, limit);
  }

  /** The newest `limit` mutations with their answers. */
  mutations(limit: number): Promise<MutationAuditEntry[]> {
    return findMutationAudit(this.dataSource, limit);
  }
}
