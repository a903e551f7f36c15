import { ConflictError } from '@cadres/core';
import { translateConstraint, type ConstraintErrors } from './transactions';

const errors: ConstraintErrors = {
  cadre_personal_id_unique: () => new ConflictError('PERSONAL_ID_TAKEN', 'Another cadre has this personal ID number.'),
};

describe('translateConstraint', () => {
  it.each([
    [
      'TypeORM’s QueryFailedError (driverError inside)',
      { driverError: { code: '23505', constraint: 'cadre_personal_id_unique' } },
    ],
    ['pg’s own error', { code: '23505', constraint: 'cadre_personal_id_unique' }],
  ])('gives the named constraint’s domain error for %s', (_shape, error) => {
    const refusal = translateConstraint(error, errors);
    expect(refusal).toBeInstanceOf(ConflictError);
    expect(refusal?.details).toEqual({ reason: 'PERSONAL_ID_TAKEN' });
  });

  it.each([
    ['another constraint', { driverError: { code: '23505', constraint: 'decision_number_unique' } }],
    ['no constraint (a deadlock)', { driverError: { code: '40P01' } }],
    ['a prototype member’s name', { constraint: 'toString' }],
    ['not a database error', new Error('boom')],
    ['undefined', undefined],
    ['null', null],
  ])('gives null for %s', (_shape, error) => {
    expect(translateConstraint(error, errors)).toBeNull();
  });
});
