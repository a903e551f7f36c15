import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { TrainingContext } from '../../context';
import { Enrollment } from '../enrollment/enrollment.entity';
import { Cadre } from './cadre.type';

@Resolver(() => Cadre)
export class CadreTrainingResolver {
  @FieldResolver(() => [Enrollment], { description: 'Every class the cadre was nominated to, oldest first.' })
  trainingHistory(@Root() cadre: Cadre, @Ctx() { loaders }: TrainingContext): Promise<Enrollment[]> {
    return loaders.enrollmentsByCadreId.load(cadre.id);
  }
}
