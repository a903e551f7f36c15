import { AnyOf, referenceCache } from '@cadres/subgraph-kit';
import { type DataSource } from 'typeorm';
import { Provider } from './provider.entity';
import { TrainingClass } from './training-class.entity';

export class TrainingClassRepository {
  /** Providers are read on nearly every training history and change rarely: held in memory (see ReferenceCache). */
  private readonly providers = referenceCache(this.dataSource).entity(Provider);

  constructor(private readonly dataSource: DataSource) {}

  /** training-class.findByIds */
  findByIds(ids: readonly string[]): Promise<TrainingClass[]> {
    return this.dataSource.getRepository(TrainingClass).findBy({ id: AnyOf(ids) });
  }

  /** training-class.findByProgrammeIds */
  findByProgrammeIds(programmeIds: readonly string[]): Promise<TrainingClass[]> {
    return this.dataSource
      .getRepository(TrainingClass)
      .find({ where: { programmeId: AnyOf(programmeIds) }, order: { startDate: 'ASC', code: 'ASC' } });
  }

  /** provider.findByIds */
  findProvidersByIds(ids: readonly string[]): Promise<Provider[]> {
    return this.providers.findByIds(ids);
  }

  /** provider.findAll */
  findAllProviders(): Promise<Provider[]> {
    return this.dataSource.getRepository(Provider).find({ order: { level: 'ASC', code: 'ASC' } });
  }
}
