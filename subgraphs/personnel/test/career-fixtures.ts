import type { SubgraphHarness } from '@cadres/testing';
import { randomInt, randomUUID } from 'node:crypto';
import type { PersonnelRepositories } from '../src/context';
import { Cadre, CadreCategory, Sex } from '../src/modules/cadre/cadre.entity';
import { createOrgUnit, createTitle, matchingPersonalId } from './factories';

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

export { createOrgUnit, createTitle, matchingPersonalId };

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
