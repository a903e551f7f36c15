import { In, type DataSource } from 'typeorm';
import { RoundFlag } from '../round/round.entity';
import { DevelopmentNeed } from './development-need.entity';

export class StandardsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** development-need.findByKeys: keys are "CRITERION:LEVEL". */
  async findNeeds(keys: readonly string[]): Promise<DevelopmentNeed[]> {
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
    return this.dataSource.getRepository(RoundFlag).find({ where: { entryId: In([...entryIds]) }, order: { reason: 'ASC' } });
  }
}
