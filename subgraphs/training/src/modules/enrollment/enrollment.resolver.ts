import { payloadOf, UserError } from '@cadres/subgraph-kit';
import { Arg, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { TrainingServices } from '../../container';
import type { TrainingContext } from '../../context';
import { policy } from '../../policy';
import { Programme } from '../programme/programme.entity';
import { Provider } from '../training-class/provider.entity';
import { TrainingClass, TrainingMode } from '../training-class/training-class.entity';
import { Enrollment } from './enrollment.entity';
import { BreakCommitmentInput, ChangeEnrollmentStatusInput, FeedbackInput, NominateInput } from './enrollment.inputs';
import { StudyCommitment } from './study-commitment.entity';

@ObjectType()
export class EnrollmentPayload {
  @Field(() => Enrollment, { nullable: true }) enrollment: Enrollment | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class StudyCommitmentPayload {
  @Field(() => StudyCommitment, { nullable: true }) commitment: StudyCommitment | null;
  @Field(() => [UserError]) errors: UserError[];
}

@Resolver(() => Enrollment)
export class EnrollmentResolver {
  constructor(private readonly services: TrainingServices) {}

  @Mutation(() => EnrollmentPayload, {
    description: 'Nominates a cadre to a class, checking quota and eligibility (rules 2, 4, 5).',
  })
  nominate(
    @Arg('input') input: NominateInput,
    @Ctx() { requestId, identity }: TrainingContext,
  ): Promise<EnrollmentPayload> {
    policy.require(identity, 'writeCadreTraining');
    return payloadOf('enrollment', () => this.services.enrollments.nominate(input, { requestId, identity }));
  }

  @Mutation(() => EnrollmentPayload, {
    description: 'Admits, starts, completes (granting the qualification once), fails, defers or withdraws.',
  })
  changeEnrollmentStatus(
    @Arg('input') input: ChangeEnrollmentStatusInput,
    @Ctx() { identity, requestId }: TrainingContext,
  ): Promise<EnrollmentPayload> {
    policy.require(identity, 'writeCadreTraining');
    return payloadOf('enrollment', async () => {
      await this.services.enrollments.requireVisibleEnrollment(input.enrollmentId, { identity, requestId });
      return this.services.enrollments.changeStatus(input);
    });
  }

  @Mutation(() => EnrollmentPayload, { description: 'A trainee’s feedback on a class they attended.' })
  giveClassFeedback(
    @Arg('input') input: FeedbackInput,
    @Ctx() { identity, requestId }: TrainingContext,
  ): Promise<EnrollmentPayload> {
    policy.require(identity, 'writeCadreTraining');
    return payloadOf('enrollment', async () => {
      await this.services.enrollments.requireVisibleEnrollment(input.enrollmentId, { identity, requestId });
      return this.services.enrollments.giveFeedback(input);
    });
  }

  @Mutation(() => StudyCommitmentPayload, {
    description: 'Records that a postgraduate left before serving their commitment, with the compensation due.',
  })
  breakStudyCommitment(
    @Arg('input') input: BreakCommitmentInput,
    @Ctx() { identity, requestId }: TrainingContext,
  ): Promise<StudyCommitmentPayload> {
    policy.require(identity, 'writeCadreTraining');
    return payloadOf('commitment', async () => {
      await this.services.enrollments.requireVisibleEnrollment(input.enrollmentId, { identity, requestId });
      return this.services.enrollments.breakCommitment(input);
    });
  }

  @FieldResolver(() => TrainingClass, { name: 'class' })
  trainingClass(@Root() enrollment: Enrollment, @Ctx() { loaders }: TrainingContext): Promise<TrainingClass | null> {
    return loaders.trainingClassById.load(enrollment.classId);
  }

  @FieldResolver(() => Programme)
  async programme(@Root() enrollment: Enrollment, @Ctx() { loaders }: TrainingContext): Promise<Programme | null> {
    const trainingClass = await loaders.trainingClassById.load(enrollment.classId);
    return trainingClass && loaders.programmeById.load(trainingClass.programmeId);
  }

  @FieldResolver(() => Provider)
  async provider(@Root() enrollment: Enrollment, @Ctx() { loaders }: TrainingContext): Promise<Provider | null> {
    const trainingClass = await loaders.trainingClassById.load(enrollment.classId);
    return trainingClass && loaders.providerById.load(trainingClass.providerId);
  }

  @FieldResolver(() => TrainingMode)
  async mode(@Root() enrollment: Enrollment, @Ctx() { loaders }: TrainingContext): Promise<TrainingMode | undefined> {
    return (await loaders.trainingClassById.load(enrollment.classId))?.mode;
  }

  @FieldResolver(() => StudyCommitment, {
    nullable: true,
    description: 'The service commitment of a postgraduate enrollment.',
  })
  studyCommitment(
    @Root() enrollment: Enrollment,
    @Ctx() { loaders }: TrainingContext,
  ): Promise<StudyCommitment | null> {
    return loaders.commitmentByEnrollmentId.load(enrollment.id);
  }
}
