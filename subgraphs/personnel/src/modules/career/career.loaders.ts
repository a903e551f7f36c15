import { manyByKey, oneByKey, type RuleBook, type RuleValues } from '@cadres/subgraph-kit';
import { today } from '@cadres/core';
import DataLoader from 'dataloader';
import type { Appointment, Assignment } from '../appointment/appointment.entity';
import type { AppointmentRepository } from '../appointment/appointment.repository';
import type { Decision } from '../decision/decision.entity';
import type { DecisionAudience, DecisionRepository } from '../decision/decision.repository';
import type { PersonnelRuleDefinitions } from '../rules/personnel-rules';
import type { CadreListLoader } from '../cadre/cadre.loaders';

export interface CareerLoaderSources {
  appointments: AppointmentRepository;
  /** The cadre feature's loader of lists (shared, so that lists read with a cadre are not read again). */
  cadreLists: CadreListLoader;
  decisions: DecisionRepository;
  ruleBook: RuleBook<PersonnelRuleDefinitions>;
}

/** Held on `on`: started, not ended, not cancelled (as appointment.repository's HELD_ON). */
function heldOn(assignment: Assignment, on: string): boolean {
  return !assignment.cancelled && assignment.startsOn <= on && (assignment.endsOn === null || assignment.endsOn > on);
}

/** The career's loaders: one statement per tick for the lists, whatever the number of cadres and kinds asked for. */
export function createCareerLoaders(sources: CareerLoaderSources) {
  const audiences = new Map<readonly string[] | null, DataLoader<string, DecisionAudience | null>>();
  const lists = sources.cadreLists;
  const assignmentsByCadreId = lists.of('assignments');
  return {
    assignmentsByCadreId,
    /**
     * What each cadre holds on a date, from their assignments (a cadre has a handful): the dossier
     * asks for both, and this costs no statement of its own.
     */
    heldAssignmentsOn(on: string) {
      return {
        load: async (cadreId: string) => (await assignmentsByCadreId.load(cadreId)).filter((a) => heldOn(a, on)),
      };
    },
    assignmentById: new DataLoader<string, Assignment | null>(async (ids) =>
      oneByKey(ids, await sources.appointments.findAssignmentsByIds(ids), (a) => a.id),
    ),
    appointmentById: new DataLoader<string, Appointment | null>(async (ids) =>
      oneByKey(ids, await sources.appointments.findAppointmentsByIds(ids), (a) => a.id),
    ),
    appointmentsByAssignmentId: new DataLoader<string, Appointment[]>(async (ids) =>
      manyByKey(ids, await sources.appointments.findAppointmentsByAssignmentIds(ids), (a) => a.assignmentId),
    ),
    mobilityByCadreId: lists.of('mobility'),
    evaluationsByCadreId: lists.of('evaluations'),
    disciplinesByCadreId: lists.of('disciplines'),
    decisionById: new DataLoader<string, Decision | null>(async (ids) =>
      oneByKey(ids, await sources.decisions.findByIds(ids), (d) => d.id),
    ),
    /**
     * Whom each decision concerns (null: no such decision), among the units of a caller's scope
     * (null: all), for `decision(id)` and citations; one loader per scope, as a request has one.
     */
    decisionAudienceIn(units: readonly string[] | null): DataLoader<string, DecisionAudience | null> {
      let loader = audiences.get(units);
      if (!loader) {
        loader = new DataLoader(async (ids) =>
          oneByKey(ids, await sources.decisions.findAudiences(ids, today(), units), (a) => a.decisionId),
        );
        audiences.set(units, loader);
      }
      return loader;
    },
    /** The rules in effect on a date, read once per request and date. */
    rulesOn: new DataLoader<string, RuleValues<PersonnelRuleDefinitions>>(async (dates) =>
      Promise.all(dates.map((date) => sources.ruleBook.valuesAt(date))),
    ),
  };
}
