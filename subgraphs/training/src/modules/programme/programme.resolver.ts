import { payloadOf, UserError } from '@cadres/subgraph-kit';
import { Arg, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { TrainingContainer } from '../../container';
import type { TrainingContext } from '../../context';
import { policy } from '../../policy';
import { Provider } from '../training-class/provider.entity';
import { TrainingClass } from '../training-class/training-class.entity';
import { CreateProgrammeInput, CreateProviderInput } from './catalogue.inputs';
import { Programme } from './programme.entity';

@ObjectType()
export class ProgrammePayload {
  @Field(() => Programme, { nullable: true }) programme: Programme | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class ProviderPayload {
  @Field(() => Provider, { nullable: true }) provider: Provider | null;
  @Field(() => [UserError]) errors: UserError[];
}

@Resolver(() => Programme)
export class ProgrammeResolver {
  constructor(private readonly training: TrainingContainer) {}

  @Query(() => [Programme], { description: 'The training catalogue, by category then code.' })
  programmes(@Ctx() { identity }: TrainingContext): Promise<Programme[]> {
    policy.require(identity, 'readCatalogue');
    return this.training.programmes.findAll();
  }

  @Query(() => [Provider], { description: 'Institutions that run classes.' })
  providers(@Ctx() { identity }: TrainingContext): Promise<Provider[]> {
    policy.require(identity, 'readCatalogue');
    return this.training.classes.findAllProviders();
  }

  @Mutation(() => ProgrammePayload, { description: 'Adds a programme to the province’s catalogue (ADMIN).' })
  createProgramme(
    @Arg('input') input: CreateProgrammeInput,
    @Ctx() { identity }: TrainingContext,
  ): Promise<ProgrammePayload> {
    policy.require(identity, 'writeCatalogue');
    return payloadOf('programme', () => this.training.services.catalogue.createProgramme(input));
  }

  @Mutation(() => ProviderPayload, { description: 'Adds a provider to the province’s catalogue (ADMIN).' })
  createProvider(
    @Arg('input') input: CreateProviderInput,
    @Ctx() { identity }: TrainingContext,
  ): Promise<ProviderPayload> {
    policy.require(identity, 'writeCatalogue');
    return payloadOf('provider', () => this.training.services.catalogue.createProvider(input));
  }

  @FieldResolver(() => [TrainingClass], { description: 'Classes of the programme, oldest first.' })
  classes(@Root() programme: Programme, @Ctx() { loaders }: TrainingContext): Promise<TrainingClass[]> {
    return loaders.trainingClassesByProgrammeId.load(programme.id);
  }
}
