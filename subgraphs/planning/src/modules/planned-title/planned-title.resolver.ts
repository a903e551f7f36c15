import { parseId } from '@cadres/core';
import { payloadOf, UserError } from '@cadres/subgraph-kit';
import { Arg, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { PlanningContext, PlanningRepositories } from '../../context';
import { PlanningEntry } from '../planning-entry/planning-entry.entity';
import { visibleCandidates } from '../planning-entry/planning-entry.resolver';
import { authorizePlannedTitleWrite } from '../../policy';
import { Term } from '../term/term.entity';
import { Title } from '../title/title.type';
import { PlannedTitle } from './planned-title.entity';
import { PlanTitleInput } from './planned-title.inputs';

@ObjectType()
export class PlannedTitlePayload {
  @Field(() => PlannedTitle, { nullable: true }) plannedTitle: PlannedTitle | null;
  @Field(() => [UserError]) errors: UserError[];
}

@Resolver(() => PlannedTitle)
export class PlannedTitleResolver {
  constructor(private readonly planning: PlanningRepositories) {}

  @Mutation(() => PlannedTitlePayload, { description: 'Plans a personnel title for a term, with its candidate slots (a unit’s: ORGANIZER of that unit; the province’s own: ADMIN).' })
  planTitle(@Arg('input') input: PlanTitleInput, @Ctx() context: PlanningContext): Promise<PlannedTitlePayload> {
    const { requestId, identity } = context;
    return payloadOf('plannedTitle', async () => {
      // Another unit answers as an unknown one; the province's own titles are ADMIN's.
      authorizePlannedTitleWrite(identity, { orgUnitId: input.orgUnitId ? parseId(input.orgUnitId, 'orgUnitId') : null }, 'orgUnitId', 'OrgUnit');
      return this.planning.services.plannedTitles.plan(input, requestId);
    });
  }

  // Nullable: personnel resolves it; with personnel out the title nulls, not the planned title.
  @FieldResolver(() => Title, { nullable: true })
  title(@Root() plannedTitle: PlannedTitle): Title {
    return { id: plannedTitle.titleId };
  }

  @FieldResolver(() => Term)
  term(@Root() plannedTitle: PlannedTitle, @Ctx() { loaders }: PlanningContext): Promise<Term | null> {
    return loaders.termById.load(plannedTitle.termId);
  }

  @FieldResolver(() => [PlanningEntry], { description: 'Its candidates, by rank.' })
  candidates(@Root() plannedTitle: PlannedTitle, @Ctx() context: PlanningContext): Promise<PlanningEntry[]> {
    return visibleCandidates(context, plannedTitle);
  }
}
