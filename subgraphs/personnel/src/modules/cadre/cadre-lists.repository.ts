import type { DataSource } from 'typeorm';
import type { Assignment } from '../appointment/appointment.entity';
import type { Degree, FamilyMember } from './cadre-details.entity';
import type { Discipline } from '../discipline/discipline.entity';
import type { Evaluation } from '../evaluation/evaluation.entity';
import type { Mobility } from '../mobility/mobility.entity';

/** A cadre's record lists that a dossier or a page of them asks for, each in the order the API gives it. */
export interface CadreLists {
  /** Every assignment, cancelled ones included (the history keeps them, marked), oldest first. */
  assignments: Assignment[];
  /** Every move, cancelled ones included, oldest first. */
  mobility: Mobility[];
  /** Yearly evaluations not cancelled, newest first. */
  evaluations: Evaluation[];
  /** Every measure, cancelled ones included (marked), newest first. */
  disciplines: Discipline[];
  degrees: Degree[];
  family: FamilyMember[];
}

export type CadreListKind = keyof CadreLists;

/** In the order a statement's columns are written, so that a set of kinds always gives one text. */
export const CADRE_LIST_KINDS: readonly CadreListKind[] = [
  'assignments',
  'mobility',
  'evaluations',
  'disciplines',
  'degrees',
  'family',
];

/** One list of one cadre (`cadre.id`) as a JSON array of objects keyed by the entities' field names. */
function listOf(table: string, fields: Record<string, string>, where: string, order: string): string {
  const object = Object.entries(fields)
    .map(([field, column]) => `'${field}', t.${column}`)
    .join(', ');
  return `(SELECT coalesce(json_agg(json_build_object(${object}) ORDER BY ${order}), '[]')
             FROM ${table} t WHERE t.cadre_id = cadre.id${where})`;
}

const LIST_SQL: Record<CadreListKind, string> = {
  assignments: listOf(
    'assignment',
    {
      id: 'id',
      cadreId: 'cadre_id',
      titleId: 'title_id',
      orgUnitId: 'org_unit_id',
      startsOn: 'starts_on',
      endsOn: 'ends_on',
      acting: 'acting',
      singleHolder: 'single_holder',
      decisionId: 'decision_id',
      cancelled: 'cancelled',
    },
    '',
    't.starts_on, t.id',
  ),
  mobility: listOf(
    'mobility',
    {
      id: 'id',
      cadreId: 'cadre_id',
      kind: 'kind',
      purpose: 'purpose',
      fromOrgUnitId: 'from_org_unit_id',
      toOrgUnitId: 'to_org_unit_id',
      startsOn: 'starts_on',
      plannedEndOn: 'planned_end_on',
      decisionId: 'decision_id',
      cancelled: 'cancelled',
      createdAt: 'created_at',
    },
    '',
    't.starts_on, t.id',
  ),
  evaluations: listOf(
    'evaluation',
    {
      id: 'id',
      cadreId: 'cadre_id',
      year: 'year',
      rating: 'rating',
      decisionId: 'decision_id',
      cancelled: 'cancelled',
    },
    ' AND NOT t.cancelled',
    't.year DESC, t.id',
  ),
  disciplines: listOf(
    'discipline',
    {
      id: 'id',
      cadreId: 'cadre_id',
      form: 'form',
      reason: 'reason',
      effectiveOn: 'effective_on',
      decisionId: 'decision_id',
      cancelled: 'cancelled',
    },
    '',
    't.effective_on DESC, t.id',
  ),
  degrees: listOf(
    'degree',
    { id: 'id', cadreId: 'cadre_id', level: 'level', field: 'field', institution: 'institution', year: 'year' },
    '',
    't.year, t.id',
  ),
  family: listOf(
    'family_member',
    {
      id: 'id',
      cadreId: 'cadre_id',
      relation: 'relation',
      fullName: 'full_name',
      birthYear: 'birth_year',
      occupation: 'occupation',
    },
    '',
    't.relation, t.id',
  ),
};

/** The kinds asked, in CADRE_LIST_KINDS order (so that a set of kinds gives one statement text, prepared once). */
function inOrder(kinds: ReadonlySet<CadreListKind>): CadreListKind[] {
  return CADRE_LIST_KINDS.filter((kind) => kinds.has(kind));
}

/**
 * The select-list columns giving the lists of the cadre `cadre.id`, one JSON column per kind
 * (named as the kind), for a statement whose cadre is aliased `cadre`; empty when none is asked.
 */
export function listColumns(kinds: ReadonlySet<CadreListKind>): string {
  return inOrder(kinds)
    .map((kind) => `, ${LIST_SQL[kind]} AS "${kind}"`)
    .join('');
}

/** A row with list columns as pg gives them back: JSON parsed, timestamps as text. */
export function reviveLists<R extends Partial<CadreLists>>(row: R): R {
  // json carries timestamps as text; the entity holds a Date.
  for (const move of row.mobility ?? []) move.createdAt = new Date(move.createdAt);
  return row;
}

export type CadreListsRow = { id: string } & Partial<CadreLists>;

/**
 * Reads the lists of many cadres in one statement, one JSON column per kind asked, in place of a
 * statement per kind: each statement costs a round trip, a send syscall and pg's and PostgreSQL's
 * per-statement work, and TypeORM's query building and entity hydration cost more than the lists
 * themselves. Plain objects come back (type-graphql needs no entity instances); dates stay
 * 'YYYY-MM-DD' strings as the entities hold them.
 */
export class CadreListsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** cadre-lists.findByCadreIds */
  async findByCadreIds(cadreIds: readonly string[], kinds: ReadonlySet<CadreListKind>): Promise<CadreListsRow[]> {
    const rows: CadreListsRow[] = await this.dataSource.query(
      `/* cadre-lists.findByCadreIds */ SELECT cadre.id${listColumns(kinds)} FROM unnest(CAST($1 AS uuid[])) AS cadre(id)`,
      [cadreIds],
    );
    return rows.map(reviveLists);
  }
}
