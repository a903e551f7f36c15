import { In, type DataSource, type Repository } from 'typeorm';
import { OrgUnit } from './org-unit.entity';

export class OrgUnitRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get units(): Repository<OrgUnit> {
    return this.dataSource.getRepository(OrgUnit);
  }

  /** org-unit.findByIds */
  findByIds(ids: readonly string[]): Promise<OrgUnit[]> {
    return this.units.findBy({ id: In([...ids]) });
  }

  /** org-unit.findByParentIds: children of many units in one statement. */
  findByParentIds(parentIds: readonly string[]): Promise<OrgUnit[]> {
    return this.units.find({ where: { parentId: In([...parentIds]) }, order: { code: 'ASC' } });
  }

  /** org-unit.findRoots */
  findRoots(): Promise<OrgUnit[]> {
    return this.units.createQueryBuilder('u').where('u.parent_id IS NULL').orderBy('u.code').getMany();
  }
}
