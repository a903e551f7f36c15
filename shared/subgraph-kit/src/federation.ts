import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap, type BuildSchemaOptions, type MiddlewareFn } from 'type-graphql';
import { mutationFieldScope } from './audit';
import { auditSensitiveReads, scopeAuthChecker } from './authorization';
import { readPlainFieldsDirectly } from './plain-fields';
import { assertFullyClassified, type FieldClassification } from './policy';
import type { SubgraphContext } from './subgraph-server';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", ' +
  'import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])';

/** One middleware for both audits (a middleware per field is a promise per field). */
const auditing: MiddlewareFn<SubgraphContext<unknown>> = (resolverData, next) =>
  resolverData.info.path.prev === undefined && resolverData.info.operation.operation === 'mutation'
    ? mutationFieldScope(resolverData, next)
    : auditSensitiveReads(resolverData, next);

/** `{ TypeName: { __resolveReference } }`, merged into the resolvers type-graphql generates. */
export type ReferenceResolvers = Record<string, Record<string, unknown>>;

/**
 * Builds a federation 2 subgraph schema from type-graphql resolvers. type-graphql keeps the
 * `@key`/`@external` directives on the AST; printing with directives and re-parsing through
 * `buildSubgraphSchema` adds `_service` and `_entities`. `__resolveReference` functions are passed
 * separately because type-graphql has no decorator for them.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers = {},
  /** The subgraph's access policy classification: a field it leaves out stops the build (deny by default). */
  policy?: { subgraph: string; classification: FieldClassification },
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    authChecker: scopeAuthChecker,
    authMode: 'error',
    ...options,
    // Every subgraph audits the same way, whatever its resolvers: each mutation in the transaction
    // of its change, each partner read of a field that needs a scope.
    globalMiddlewares: [auditing, ...(options.globalMiddlewares ?? [])],
    skipCheck: true,
  });
  // The audit is the only global middleware: on a plain field it does nothing but cost a promise.
  if (!options.globalMiddlewares?.length) readPlainFieldsDirectly(schema);
  const typeDefs = gql(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as ReferenceResolvers;
  for (const [typeName, fields] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...resolvers[typeName], ...fields };
  }
  // @apollo/subgraph 2.15 takes modules (or SDL) only: the `{ typeDefs, resolvers }` object form is gone.
  const federated = buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]);
  if (policy) assertFullyClassified(policy.subgraph, federated, policy.classification);
  return federated;
}

/** The SDL the gateway composes: what `_service { sdl }` returns. */
export function printFederatedSchema(schema: GraphQLSchema): string {
  return `${printSubgraphSchema(schema).trim()}\n`;
}
