import { manyByKey, oneByKey, type RuleBook, type RuleValues } from '@cadres/subgraph-kit';
import { today } from '@cadres/core';
import DataLoader from 'dataloader';
import type { Appointment, Assignment } from '../appointment/appointment.entity';
import type { AppointmentRepository } from '../appointment/appointment.repository';
import type { Decision } from '../decision/decision.entity';
import type { DecisionAudience, DecisionRepository } from '../decision/decision.repository';
import type { Discipline } from '../discipline/discipline.entity';
import type { DisciplineRepository } from '../discipline/discipline.repository';
import type { Evaluation } from '../evaluation/evaluation.entity';
import type { EvaluationRepository } from '../evaluation/evaluation.repository';
import type { Mobility } from '../mobility/mobility.entity';
import type { MobilityRepository } from '../mobility/mobility.repository';
import type { PersonnelRuleDefinitions } from '../rules/personnel-rules';

export interface CareerLoaderSources {
  appointments: AppointmentRepository;
  mobility: MobilityRepository;
  evaluations: EvaluationRepository;
  disciplines: DisciplineRepository;
  decisions: DecisionRepository;
  ruleBook: RuleBook<PersonnelRuleDefinitions>;
}

/** The career's loaders: one statement per kind of record, whatever the number of cadres asked for. */
export function createCareerLoaders(sources: CareerLoaderSources) {
  const heldOn = new Map<string, DataLoader<string, Assignment[]>>();
  const audiences = new Map<readonly string[] | null, DataLoader<string, DecisionAudience | null>>();
  return {
    assignmentsByCadreId: new DataLoader<string, Assignment[]>(async (ids) =>
      manyByKey(ids, await sources.appointments.findAssignmentsByCadreIds(ids), (a) => a.cadreId),
    ),
    /** What each cadre holds on a date; one loader per date asked about in the request. */
    heldAssignmentsOn(on: string): DataLoader<string, Assignment[]> {
      let loader = heldOn.get(on);
      if (!loader) {
        loader = new DataLoader(async (ids) =>
          manyByKey(ids, await sources.appointments.findHeldByCadreIds(ids, on), (a) => a.cadreId),
        );
        heldOn.set(on, loader);
      }
      return loader;
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
    mobilityByCadreId: new DataLoader<string, Mobility[]>(async (ids) =>
      manyByKey(ids, await sources.mobility.findByCadreIds(ids), (m) => m.cadreId),
    ),
    evaluationsByCadreId: new DataLoader<string, Evaluation[]>(async (ids) =>
      manyByKey(ids, await sources.evaluations.findByCadreIds(ids), (e) => e.cadreId),
    ),
    disciplinesByCadreId: new DataLoader<string, Discipline[]>(async (ids) =>
      manyByKey(ids, await sources.disciplines.findByCadreIds(ids), (d) => d.cadreId),
    ),
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
