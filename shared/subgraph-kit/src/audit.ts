import 'reflect-metadata';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLJSON } from 'graphql-scalars';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { DataSource, QueryRunner } from 'typeorm';
import type { SubgraphContext } from './subgraph-server';

/**
 * The audit tables every subgraph keeps in its own schema: reads of sensitive fields by partner
 * agencies, and every mutation. Both are append-only, enforced by the database.
 */
export async function createAuditTables(db: QueryRunner, schema: string, tables: { reads: boolean; mutations: boolean }): Promise<void> {
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
    await db.query(`CREATE TRIGGER read_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${schema}.read_audit FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.refuse_audit_change()`);
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
    await db.query(`CREATE TRIGGER mutation_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${schema}.mutation_audit FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.refuse_audit_change()`);
  }
}

/**
 * Every mutation, with who sent it, its input (which names the decision it cites) and what it
 * answered (the record after the change, or the refusal), in the same subgraph's audit table.
 */
export function mutationAuditPlugin(dataSource: DataSource): ApolloServerPlugin<SubgraphContext<unknown>> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, request, response, contextValue }) {
          if (operation?.operation !== 'mutation' || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          const record = {
            actor: contextValue.identity.subject,
            role: contextValue.identity.role,
            requestId: contextValue.requestId,
            // The gateway names subgraph operations "<client name>__<subgraph>__<n>": keep the client's.
            operation: (request.operationName ?? operation.name?.value ?? '').replace(/__\w+__\d+$/, '') || null,
            query: request.query ?? null,
            variables: request.variables ?? null,
            result: data ?? null,
            errors: errors ? JSON.stringify(errors) : null,
          };
          try {
            await dataSource.query(
              `INSERT INTO mutation_audit (actor, role, request_id, operation, query, variables, result, errors) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
              [record.actor, record.role, record.requestId, record.operation, record.query, record.variables, record.result, record.errors],
            );
          } catch (error) {
            // The change has committed: failing the answer now would tell the client it had not,
            // and invite the same write again. The record goes to the log whole instead, at error
            // level, to be restored from there.
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
  @Field(() => String, { nullable: true, description: 'The operation as the subgraph received it (inline arguments included).' }) query: string | null;
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
