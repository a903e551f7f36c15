import { BadInputError, isUuid, parseId, Scope } from '@cadres/core';
import type { GraphQLResolveInfo } from 'graphql';
import { payloadOf } from '@cadres/subgraph-kit';
import { LocalDateResolver } from 'graphql-scalars';
import {
  Arg,
  Authorized,
  Ctx,
  Float,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { cadreUnitFor, requireAction, requireCadreWritable } from '../../access';
import { personnelPolicy } from '../../policy';
import type { PersonnelServices } from '../../container';
import { actorOf, type PersonnelContext } from '../../context';
import { Assignment } from '../appointment/appointment.entity';
import { CareerEvent, type Retirement } from '../career/career.type';
import { Discipline } from '../discipline/discipline.entity';
import { Evaluation } from '../evaluation/evaluation.entity';
import type { Mobility } from '../mobility/mobility.entity';
import { OrgUnit } from '../org-unit/org-unit.entity';
import { today } from '@cadres/core';
import { retirementDateOf, yearsOfServiceLeft } from '../rules/eligibility';
import { EducationLevel } from '../title/title.enums';
import { Degree, FamilyMember } from './cadre-details.entity';
import { Cadre } from './cadre.entity';
import { listKindsAsked } from './cadre-lists.lookahead';
import { CadreFilter, CadreOrder, CadreOrderField, CreateCadreInput, UpdateCadreInput } from './cadre.inputs';
import type { CadreWithUnit } from './cadre.entity';
import { CadreConnection, CadrePayload } from './cadre.type';

const EDUCATION_ORDER = [
  EducationLevel.COLLEGE,
  EducationLevel.BACHELOR,
  EducationLevel.MASTER,
  EducationLevel.DOCTORATE,
];

/** The record keeps what a cancelled decision did (rule 13), marked; a reader may ask to leave it out. */
function withoutCancelledUnless<T extends { cancelled: boolean }>(includeCancelled: boolean, records: T[]): T[] {
  return includeCancelled ? records : records.filter((r) => !r.cancelled);
}

@Resolver(() => Cadre)
export class CadreResolver {
  constructor(private readonly services: PersonnelServices) {}

  @Query(() => Cadre, {
    nullable: true,
    description: 'One cadre; NOT_FOUND when no cadre has this id (or none the caller may see).',
  })
  async cadre(
    @Arg('id', () => ID) id: string,
    @Ctx() context: PersonnelContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Cadre> {
    // A dossier's lists come with its record, in the statement the scope check below makes.
    if (isUuid(id)) context.loaders.cadreListsWanted(id.toLowerCase(), listKindsAsked(info));
    // Outside the caller's subtrees a cadre does not exist for them: the same NOT_FOUND.
    await cadreUnitFor(context, 'readCadre', id, 'id');
    return this.services.cadres.get(id, context.loaders);
  }

  @Authorized(Scope.PERSONAL_ID)
  @Query(() => Cadre, {
    nullable: true,
    description: 'The cadre with this 12-digit personal identification number. Needs pii:read.',
  })
  async cadreByPersonalId(
    @Arg('personalIdNumber') personalIdNumber: string,
    @Ctx() context: PersonnelContext,
  ): Promise<Cadre> {
    requireAction(context, 'lookUpByPersonalId');
    const cadre = await this.services.cadres.findByPersonalId(personalIdNumber);
    // A number nobody has and a number of a cadre outside the subtrees get one answer: an oracle
    // over the register's key otherwise.
    const unitId = cadre ? await context.loaders.effectiveUnitIdByCadreId.load(cadre.id) : null;
    personnelPolicy.require(context.identity, 'lookUpByPersonalId', unitId);
    return cadre as Cadre;
  }

  @Query(() => CadreConnection, {
    description: 'Cadres matching a filter, a page at a time (by name unless ordered otherwise).',
  })
  cadres(
    @Arg('filter', () => CadreFilter, { nullable: true }) filter: CadreFilter | undefined,
    @Arg('orderBy', () => CadreOrder, { nullable: true }) orderBy: CadreOrder | undefined,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() { identity }: PersonnelContext,
  ): Promise<CadreConnection> {
    personnelPolicy.require(identity, 'listCadres');
    // Filtering by Party membership would reveal it: it takes the same scope as reading it.
    if (filter?.partyMember != null) personnelPolicy.require(identity, 'filterByPartyMembership');
    // Ordering by the number reveals the numbers' order (and a cursor carries one): the scope of reading them.
    if (orderBy?.field === CadreOrderField.PERSONAL_ID_NUMBER) personnelPolicy.require(identity, 'orderByPersonalId');
    return this.services.cadres.list({ ...filter }, orderBy ?? undefined, first, after ?? undefined, identity.units);
  }

  @Mutation(() => CadrePayload, { description: 'Adds a cadre record; every field problem is reported at once.' })
  createCadre(@Arg('input') input: CreateCadreInput, @Ctx() context: PersonnelContext): Promise<CadrePayload> {
    personnelPolicy.require(context.identity, 'createCadreInUnit', parseId(input.orgUnitId, 'orgUnitId'));
    return payloadOf('cadre', () => this.services.cadres.create(input, actorOf(context)));
  }

  @Mutation(() => CadrePayload, { description: 'Changes the given fields of a cadre record.' })
  async updateCadre(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateCadreInput,
    @Ctx() context: PersonnelContext,
  ): Promise<CadrePayload> {
    await requireCadreWritable(context, id);
    return payloadOf('cadre', () => this.services.cadres.update(id, input, actorOf(context)));
  }

  @FieldResolver(() => OrgUnit, {
    description: 'The unit the cadre belongs to today: the hiring unit, or the destination of a transfer in effect.',
  })
  async orgUnit(@Root() cadre: Cadre, @Ctx() { loaders }: PersonnelContext): Promise<OrgUnit | null> {
    // Cadres loaded by id, page or unit carry their unit already; others (a mutation's result) ask for it.
    const unitId =
      (cadre as Partial<CadreWithUnit>).effectiveUnitId ??
      (await loaders.effectiveUnitIdByCadreId.load(cadre.id)) ??
      cadre.orgUnitId;
    return loaders.orgUnitById.load(unitId);
  }

  @Authorized(Scope.PARTY)
  @FieldResolver(() => Boolean, { nullable: true, description: 'Admitted to the Party. Needs party:read.' })
  isPartyMember(@Root() cadre: Cadre): boolean {
    return cadre.partyAdmissionDate !== null;
  }

  @FieldResolver(() => [Degree])
  degrees(@Root() cadre: Cadre, @Ctx() { loaders }: PersonnelContext): Promise<Degree[]> {
    return loaders.degreesByCadreId.load(cadre.id);
  }

  @FieldResolver(() => EducationLevel, { nullable: true, description: 'The highest professional degree held.' })
  async highestDegree(@Root() cadre: Cadre, @Ctx() { loaders }: PersonnelContext): Promise<EducationLevel | null> {
    const levels = (await loaders.degreesByCadreId.load(cadre.id)).map((d) => EDUCATION_ORDER.indexOf(d.level));
    return EDUCATION_ORDER[Math.max(...levels)] ?? null; // none: Math.max() is -Infinity
  }

  @Query(() => [Cadre], {
    description: 'Cadres by id, in the order asked (at most 500): for other services that check rules on many cadres.',
  })
  async cadresByIds(
    @Arg('ids', () => [ID]) ids: string[],
    @Ctx() { loaders, identity }: PersonnelContext,
  ): Promise<Cadre[]> {
    personnelPolicy.require(identity, 'readCadresInBulk');
    if (ids.length > 500) throw new BadInputError('At most 500 ids', 'ids');
    const found = await loaders.cadreById.loadMany(ids.map((id) => parseId(id, 'ids')));
    return found.filter((c): c is Cadre => c !== null && !(c instanceof Error));
  }

  @Query(() => [Cadre], {
    description:
      'Cadres by personal ID number (at most 1,000; a number nobody has is left out): for other services importing spreadsheets keyed by it.',
  })
  cadresByPersonalIds(
    @Arg('personalIdNumbers', () => [String]) personalIdNumbers: string[],
    @Ctx() { identity }: PersonnelContext,
  ): Promise<Cadre[]> {
    personnelPolicy.require(identity, 'readCadresInBulk');
    return this.services.cadres.findByPersonalIds(personalIdNumbers);
  }

  @Authorized(Scope.FAMILY)
  @FieldResolver(() => [FamilyMember], { nullable: true, description: 'Needs family:read.' })
  familyMembers(@Root() cadre: Cadre, @Ctx() { loaders }: PersonnelContext): Promise<FamilyMember[]> {
    return loaders.familyByCadreId.load(cadre.id);
  }

  @FieldResolver(() => LocalDateResolver, {
    description: 'The day the cadre reaches retirement age (Decree 135/2020 schedule); computed, never stored.',
  })
  async retirementDate(@Root() cadre: Cadre, @Ctx() { loaders }: PersonnelContext): Promise<string> {
    return retirementDateOf(cadre, await loaders.rulesOn.load(today()));
  }

  @FieldResolver(() => Float, {
    description: 'Years left before retirement age on a date (today by default); negative once past it.',
  })
  async yearsOfServiceLeft(
    @Root() cadre: Cadre,
    @Arg('at', () => LocalDateResolver, { nullable: true }) at: string | undefined,
    @Ctx() { loaders }: PersonnelContext,
  ): Promise<number> {
    const on = at ?? today();
    return Math.round(yearsOfServiceLeft(cadre, on, await loaders.rulesOn.load(today())) * 100) / 100;
  }

  @FieldResolver(() => [CareerEvent], {
    description:
      'Assignments and moves (rotation history), in date order; those whose decision was cancelled stay, marked `cancelled`, unless includeCancelled is false.',
  })
  async careerHistory(
    @Root() cadre: Cadre,
    @Arg('includeCancelled', { defaultValue: true, description: 'False leaves out what a cancelled decision did.' })
    includeCancelled: boolean,
    @Ctx() { loaders }: PersonnelContext,
  ): Promise<(Assignment | Mobility | Retirement)[]> {
    const [assignments, moves, rules] = await Promise.all([
      loaders.assignmentsByCadreId.load(cadre.id),
      loaders.mobilityByCadreId.load(cadre.id),
      loaders.rulesOn.load(today()),
    ]);
    const events: (Assignment | Mobility | Retirement)[] = withoutCancelledUnless(includeCancelled, [
      ...assignments,
      ...moves,
    ]);
    // Retirement is an event of the career once it has happened; before, it shows as the posts' end.
    const retires = retirementDateOf(cadre, rules);
    if (retires <= today()) {
      events.push({
        on: retires,
        startsOn: retires,
        endedAssignments: assignments.filter((a) => !a.cancelled && a.endsOn === retires),
      });
    }
    return events.sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  }

  @FieldResolver(() => [Assignment], {
    description: 'Titles held on a date (today by default); decisions not yet effective do not count.',
  })
  currentAssignments(
    @Root() cadre: Cadre,
    @Arg('at', () => LocalDateResolver, { nullable: true }) at: string | undefined,
    @Ctx() { loaders }: PersonnelContext,
  ): Promise<Assignment[]> {
    return loaders.heldAssignmentsOn(at ?? today()).load(cadre.id);
  }

  @Authorized(Scope.EVALUATION)
  @FieldResolver(() => [Evaluation], {
    nullable: true,
    description: 'Yearly evaluations, newest first. Needs evaluation:read.',
  })
  evaluations(@Root() cadre: Cadre, @Ctx() { loaders }: PersonnelContext): Promise<Evaluation[]> {
    return loaders.evaluationsByCadreId.load(cadre.id);
  }

  @Authorized(Scope.DISCIPLINE)
  @FieldResolver(() => [Discipline], {
    nullable: true,
    description:
      'Disciplinary measures in effect or past, newest first; cancelled ones stay, marked, unless includeCancelled is false. Needs discipline:read.',
  })
  async disciplines(
    @Root() cadre: Cadre,
    @Arg('includeCancelled', {
      defaultValue: true,
      description: 'False leaves out measures whose decision was cancelled.',
    })
    includeCancelled: boolean,
    @Ctx() { loaders }: PersonnelContext,
  ): Promise<Discipline[]> {
    return withoutCancelledUnless(includeCancelled, await loaders.disciplinesByCadreId.load(cadre.id));
  }
}
