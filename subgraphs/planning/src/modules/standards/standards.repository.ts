import { AnyOf, referenceCache } from '@cadres/subgraph-kit';
import { type DataSource } from 'typeorm';
import { RoundFlag } from '../round/round.entity';
import { DevelopmentNeed } from './development-need.entity';

export class StandardsRepository {
  /** Which programme closes which gap: a handful of rows read on every standards gap, held in memory (see ReferenceCache). */
  private readonly needs = referenceCache(this.dataSource).entity(DevelopmentNeed);

  constructor(private readonly dataSource: DataSource) {}

  /** development-need.findByKeys: keys are "CRITERION:LEVEL". */
  async findNeeds(keys: readonly string[]): Promise<DevelopmentNeed[]> {
    const all = await this.needs.all();
    if (all) {
      const wanted = new Set(keys);
      return all
        .filter((n) => wanted.has(`${n.criterion}:${n.level}`))
        .sort((a, b) => (a.programmeId < b.programmeId ? -1 : a.programmeId > b.programmeId ? 1 : 0));
    }
    const pairs = keys.map((key) => key.split(':'));
    return this.dataSource
      .getRepository(DevelopmentNeed)
      .createQueryBuilder('n')
      .where('(n.criterion, n.level) IN (SELECT * FROM unnest(CAST(:criteria AS text[]), CAST(:levels AS text[])))', {
        criteria: pairs.map((p) => p[0]),
        levels: pairs.map((p) => p[1]),
      })
      .orderBy('n.programme_id')
      .getMany();
  }

  /** round-flag.findByEntryIds */
  findFlags(entryIds: readonly string[]): Promise<RoundFlag[]> {
    return this.dataSource
      .getRepository(RoundFlag)
      .find({ where: { entryId: AnyOf(entryIds) }, order: { reason: 'ASC' } });
  }
}
