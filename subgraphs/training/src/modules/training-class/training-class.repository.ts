import { AnyOf, referenceCache } from '@cadres/subgraph-kit';
import { type DataSource, type EntityManager } from 'typeorm';
import { Programme } from '../programme/programme.entity';
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

  // --- inside a write transaction ---------------------------------------------------------------

  /** A class and the programme it teaches (null: no such class). */
  async withProgramme(
    manager: EntityManager,
    classId: string,
  ): Promise<{ trainingClass: TrainingClass; programme: Programme } | null> {
    const trainingClass = await manager.getRepository(TrainingClass).findOneBy({ id: classId });
    if (!trainingClass) return null;
    return {
      trainingClass,
      programme: await manager.getRepository(Programme).findOneByOrFail({ id: trainingClass.programmeId }),
    };
  }

  byId(manager: EntityManager, id: string): Promise<TrainingClass> {
    return manager.getRepository(TrainingClass).findOneByOrFail({ id });
  }

  async insert(manager: EntityManager, trainingClass: Partial<TrainingClass>): Promise<TrainingClass> {
    const saved = await manager
      .getRepository(TrainingClass)
      .save(manager.getRepository(TrainingClass).create(trainingClass));
    return manager.getRepository(TrainingClass).findOneByOrFail({ id: saved.id });
  }

  providerExists(manager: EntityManager, id: string): Promise<boolean> {
    return manager.getRepository(Provider).existsBy({ id });
  }

  insertProvider(manager: EntityManager, provider: Partial<Provider>): Promise<Provider> {
    return manager.getRepository(Provider).save(manager.getRepository(Provider).create(provider));
  }
}
