import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { TrainingContext } from '../../context';
import { Programme } from '../programme/programme.entity';
import { TrainingClass, TrainingMode } from '../training-class/training-class.entity';
import { Enrollment } from './enrollment.entity';

@Resolver(() => Enrollment)
export class EnrollmentResolver {
  @FieldResolver(() => TrainingClass, { name: 'class' })
  trainingClass(@Root() enrollment: Enrollment, @Ctx() { loaders }: TrainingContext): Promise<TrainingClass | null> {
    return loaders.trainingClassById.load(enrollment.classId);
  }

  @FieldResolver(() => Programme)
  async programme(@Root() enrollment: Enrollment, @Ctx() { loaders }: TrainingContext): Promise<Programme | null> {
    const trainingClass = await loaders.trainingClassById.load(enrollment.classId);
    return trainingClass && loaders.programmeById.load(trainingClass.programmeId);
  }

  @FieldResolver(() => TrainingMode)
  async mode(@Root() enrollment: Enrollment, @Ctx() { loaders }: TrainingContext): Promise<TrainingMode | undefined> {
    return (await loaders.trainingClassById.load(enrollment.classId))?.mode;
  }
}
