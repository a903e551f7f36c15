import { parseId, Scope } from '@cadres/core';
import { payloadOf, UserError } from '@cadres/subgraph-kit';
import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { PlanningContainer } from '../../container';
import type { PlanningContext } from '../../context';
import { authorizePlannedTitleWrite, entryVisible, notFound, plannedTitleVisible, policy } from '../../policy';
import { Cadre } from '../cadre/cadre.type';
import { PlannedTitle } from '../planned-title/planned-title.entity';
import { RoundFlag } from '../round/round.entity';
import { Programme, StandardsGap, unmetCriteria, type StandardFacts } from '../standards/standards-gap';
import { Term } from '../term/term.entity';
import { Title } from '../title/title.type';
import { AddPlanningEntryInput, PlanningDecisionInput, RemovePlanningEntryInput } from './planning-entry.inputs';
import { PlanningEntry } from './planning-entry.entity';

/**
 * An entry the caller may change: it exists, they see it (its candidate is in their subtrees) and
 * they may plan its title. A missing entry, another unit's entry and another unit's title all
 * answer the same NOT_FOUND; the province's own titles answer FORBIDDEN to an ORGANIZER, who sees them.
 */
async function requireEntryWritable(context: PlanningContext, rawEntryId: string): Promise<void> {
  policy.require(context.identity, 'writeEntry');
  const entry = await context.loaders.entryById.load(parseId(rawEntryId, 'entryId'));
  const plannedTitle =
    entry && entryVisible(context.identity, entry, undefined, 'writeEntry')
      ? await context.loaders.plannedTitleById.load(entry.plannedTitleId)
      : null;
  if (!plannedTitle) throw notFound('PlanningEntry', 'entryId');
  authorizePlannedTitleWrite(context.identity, plannedTitle, 'entryId', 'PlanningEntry');
}

/**
 * A planned title's candidates, for the province's own staff: each candidate only where the caller
 * may see them (the policy's `entryVisible`), filtered in memory from the one batched load.
 */
async function visibleCandidates(context: PlanningContext, plannedTitle: PlannedTitle): Promise<PlanningEntry[]> {
  policy.require(context.identity, 'listCandidates');
  if (!plannedTitleVisible(context.identity, plannedTitle)) return [];
  return (await context.loaders.entriesByPlannedTitleId.load(plannedTitle.id)).filter((entry) =>
    entryVisible(context.identity, entry),
  );
}

/** Runs a write about an entry, its refusals — not found and out of scope alike — in the payload. */
function entryWrite(
  context: PlanningContext,
  entryId: string,
  run: () => Promise<PlanningEntry>,
): Promise<PlanningEntryPayload> {
  return payloadOf('entry', async () => {
    await requireEntryWritable(context, entryId);
    return run();
  });
}

@ObjectType()
export class PlanningEntryPayload {
  @Field(() => PlanningEntry, { nullable: true }) entry: PlanningEntry | null;
  @Field(() => [UserError]) errors: UserError[];
}

/** An entry as `_entities` hands it over: with what the gateway fetched for `@requires`. */
export type EntryWithRequired = PlanningEntry & { required?: StandardFacts };

const STANDARDS_REQUIRE =
  'cadre { orgUnit { id } politicalTheoryLevel stateManagementLevel highestDegree grade } ' +
  'title { minPoliticalTheoryLevel minStateManagementLevel minEducation minGrade }';

@Resolver(() => PlanningEntry)
export class PlanningEntryResolver {
  constructor(private readonly planning: PlanningContainer) {}

  @Mutation(() => PlanningEntryPayload, { description: 'Proposes a cadre for a planned title (rules 14 and 15).' })
  async addPlanningEntry(
    @Arg('input') input: AddPlanningEntryInput,
    @Ctx() context: PlanningContext,
  ): Promise<PlanningEntryPayload> {
    const { requestId, identity } = context;
    policy.require(identity, 'writeEntry');
    return payloadOf('entry', async () => {
      const plannedTitle = await context.loaders.plannedTitleById.load(parseId(input.plannedTitleId, 'plannedTitleId'));
      if (!plannedTitle) throw notFound('PlannedTitle', 'plannedTitleId');
      authorizePlannedTitleWrite(identity, plannedTitle, 'plannedTitleId', 'PlannedTitle');
      return this.planning.services.entries.add(input, { requestId, identity });
    });
  }

  @Mutation(() => PlanningEntryPayload, { description: 'Approves a proposed entry by a decision.' })
  async approvePlanningEntry(
    @Arg('input') input: PlanningDecisionInput,
    @Ctx() context: PlanningContext,
  ): Promise<PlanningEntryPayload> {
    return entryWrite(context, input.entryId, () => this.planning.services.entries.approve(input));
  }

