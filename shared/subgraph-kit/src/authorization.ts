import { hasScope, Role, type Identity } from '@cadres/core';
import type { AuthChecker, MiddlewareFn } from 'type-graphql';
import type { DataSource } from 'typeorm';
import type { SubgraphContext } from './subgraph-server';

/** `@Authorized(Scope.X)` on a field: the caller must hold every named scope (see `hasScope`). */
export const scopeAuthChecker: AuthChecker<SubgraphContext<unknown>> = ({ context }, scopes) =>
  scopes.every((scope) => hasScope(context.identity, scope));

/** Sensitive fields whose reads by a PARTNER are recorded, per type, with how to find the cadre concerned. */
export type AuditedFields = Record<string, { fields: string[]; cadreIdOf: (root: Record<string, unknown>) => string | undefined }>;

/** One request's partner reads, gathered while resolving and written once at the end. */
export class ReadLog {
  private readonly cadres = new Set<string>();
  private readonly fields = new Set<string>();

  add(cadreId: string | undefined, field: string): void {
    if (cadreId) this.cadres.add(cadreId);
    this.fields.add(field);
  }

  get empty(): boolean {
    return this.fields.size === 0;
  }

  /** read-audit.append: append-only (the table refuses updates and deletes). */
  async write(dataSource: DataSource, identity: Identity, requestId: string): Promise<void> {
    if (this.empty) return;
    await dataSource.query(
      `INSERT INTO read_audit (actor, agency, request_id, cadre_ids, fields) VALUES ($1, $2, $3, $4, $5)`,
      [identity.subject, identity.agency, requestId, [...this.cadres], [...this.fields].sort()],
    );
  }
}

/** Records each audited field a PARTNER actually received. */
export function auditPartnerReads(audited: AuditedFields): MiddlewareFn<SubgraphContext<unknown>> {
  return async ({ root, info, context }, next) => {
    const result = await next();
    const entry = audited[info.parentType.name];
    if (context.identity.role === Role.PARTNER && entry?.fields.includes(info.fieldName) && result !== null && result !== undefined) {
      context.readLog.add(entry.cadreIdOf(root as Record<string, unknown>), `${info.parentType.name}.${info.fieldName}`);
    }
    return result;
  };
}
