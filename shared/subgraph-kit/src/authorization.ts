import { hasScope, Role, type Identity } from '@cadres/core';
import { getNamedType } from 'graphql';
import type { AuthChecker, MiddlewareFn, NextFn, ResolverData } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { onPrimary } from './read-replicas';

/**
 * The fields resolved for a PARTNER that needed a scope, by their resolver data (the same object
 * reaches the auth checker and then the global middlewares), for `auditSensitiveReads`.
 */
const sensitiveReads = new WeakSet<object>();

/**
 * `@Authorized(Scope.X)` on a field: the caller must hold every named scope (see `hasScope`). A
 * field that needs a scope is sensitive by that very fact: a partner's read of it is audited.
 */
/**
 * What authorization needs of a request's context (the server's `SubgraphContext` extends it; kept
 * apart so that this module does not depend on the server that uses it).
 */
export interface AuthorizationContext {
  identity: Identity;
  readLog: ReadLog;
}

export const scopeAuthChecker: AuthChecker<AuthorizationContext> = (resolverData, scopes) => {
  const granted = scopes.every((scope) => hasScope(resolverData.context.identity, scope));
  if (granted && scopes.length > 0 && resolverData.context.identity.role === Role.PARTNER)
    sensitiveReads.add(resolverData);
  return granted;
};

/** One request's partner reads, gathered while resolving and written once at the end. */
export class ReadLog {
  private readonly cadres = new Set<string>();
  private readonly fields = new Set<string>();

  add(cadreIds: string[], field: string): void {
    for (const id of cadreIds) this.cadres.add(id);
    this.fields.add(field);
  }

  get empty(): boolean {
    return this.fields.size === 0;
  }

  /** read-audit.append: append-only (the table refuses updates and deletes). */
  async write(dataSource: DataSource, identity: Identity, requestId: string): Promise<void> {
    if (this.empty) return;
    // A query's own write: never sent to a read replica with the query's reads.
    await onPrimary(() =>
      dataSource.query(
        `INSERT INTO read_audit (actor, agency, request_id, cadre_ids, fields) VALUES ($1, $2, $3, $4, $5)`,
        [identity.subject, identity.agency, requestId, [...this.cadres], [...this.fields].sort()],
      ),
    );
  }
}

/** The cadres a value concerns: a cadre's id, or the `cadreId` of a row about one (an enrollment, a planning entry). */
function cadreIdsOf(typeName: string, value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => cadreIdsOf(typeName, item));
  if (value === null || typeof value !== 'object') return [];
  const row = value as { id?: unknown; cadreId?: unknown };
  const id = typeName === 'Cadre' ? row.id : row.cadreId;
  return typeof id === 'string' ? [id] : [];
}

/**
 * Records each sensitive field (one that needs a scope) a PARTNER received, on every path: nested
 * in a dossier, through `_entities`, or as a root lookup. A root lookup (e.g. by ID number) is
 * recorded even when it found nothing: the question itself reveals what the partner looked for.
 */
export const auditSensitiveReads: MiddlewareFn<AuthorizationContext> = (resolverData, next) =>
  // Most fields are not sensitive: they pass straight through, without another promise.
  sensitiveReads.has(resolverData) ? recordSensitiveRead(resolverData, next) : next();

async function recordSensitiveRead(
  { root, info, context }: ResolverData<AuthorizationContext>,
  next: NextFn,
): Promise<unknown> {
  const field = `${info.parentType.name}.${info.fieldName}`;
  const isRootField = info.path.prev === undefined;
  if (!isRootField) {
    const result = await next();
    if (result !== null && result !== undefined) context.readLog.add(cadreIdsOf(info.parentType.name, root), field);
    return result;
  }
  const returned = getNamedType(info.returnType).name;
  try {
    const result = await next();
    context.readLog.add(cadreIdsOf(returned, result), field);
    return result;
  } catch (error) {
    context.readLog.add([], field);
    throw error;
  }
}
