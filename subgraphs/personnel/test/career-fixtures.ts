import type { SubgraphHarness } from '@cadres/testing';
import { randomInt, randomUUID } from 'node:crypto';
import type { PersonnelRepositories } from '../src/context';
import { Cadre, CadreCategory, Sex } from '../src/modules/cadre/cadre.entity';
import { createOrgUnit, createTitle } from './factories';

export type Harness = SubgraphHarness<PersonnelRepositories>;

export interface UserErrorShape {
  code: string;
  reason: string | null;
  field: string | null;
  message: string;
}

/** A decision effective on `effectiveOn`, created through the API as a user would. */
export async function decision(harness: Harness, effectiveOn: string): Promise<string> {
  const result = await harness.query<{ createDecision: { decision: { id: string } | null; errors: UserErrorShape[] } }>(
    `mutation ($input: CreateDecisionInput!) { createDecision(input: $input) { decision { id } errors { code reason field message } } }`,
    {
      input: {
        number: `${randomInt(1, 10 ** 9)}-QĐ/TU`,
        signedOn: effectiveOn,
        effectiveOn,
        signingAuthority: 'Ban Thường vụ Tỉnh ủy',
        legalBasis: 'Quy định 80-QĐ/TW (2022)',
        subject: 'Quyết định thử nghiệm',
      },
    },
  );
  const payload = result.body.data!.createDecision;
  if (!payload.decision) throw new Error(`decision not created: ${JSON.stringify(payload.errors)}`);
  return payload.decision.id;
}

/** A personal ID number consistent with sex and birth date, unlikely to collide. */
export function matchingPersonalId(sex: Sex, dateOfBirth: string): string {
  const year = Number(dateOfBirth.slice(0, 4));
  const centuryDigit = (Math.floor(year / 100) - 19) * 2 + (sex === Sex.FEMALE ? 1 : 0);
  return `011${centuryDigit}${dateOfBirth.slice(2, 4)}${String(randomInt(0, 10 ** 6)).padStart(6, '0')}`;
}

/** A cadre born on `dateOfBirth` in a fresh unit, inserted directly (the record API has its own tests). */
export async function cadreBorn(
  harness: Harness,
  dateOfBirth: string,
  sex = Sex.MALE,
  orgUnitId?: string,
): Promise<Cadre> {
  const unitId = orgUnitId ?? (await createOrgUnit(harness.subgraph.dataSource)).id;
  return harness.subgraph.dataSource.getRepository(Cadre).save({
    fullName: `Cán bộ ${randomUUID().slice(0, 6)}`,
    sex,
    dateOfBirth,
    ethnicity: 'Thái',
    personalIdNumber: matchingPersonalId(sex, dateOfBirth),
    category: CadreCategory.CIVIL_SERVANT,
    orgUnitId: unitId,
  });
}

export { createOrgUnit, createTitle };

const APPOINT = `mutation ($input: RecordAppointmentInput!) {
  recordAppointment(input: $input) {
    appointment { id kind effectiveOn termEndsOn assignment { id startsOn endsOn } }
    errors { code reason field message }
  }
}`;

export interface AppointmentResult {
  appointment: {
    id: string;
    kind: string;
    effectiveOn: string;
    termEndsOn: string | null;
    assignment: { id: string; startsOn: string; endsOn: string | null };
  } | null;
  errors: UserErrorShape[];
}

export async function appoint(
  harness: Harness,
  input: { cadreId: string; kind: string; titleId: string; orgUnitId: string; effectiveOn: string },
): Promise<AppointmentResult> {
  const decisionId = await decision(harness, input.effectiveOn);
  const { effectiveOn: _effectiveOn, ...rest } = input;
  const result = await harness.query<{ recordAppointment: AppointmentResult }>(APPOINT, {
    input: { ...rest, decisionId },
  });
  if (!result.body.data) throw new Error(JSON.stringify(result.body.errors));
  return result.body.data.recordAppointment;
}

/** An approved planning entry in the planning subgraph's own tables (test setup only). */
export async function planCadre(
  harness: Harness,
  cadreId: string,
  titleId: string,
  startYear: number,
  endYear: number,
): Promise<void> {
  const db = harness.subgraph.dataSource;
  const [term] = await db.query(
    `INSERT INTO planning.term (code, track, start_year, end_year, rule_set_code) VALUES ($1, 'PARTY', $2, $3, 'QD-377-2025') RETURNING id`,
    [`T-${randomUUID().slice(0, 8)}`, startYear, endYear],
  );
  const [planned] = await db.query(
    `INSERT INTO planning.planned_title (term_id, title_id, title_level, title_rank, max_candidates) VALUES ($1, $2, 'PROVINCE', 80, 3) RETURNING id`,
    [term.id, titleId],
  );
  await db.query(
    // Approved on the term's first day: planning counts from the approval decision's date.
    `INSERT INTO planning.planning_entry (cadre_id, title_id, term_id, planned_title_id, status, added_decision_number, added_on) VALUES ($1, $2, $3, $4, 'APPROVED', 'Thử', make_date($5, 1, 1))`,
    [cadreId, titleId, term.id, planned.id, startYear],
  );
}
