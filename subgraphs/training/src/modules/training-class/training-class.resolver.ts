import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { TrainingContext } from '../../context';
import { Programme } from '../programme/programme.entity';
import { Provider } from './provider.entity';
import { TrainingClass } from './training-class.entity';

@Resolver(() => TrainingClass)
export class TrainingClassResolver {
  @FieldResolver(() => Programme)
  programme(@Root() trainingClass: TrainingClass, @Ctx() { loaders }: TrainingContext): Promise<Programme | null> {
    return loaders.programmeById.load(trainingClass.programmeId);
  }

  @FieldResolver(() => Provider)
  provider(@Root() trainingClass: TrainingClass, @Ctx() { loaders }: TrainingContext): Promise<Provider | null> {
    return loaders.providerById.load(trainingClass.providerId);
  }
}

@Resolver(() => Programme)
export class ProgrammeClassesResolver {
  @FieldResolver(() => [TrainingClass], { description: 'Classes of the programme, oldest first.' })
  classes(@Root() programme: Programme, @Ctx() { loaders }: TrainingContext): Promise<TrainingClass[]> {
    return loaders.trainingClassesByProgrammeId.load(programme.id);
  }
}
