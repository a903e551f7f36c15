import { parseId } from '@cadres/core';
import { payloadOf, UserError } from '@cadres/subgraph-kit';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { TrainingContainer } from '../../container';
import type { TrainingContext } from '../../context';
import { notFound, policy } from '../../policy';
import { CreateTrainingClassInput } from '../programme/catalogue.inputs';
import { Programme } from '../programme/programme.entity';
import { Provider } from './provider.entity';
import { TrainingClass } from './training-class.entity';

@ObjectType()
export class TrainingClassPayload {
  @Field(() => TrainingClass, { nullable: true }) trainingClass: TrainingClass | null;
  @Field(() => [UserError]) errors: UserError[];
}

@Resolver(() => TrainingClass)
export class TrainingClassResolver {
  constructor(private readonly training: TrainingContainer) {}

  @Query(() => TrainingClass, { nullable: true })
  async trainingClass(
    @Arg('id', () => ID) rawId: string,
    @Ctx() { loaders, identity }: TrainingContext,
  ): Promise<TrainingClass> {
    policy.require(identity, 'readCatalogue');
    const found = await loaders.trainingClassById.load(parseId(rawId));
    if (!found) throw notFound('TrainingClass');
    return found;
  }

  @Mutation(() => TrainingClassPayload, {
    description: 'Opens a class of a programme (ADMIN); its seats are guarded by the database.',
  })
  createTrainingClass(
    @Arg('input') input: CreateTrainingClassInput,
    @Ctx() { identity }: TrainingContext,
  ): Promise<TrainingClassPayload> {
    policy.require(identity, 'writeCatalogue');
    return payloadOf('trainingClass', () => this.training.services.catalogue.createTrainingClass(input));
  }

  /**
   * How many of the province's trainees a class holds: those who nominate need the seats left; to
   * anyone else it would be the province-wide class sizes that statistics give only over their units.
   */
  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Seats held by admitted, studying and finished trainees (ADMIN and ORGANIZER, who nominate).',
  })
  seatsTaken(@Root() trainingClass: TrainingClass, @Ctx() { identity }: TrainingContext): number {
    policy.require(identity, 'readSeats');
    return trainingClass.seatsTaken;
  }

  @FieldResolver(() => Programme)
  programme(@Root() trainingClass: TrainingClass, @Ctx() { loaders }: TrainingContext): Promise<Programme | null> {
    return loaders.programmeById.load(trainingClass.programmeId);
  }

  @FieldResolver(() => Provider)
  provider(@Root() trainingClass: TrainingClass, @Ctx() { loaders }: TrainingContext): Promise<Provider | null> {
    return loaders.providerById.load(trainingClass.providerId);
  }
}
