import { addDays, subtractWorkingDays, today } from '@cadres/core';
import { payloadOf } from '@cadres/subgraph-kit';
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  citedDecision,
  decisionFor,
  onlyVisible,
  requireAction,
  requireCadreWritable,
  requireUnitWritable,
  visibleCadre,
} from '../../access';
import type { PersonnelContainer } from '../../container';
import { actorOf, type PersonnelContext } from '../../context';
import { Cadre } from '../cadre/cadre.entity';
import { Decision } from '../decision/decision.entity';
import { OrgUnit } from '../org-unit/org-unit.entity';
import { Title } from '../title/title.entity';
import { Appointment, Assignment, AssignmentStatus } from './appointment.entity';
import { RecordAppointmentInput } from './appointment.inputs';
import { AppointmentPayload } from './appointment.type';
import { checkWindow } from '../../query-window';

@Resolver(() => Appointment)
export class AppointmentResolver {
  constructor(private readonly personnel: PersonnelContainer) {}

  @Query(() => [Appointment], {
    description: 'Current terms ending within the given number of days (e.g. 90, 180, 365), soonest first.',
  })
  async appointmentsExpiring(
    @Arg('withinDays', () => Int) withinDays: number,
    @Ctx() context: PersonnelContext,
  ): Promise<Appointment[]> {
    requireAction(context, 'listExpiringTerms');
    const from = today();
    const terms = await this.personnel.appointments.findTermsEnding(from, addDays(from, checkWindow(withinDays)));
    const appointments = (await context.loaders.appointmentById.loadMany(
      terms.map((t) => t.appointmentId),
    )) as Appointment[];
    return onlyVisible(context, appointments, (a) => a.cadreId);
  }

  @Mutation(() => AppointmentPayload, {
    description:
      'Records an appointment decision: FIRST, REAPPOINTMENT, EXTENSION_TO_RETIREMENT, ACTING, DISMISSAL or RESIGNATION.',
  })
  async recordAppointment(
    @Arg('input') input: RecordAppointmentInput,
    @Ctx() context: PersonnelContext,
  ): Promise<AppointmentPayload> {
    await requireCadreWritable(context, input.cadreId);
    requireUnitWritable(context, input.orgUnitId, 'orgUnitId');
    // A decision the writer cannot see is refused as one that does not exist, in the payload.
    return payloadOf('appointment', async () => {
      await decisionFor(context, 'citeDecision', input.decisionId);
      return this.personnel.services.appointments.record(input, actorOf(context));
    });
  }

  @FieldResolver(() => Assignment)
  assignment(@Root() appointment: Appointment, @Ctx() { loaders }: PersonnelContext): Promise<Assignment | null> {
    return loaders.assignmentById.load(appointment.assignmentId);
  }

  @FieldResolver(() => Cadre, { nullable: true, description: 'Null outside the caller’s subtrees.' })
  cadre(@Root() appointment: Appointment, @Ctx() context: PersonnelContext): Promise<Cadre | null> {
    return visibleCadre(context, appointment.cadreId);
  }

  @FieldResolver(() => Decision, { nullable: true, description: 'Null with FORBIDDEN for a partner agency.' })
  decision(@Root() appointment: Appointment, @Ctx() context: PersonnelContext): Promise<Decision | null> {
    return citedDecision(context, appointment.decisionId);
  }

  @FieldResolver(() => LocalDateResolver, {
    nullable: true,
    description: 'Reappointment may take effect from this day (rule 10).',
  })
  async renewableFrom(@Root() appointment: Appointment, @Ctx() { loaders }: PersonnelContext): Promise<string | null> {
    if (!appointment.termEndsOn) return null;
    const rules = await loaders.rulesOn.load(today());
    return subtractWorkingDays(appointment.termEndsOn, rules.reappointmentNoticeWorkingDays);
  }
}

@Resolver(() => Assignment)
export class AssignmentResolver {
  @FieldResolver(() => Cadre, { nullable: true, description: 'Null outside the caller’s subtrees.' })
  cadre(@Root() assignment: Assignment, @Ctx() context: PersonnelContext): Promise<Cadre | null> {
    return visibleCadre(context, assignment.cadreId);
  }

  @FieldResolver(() => Title)
  title(@Root() assignment: Assignment, @Ctx() { loaders }: PersonnelContext): Promise<Title | null> {
    return loaders.titleById.load(assignment.titleId);
  }

  @FieldResolver(() => OrgUnit)
  orgUnit(@Root() assignment: Assignment, @Ctx() { loaders }: PersonnelContext): Promise<OrgUnit | null> {
    return loaders.orgUnitById.load(assignment.orgUnitId);
  }

  @FieldResolver(() => Decision, {
    nullable: true,
    description: 'The decision that began it; null with FORBIDDEN for a partner agency.',
  })
  decision(@Root() assignment: Assignment, @Ctx() context: PersonnelContext): Promise<Decision | null> {
    return citedDecision(context, assignment.decisionId);
  }

  @FieldResolver(() => [Appointment], { description: 'The decisions applied to it, oldest first.' })
  appointments(@Root() assignment: Assignment, @Ctx() { loaders }: PersonnelContext): Promise<Appointment[]> {
    return loaders.appointmentsByAssignmentId.load(assignment.id);
  }

  @FieldResolver(() => AssignmentStatus, { description: 'Where the holding stands on a date (today by default).' })
  async status(
    @Root() assignment: Assignment,
    @Arg('at', () => LocalDateResolver, { nullable: true }) at: string | undefined,
    @Ctx() { loaders }: PersonnelContext,
  ): Promise<AssignmentStatus> {
    const on = at ?? today();
    if (assignment.cancelled) return AssignmentStatus.CANCELLED;
    if (on < assignment.startsOn) return AssignmentStatus.NOT_STARTED;
    if (assignment.endsOn !== null && on >= assignment.endsOn) return AssignmentStatus.ENDED;
    if (assignment.acting) return AssignmentStatus.ACTING;
    const appointments = await loaders.appointmentsByAssignmentId.load(assignment.id);
    const termEndsOn = appointments.filter((a) => a.termEndsOn).at(-1)?.termEndsOn ?? null;
    return termEndsOn !== null && on >= termEndsOn
      ? AssignmentStatus.TERM_ENDED_PENDING_DECISION
      : AssignmentStatus.IN_TERM;
  }

  @FieldResolver(() => LocalDateResolver, {
    nullable: true,
    description: 'End of the term in force (latest appointment).',
  })
  async termEndsOn(@Root() assignment: Assignment, @Ctx() { loaders }: PersonnelContext): Promise<string | null> {
    const appointments = await loaders.appointmentsByAssignmentId.load(assignment.id);
    return appointments.filter((a) => a.termEndsOn).at(-1)?.termEndsOn ?? null;
  }
}