  @Mutation(() => PlanningEntryPayload, {
    description:
      'Marks an approved entry realised by the appointment to its title in the cadre’s career (asked of personnel); refused NO_MATCHING_APPOINTMENT without one.',
  })
  async realisePlanningEntry(
    @Arg('input') input: PlanningDecisionInput,
    @Ctx() context: PlanningContext,
  ): Promise<PlanningEntryPayload> {
    return entryWrite(context, input.entryId, () =>
      this.planning.services.entries.realise(input, { requestId: context.requestId, identity: context.identity }),
    );
  }

  @Mutation(() => PlanningEntryPayload, { description: 'Removes an entry by a decision, with its reason.' })
  async removePlanningEntry(
    @Arg('input') input: RemovePlanningEntryInput,
    @Ctx() context: PlanningContext,
  ): Promise<PlanningEntryPayload> {
    return entryWrite(context, input.entryId, () => this.planning.services.entries.remove(input));
  }

  @Query(() => [PlanningEntry], { description: 'The candidates of a planned title, by rank.' })
  async candidates(
    @Arg('plannedTitleId', () => ID) plannedTitleId: string,
    @Ctx() context: PlanningContext,
  ): Promise<PlanningEntry[]> {
    policy.require(context.identity, 'listCandidates');
    // Another unit's title answers as an unknown one does: no candidates.
    const plannedTitle = await context.loaders.plannedTitleById.load(parseId(plannedTitleId, 'plannedTitleId'));
    return plannedTitle ? visibleCandidates(context, plannedTitle) : [];
  }

  // Nullable, like every reference whose content another subgraph gives (README, "Fault
  // tolerance: the gateway"): with personnel out, the reference nulls, not the entry or its list.
  @FieldResolver(() => Cadre, { nullable: true })
  cadre(@Root() entry: PlanningEntry): Cadre {
    return { id: entry.cadreId };
  }

  @FieldResolver(() => Title, { nullable: true, description: 'The planned title, resolved by the personnel subgraph.' })
  title(@Root() entry: PlanningEntry): Title {
    return { id: entry.titleId };
  }

  @FieldResolver(() => Term)
  term(@Root() entry: PlanningEntry, @Ctx() { loaders }: PlanningContext): Promise<Term | null> {
    return loaders.termById.load(entry.termId);
  }

  @FieldResolver(() => PlannedTitle)
  plannedTitle(@Root() entry: PlanningEntry, @Ctx() { loaders }: PlanningContext): Promise<PlannedTitle | null> {
    return loaders.plannedTitleById.load(entry.plannedTitleId);
  }

  // Flags name discipline and ratings: the scopes of those fields.
  @Authorized(Scope.DISCIPLINE, Scope.EVALUATION)
  @FieldResolver(() => [RoundFlag], {
    nullable: true,
    description: 'Review flags raised on this entry. Needs discipline:read and evaluation:read.',
  })
  reviewFlags(@Root() entry: PlanningEntry, @Ctx() { loaders }: PlanningContext): Promise<RoundFlag[]> {
    return loaders.flagsByEntryId.load(entry.id);
  }

  /**
   * What the cadre still lacks against the title's standard. The inputs belong to the other two
   * subgraphs — levels from training, degree and grade from personnel, the standard from
   * personnel — so the gateway fetches them and hands them over through `@requires`.
   */
  @Authorized(Scope.STANDARDS_GAP)
  @FieldResolver(() => StandardsGap, { nullable: true, description: 'Needs standards:read.' })
  @Directive(`@requires(fields: "${STANDARDS_REQUIRE}")`)
  async standardsGap(
    @Root() entry: EntryWithRequired,
    @Ctx() { loaders }: PlanningContext,
  ): Promise<StandardsGap | null> {
    if (!entry.required) return null;
    const unmet = unmetCriteria(entry.required);
    const lacking = await Promise.all(
      unmet.map(async (item) => ({
        ...item,
        closingProgrammes: (await loaders.programmeIdsByNeed.load(`${item.criterion}:${item.required}`)).map(
          (id): Programme => ({ id }),
        ),
      })),
    );
    return { meetsStandard: lacking.length === 0, lacking };
  }
}

/** A planned title's candidates: the planning-entry feature adds this field to PlannedTitle (planned titles know nothing of entries). */
@Resolver(() => PlannedTitle)
export class PlannedTitleCandidatesResolver {
  @FieldResolver(() => [PlanningEntry], { description: 'Its candidates, by rank.' })
  candidates(@Root() plannedTitle: PlannedTitle, @Ctx() context: PlanningContext): Promise<PlanningEntry[]> {
    return visibleCandidates(context, plannedTitle);
  }
}
