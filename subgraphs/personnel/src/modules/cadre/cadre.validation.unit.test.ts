import { Sex } from './cadre.entity';
import { cadreRecordProblems, normaliseText, personalIdProblems } from './cadre.validation';

const valid = {
  fullName: 'Nguyễn Văn An',
  sex: Sex.MALE,
  dateOfBirth: '1980-05-17',
  personalIdNumber: '011080123456',
  ethnicity: 'Kinh',
};

describe('personal ID numbers', () => {
  it('accepts one whose digits match sex and birth year', () => {
    expect(personalIdProblems('011080123456', Sex.MALE, '1980-05-17')).toEqual([]);
    expect(personalIdProblems('011302000001', Sex.FEMALE, '2002-01-01')).toEqual([]);
  });

  it.each([
    ['11 digits', '01108012345', Sex.MALE, '1980-05-17', 'INVALID_PERSONAL_ID'],
    ['a letter', '01108012345A', Sex.MALE, '1980-05-17', 'INVALID_PERSONAL_ID'],
    ['province 000', '000080123456', Sex.MALE, '1980-05-17', 'INVALID_PERSONAL_ID'],
    ['the female digit for a man', '011180123456', Sex.MALE, '1980-05-17', 'PERSONAL_ID_MISMATCH'],
    ['another birth year', '011081123456', Sex.MALE, '1980-05-17', 'PERSONAL_ID_MISMATCH'],
  ])('refuses %s', (_case, id, sex, born, reason) => {
    expect(personalIdProblems(id, sex, born)).toEqual([expect.objectContaining({ field: 'personalIdNumber', reason })]);
  });
});

describe('cadre records', () => {
  it('accept a valid record', () => {
    expect(cadreRecordProblems(valid, '2026-01-01')).toEqual([]);
  });

  it('report every problem at once', () => {
    const problems = cadreRecordProblems(
      {
        ...valid,
        fullName: '',
        grade: 'SPECIALIST',
        partyAdmissionDate: '2010-01-01',
        partyOfficialDate: '2009-01-01',
        email: 'nope',
      },
      '2026-01-01',
    );
    expect(problems.map((p) => p.reason)).toEqual([
      'REQUIRED',
      'GRADE_DATE_REQUIRED',
      'BEFORE_ADMISSION',
      'INVALID_EMAIL',
    ]);
  });

  it('refuse a birth date in the future', () => {
    expect(
      cadreRecordProblems({ ...valid, dateOfBirth: '2030-01-01', personalIdNumber: '011230123456' }, '2026-01-01'),
    ).toEqual([expect.objectContaining({ field: 'dateOfBirth', reason: 'DATE_IN_FUTURE' })]);
  });

  it('normalise names to NFC with single spaces', () => {
    const decomposed = 'Nguye\u0302\u0303n  Va\u0306n An '.normalize('NFD');
    expect(normaliseText(decomposed)).toBe('Nguyễn Văn An');
  });
});
