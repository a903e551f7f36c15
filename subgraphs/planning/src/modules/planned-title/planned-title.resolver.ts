import { parseId } from '@cadres/core';
import { payloadOf, UserError } from '@cadres/subgraph-kit';
import { Arg, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { PlanningContainer } from '../../container';
import type { PlanningContext } from '../../context';
import { authorizePlannedTitleWrite, plannedTitleVisible, policy } from '../../policy';
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
  constructor(private readonly planning: PlanningContainer) {}

  @Mutation(() => PlannedTitlePayload, {
    description:
      'Plans a personnel title for a term, with its candidate slots (a unit’s: ORGANIZER of that unit; the province’s own: ADMIN).',
  })
  planTitle(@Arg('input') input: PlanTitleInput, @Ctx() context: PlanningContext): Promise<PlannedTitlePayload> {
    const { requestId, identity } = context;
    return payloadOf('plannedTitle', async () => {
      // Another unit answers as an unknown one; the province's own titles are ADMIN's.
      authorizePlannedTitleWrite(
        identity,
        { orgUnitId: input.orgUnitId ? parseId(input.orgUnitId, 'orgUnitId') : null },
        'orgUnitId',
        'OrgUnit',
      );
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
}

/** A term's planned titles: the planned-title feature adds this field to Term (terms know nothing of planned titles). */
@Resolver(() => Term)
export class TermPlannedTitlesResolver {
  constructor(private readonly planning: PlanningContainer) {}

  @FieldResolver(() => [PlannedTitle], {
    description: 'The term’s planned titles: the province’s own, and those of units in your subtrees.',
  })
  async plannedTitles(@Root() term: Term, @Ctx() { identity }: PlanningContext): Promise<PlannedTitle[]> {
    policy.require(identity, 'readPlannedTitle');
    return (await this.planning.plannedTitles.findByTerm(term.id)).filter((plannedTitle) =>
      plannedTitleVisible(identity, plannedTitle),
    );
  }
}
