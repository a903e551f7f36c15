import { AnyOf, referenceCache } from '@cadres/subgraph-kit';
import { type DataSource, type EntityManager, type Repository } from 'typeorm';
import { OrgUnit } from './org-unit.entity';

export class OrgUnitRepository {
  /** Units are read on nearly every request and change rarely: held in memory (see ReferenceCache). */
  private readonly cached = referenceCache(this.dataSource).entity(OrgUnit);

  constructor(private readonly dataSource: DataSource) {}

  private get units(): Repository<OrgUnit> {
    return this.dataSource.getRepository(OrgUnit);
  }

  /** org-unit.findByIds */
  findByIds(ids: readonly string[]): Promise<OrgUnit[]> {
    return this.cached.findByIds(ids);
  }

  /** org-unit.findByParentIds: children of many units in one statement. */
  findByParentIds(parentIds: readonly string[]): Promise<OrgUnit[]> {
    return this.units.find({ where: { parentId: AnyOf(parentIds) }, order: { code: 'ASC' } });
  }

  /** org-unit.findRoots */
  findRoots(): Promise<OrgUnit[]> {
    return this.units.createQueryBuilder('u').where('u.parent_id IS NULL').orderBy('u.code').getMany();
  }

  /** org-unit.findSubtreeIds: the units and all below them, through the path index. */
  async findSubtreeIds(ids: readonly string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM org_unit WHERE path && CAST($1 AS uuid[])`,
      [ids],
    );
    return rows.map((r) => r.id);
  }

  // --- inside a write transaction ---------------------------------------------------------------

  /** Every unit's id and code (an import matches units by code). */
  codes(manager: EntityManager): Promise<{ id: string; code: string }[]> {
    return manager.query(`/* org-unit.codes */ SELECT id, code FROM org_unit`);
  }

  /** org-unit.byId as the transaction sees it. */
  byId(manager: EntityManager, id: string): Promise<OrgUnit | null> {
    return manager.getRepository(OrgUnit).findOneBy({ id });
  }

  /** org-unit.existingIds: which of these units exist, as the transaction sees them (one statement for a batch). */
  async existingIds(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { id: string }[] = await manager.query(
      `/* org-unit.existingIds */ SELECT id FROM org_unit WHERE id = ANY(CAST($1 AS uuid[]))`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }
}
