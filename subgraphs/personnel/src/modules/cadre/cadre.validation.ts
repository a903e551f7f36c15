import type { InputProblem } from '@cadres/core';
import { Sex } from './cadre.entity';

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
