import type { InputProblem } from '@cadres/core';
import type { Cadre, CadreCategory } from './cadre.entity';
import { Sex } from './cadre.entity';
import type { CreateCadreInput, UpdateCadreInput } from './cadre.inputs';

/** Text as stored: NFC (one code point per Vietnamese letter), trimmed, single spaces. */
export function normaliseText(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/g, ' ');
}

export function normaliseOptional(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const text = normaliseText(value);
  return text === '' ? null : text;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks a personal identification number (Circular 59/2021/TT-BCA): 12 digits; province code
 * 001–096; the 4th digit encodes sex and century of birth; the 5th–6th are the birth year's last two.
 */
export function personalIdProblems(id: string, sex: Sex, dateOfBirth: string): InputProblem[] {
  const field = 'personalIdNumber';
  if (!/^\d{12}$/.test(id)) {
    return [{ field, reason: 'INVALID_PERSONAL_ID', message: 'A personal ID number has exactly 12 digits.' }];
  }
  const province = Number(id.slice(0, 3));
  if (province < 1 || province > 96) {
    return [{ field, reason: 'INVALID_PERSONAL_ID', message: `${id.slice(0, 3)} is not a province code (001–096).` }];
  }
  const year = Number(dateOfBirth.slice(0, 4));
  const centuryDigit = (Math.floor(year / 100) - 19) * 2 + (sex === Sex.FEMALE ? 1 : 0);
  if (Number(id[3]) !== centuryDigit || id.slice(4, 6) !== dateOfBirth.slice(2, 4)) {
    return [
      {
        field,
        reason: 'PERSONAL_ID_MISMATCH',
        message: 'The personal ID number’s sex, century and birth-year digits do not match the record.',
      },
    ];
  }
  return [];
}

export interface CadreRecordFields {
  fullName: string;
  sex: Sex;
  dateOfBirth: string;
  personalIdNumber: string;
  ethnicity: string;
  grade?: string | null;
  gradeSince?: string | null;
  partyAdmissionDate?: string | null;
  partyOfficialDate?: string | null;
  email?: string | null;
}

/** Every problem with a record at once (the database's checks stay as the last line of defence). */
export function cadreRecordProblems(record: CadreRecordFields, today: string): InputProblem[] {
  const problems: InputProblem[] = [];
  const add = (field: string, reason: string, message: string) => problems.push({ field, reason, message });
  if (!record.fullName) add('fullName', 'REQUIRED', 'A full name is required.');
  if (!record.ethnicity) add('ethnicity', 'REQUIRED', 'An ethnicity is required.');
  const born = record.dateOfBirth;
  if (!ISO_DATE.test(born) || born <= '1900-01-01')
    add('dateOfBirth', 'IMPLAUSIBLE_DATE', 'The birth date must be after 1900-01-01.');
  else if (born > today) add('dateOfBirth', 'DATE_IN_FUTURE', 'The birth date is in the future.');
  else problems.push(...personalIdProblems(record.personalIdNumber, record.sex, born));
  if (Boolean(record.grade) !== Boolean(record.gradeSince)) {
    add('gradeSince', 'GRADE_DATE_REQUIRED', 'A grade and the date it was attained go together.');
  } else if (record.gradeSince && record.gradeSince > today)
    add('gradeSince', 'DATE_IN_FUTURE', 'The grade date is in the future.');
  if (record.partyAdmissionDate) {
    if (record.partyAdmissionDate <= born)
      add('partyAdmissionDate', 'BEFORE_BIRTH', 'Party admission cannot precede birth.');
    if (record.partyAdmissionDate > today)
      add('partyAdmissionDate', 'DATE_IN_FUTURE', 'Party admission is in the future.');
  }
  if (record.partyOfficialDate) {
    if (!record.partyAdmissionDate)
      add('partyOfficialDate', 'ADMISSION_DATE_REQUIRED', 'An official date needs an admission date.');
    else if (record.partyOfficialDate < record.partyAdmissionDate) {
      add('partyOfficialDate', 'BEFORE_ADMISSION', 'Official membership cannot precede admission.');
    }
  }
  if (record.email && !/^[^@\s]+@[^@\s]+$/.test(record.email)) add('email', 'INVALID_EMAIL', 'Not an email address.');
  return problems;
}

/** The form's optional text fields: stored normalised, blank as null. */
export const OPTIONAL_TEXT_FIELDS = [
  'otherNames',
  'placeOfBirth',
  'hometown',
  'religion',
  'generalEducation',
  'phone',
  'email',
] as const;

/** The optional fields of the form as stored: text normalised (blank is null), the rest as given. */
function normaliseRecord(input: CreateCadreInput | UpdateCadreInput): Partial<Cadre> {
  const record: Partial<Cadre> = {};
  for (const key of OPTIONAL_TEXT_FIELDS)
    if (input[key] !== undefined) record[key] = normaliseOptional(input[key]) ?? null;
  for (const key of ['grade', 'gradeSince', 'partyAdmissionDate', 'partyOfficialDate'] as const) {
    if (input[key] !== undefined) Object.assign(record, { [key]: input[key] ?? null });
  }
  return record;
}

/** A new record's stored fields (degrees and family apart). */
export type NewCadreRecord = Partial<Cadre> & CadreRecordFields & { category: CadreCategory; orgUnitId: string };

/**
 * A new record as createCadre stores it, with every problem it has: one definition for a single
 * createCadre and for each row of an import batch.
 */
export function newCadreRecord(
  input: Omit<CreateCadreInput, 'degrees' | 'familyMembers'>,
  orgUnitId: string,
  on: string,
): { record: NewCadreRecord; problems: InputProblem[] } {
  const record = {
    ...normaliseRecord(input),
    fullName: normaliseText(input.fullName),
    ethnicity: normaliseText(input.ethnicity),
    sex: input.sex,
    dateOfBirth: input.dateOfBirth,
    personalIdNumber: input.personalIdNumber.trim(),
    category: input.category,
    orgUnitId,
  };
  return { record, problems: cadreRecordProblems(record, on) };
}

/**
 * The fields updateCadre changes on `before`, as stored, with every problem of the record they
 * make: one definition for a single updateCadre and for each changed row of an import batch.
 */
export function cadreChanges(
  before: Cadre,
  input: UpdateCadreInput,
  on: string,
): { changes: Partial<Cadre>; problems: InputProblem[] } {
  const changes: Partial<Cadre> = normaliseRecord(input);
  if (input.fullName !== undefined) changes.fullName = normaliseText(input.fullName ?? '');
  if (input.ethnicity !== undefined) changes.ethnicity = normaliseText(input.ethnicity ?? '');
  for (const key of ['sex', 'dateOfBirth', 'category'] as const)
    if (input[key] != null) Object.assign(changes, { [key]: input[key] });
  if (input.personalIdNumber != null) changes.personalIdNumber = input.personalIdNumber.trim();
  return { changes, problems: cadreRecordProblems({ ...before, ...changes }, on) };
}

/** Whether a change moves the retirement date (rule 9: the ends of the cadre's posts move with it). */
export function movesRetirementDate(before: Cadre, changes: Partial<Cadre>): boolean {
  return (
    (changes.sex !== undefined && changes.sex !== before.sex) ||
    (changes.dateOfBirth !== undefined && changes.dateOfBirth !== before.dateOfBirth)
  );
}
