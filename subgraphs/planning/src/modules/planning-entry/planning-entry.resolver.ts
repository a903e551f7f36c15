import { ForbiddenError, NotFoundError, parseId, requireWriter, Role, Scope, unitInScope } from '@cadres/core';
import { payloadOf, UserError } from '@cadres/subgraph-kit';
import { Arg, Authorized, Ctx, Directive, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { PlanningContext, PlanningRepositories } from '../../context';
import { Cadre } from '../cadre/cadre.type';
import { PlannedTitle } from '../planned-title/planned-title.entity';
import { RoundFlag } from '../round/round.entity';
import { Programme, StandardsGap, unmetCriteria, type StandardFacts } from '../standards/standards-gap';
import { Term } from '../term/term.entity';
import { Title } from '../title/title.type';
import { AddPlanningEntryInput, PlanningDecisionInput, RemovePlanningEntryInput } from './planning-entry.inputs';
import { PlanningEntry } from './planning-entry.entity';

/**
 * Writes about a planned title: ORGANIZER for the titles of units in their subtrees; the province's
 * own titles (no unit) are the Standing Committee's, so ADMIN's.
 */
export function requirePlannedTitleWritable(context: PlanningContext, plannedTitle: { orgUnitId: string | null }): void {
  requireWriter(context.identity);
  if (context.identity.role === Role.ADMIN || context.identity.role === Role.SERVICE) return;
  if (plannedTitle.orgUnitId === null || !unitInScope(context.identity, plannedTitle.orgUnitId)) {
    throw new ForbiddenError('This planned title is outside your organisation subtree.');
  }
}

async function requireEntryWritable(context: PlanningContext, rawEntryId: string): Promise<void> {
  const entry = await context.loaders.entryById.load(parseId(rawEntryId, 'entryId'));
  const plannedTitle = entry && (await context.loaders.plannedTitleById.load(entry.plannedTitleId));
  if (!plannedTitle) throw new NotFoundError('PlanningEntry', rawEntryId);
  requirePlannedTitleWritable(context, plannedTitle);
}

/**
 * A planned title's candidates, for the province's own staff: planning knows each candidate only by
 * id, so the title's unit decides (a province-wide title is seen by everyone with a subtree).
 */
export async function visibleCandidates(context: PlanningContext, plannedTitle: PlannedTitle): Promise<PlanningEntry[]> {
  if (context.identity.role === Role.PARTNER) throw new ForbiddenError('Partner agencies read planning through a cadre they may see.');
  if (plannedTitle.orgUnitId !== null && !unitInScope(context.identity, plannedTitle.orgUnitId)) return [];
  return context.loaders.entriesByPlannedTitleId.load(plannedTitle.id);
}

@ObjectType()
export class PlanningEntryPayload {
  @Field(() => PlanningEntry, { nullable: true }) entry: PlanningEntry | null;
  @Field(() => [UserError]) errors: UserError[];
}

/** An entry as `_entities` hands it over: with what the gateway fetched for `@requires`. */
export type EntryWithRequired = PlanningEntry & { required?: StandardFacts };

const STANDARDS_REQUIRE =
  'cadre { politicalTheoryLevel stateManagementLevel highestDegree grade } ' +
  'title { minPoliticalTheoryLevel minStateManagementLevel minEducation minGrade }';

@Resolver(() => PlanningEntry)
export class PlanningEntryResolver {
  constructor(private readonly planning: PlanningRepositories) {}

  @Mutation(() => PlanningEntryPayload, { description: 'Proposes a cadre for a planned title (rules 14 and 15).' })
  async addPlanningEntry(@Arg('input') input: AddPlanningEntryInput, @Ctx() context: PlanningContext): Promise<PlanningEntryPayload> {
    const { requestId, identity } = context;
    const plannedTitle = await context.loaders.plannedTitleById.load(parseId(input.plannedTitleId, 'plannedTitleId'));
    if (plannedTitle) requirePlannedTitleWritable(context, plannedTitle);
    return payloadOf('entry', () => this.planning.services.entries.add(input, { requestId, identity }));
  }

  @Mutation(() => PlanningEntryPayload, { description: 'Approves a proposed entry by a decision.' })
  async approvePlanningEntry(@Arg('input') input: PlanningDecisionInput, @Ctx() context: PlanningContext): Promise<PlanningEntryPayload> {
    await requireEntryWritable(context, input.entryId);
    return payloadOf('entry', () => this.planning.services.entries.approve(input));
  }

  @Mutation(() => PlanningEntryPayload, { description: 'Marks an approved entry realised: the cadre was appointed.' })
  async realisePlanningEntry(@Arg('input') input: PlanningDecisionInput, @Ctx() context: PlanningContext): Promise<PlanningEntryPayload> {
    await requireEntryWritable(context, input.entryId);
    return payloadOf('entry', () => this.planning.services.entries.realise(input));
  }

  @Mutation(() => PlanningEntryPayload, { description: 'Removes an entry by a decision, with its reason.' })
  async removePlanningEntry(@Arg('input') input: RemovePlanningEntryInput, @Ctx() context: PlanningContext): Promise<PlanningEntryPayload> {
    await requireEntryWritable(context, input.entryId);
    return payloadOf('entry', () => this.planning.services.entries.remove(input));
  }

  @Query(() => [PlanningEntry], { description: 'The candidates of a planned title, by rank.' })
  async candidates(@Arg('plannedTitleId', () => ID) plannedTitleId: string, @Ctx() context: PlanningContext): Promise<PlanningEntry[]> {
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
  @FieldResolver(() => [RoundFlag], { nullable: true, description: 'Review flags raised on this entry. Needs discipline:read and evaluation:read.' })
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
  async standardsGap(@Root() entry: EntryWithRequired, @Ctx() { loaders }: PlanningContext): Promise<StandardsGap | null> {
    if (!entry.required) return null;
    const unmet = unmetCriteria(entry.required);
    const lacking = await Promise.all(
      unmet.map(async (item) => ({
        ...item,
        closingProgrammes: (await loaders.programmeIdsByNeed.load(`${item.criterion}:${item.required}`)).map((id): Programme => ({ id })),
      })),
    );
    return { meetsStandard: lacking.length === 0, lacking };
  }
}
