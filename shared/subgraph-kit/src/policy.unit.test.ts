import { ErrorCode, Role, type Identity } from '@cadres/core';
import { buildSchema } from 'graphql';
import { AccessPolicy, classificationGaps } from './policy';

const identity = (role: Role, units: string[] | null, scopes: string[] = []): Identity => ({
  subject: 's',
  role,
  agency: null,
  scopes,
  units,
});

describe('AccessPolicy', () => {
  const policy = new AccessPolicy({
    readCadre: { roles: [Role.ADMIN, Role.ORGANIZER, Role.VIEWER, Role.PARTNER], inScope: 'Cadre' },
    lookUpByPersonalId: { roles: [Role.ADMIN, Role.ORGANIZER, Role.PARTNER], scope: 'pii:read', inScope: 'Cadre' },
    writeInUnit: { roles: [Role.ADMIN, Role.ORGANIZER], inScope: 'forbidden' },
  });

  it('refuses a role it does not list with FORBIDDEN, before any unit is known', () => {
    expect(policy.refusal(identity(Role.VIEWER, ['u1']), 'writeInUnit')?.code).toBe(ErrorCode.FORBIDDEN);
    expect(policy.refusal(identity(Role.SERVICE, null), 'readCadre')?.code).toBe(ErrorCode.FORBIDDEN);
    expect(policy.allows(identity(Role.ORGANIZER, ['u1']), 'writeInUnit')).toBe(true);
  });

  it('needs the scope too', () => {
    expect(policy.refusal(identity(Role.PARTNER, ['u1']), 'lookUpByPersonalId', 'u1')?.code).toBe(ErrorCode.FORBIDDEN);
    expect(policy.allows(identity(Role.PARTNER, ['u1'], ['pii:read']), 'lookUpByPersonalId', 'u1')).toBe(true);
  });

  it('answers outside the subtree exactly as for a thing that does not exist, and names no id', () => {
    const outside = policy.refusal(identity(Role.ORGANIZER, ['u1']), 'readCadre', 'u2');
    const missing = policy.refusal(identity(Role.ORGANIZER, ['u1']), 'readCadre', null);
    expect(outside).toEqual(missing);
    expect(outside?.code).toBe(ErrorCode.NOT_FOUND);
    expect({ message: outside?.message, details: outside?.details }).toEqual({
      message: 'Cadre does not exist',
      details: { entity: 'Cadre' },
    });
    expect(AccessPolicy.hides(outside)).toBe(true);
    expect(policy.refusal(identity(Role.ORGANIZER, ['u1']), 'writeInUnit', 'u2')?.code).toBe(ErrorCode.FORBIDDEN);
    expect(policy.allows(identity(Role.ADMIN, null), 'readCadre', 'u2')).toBe(true);
  });

  it('decides a thing of several units by any of them, and one of no unit yet by who registered it', () => {
    const organizer = { ...identity(Role.ORGANIZER, ['u1']), subject: 'me' };
    expect(policy.allows(organizer, 'readCadre', { units: ['u2', 'u1'] })).toBe(true);
    expect(policy.refusal(organizer, 'readCadre', { units: ['u2', 'u3'] })?.code).toBe(ErrorCode.NOT_FOUND);
    expect(policy.allows(organizer, 'readCadre', { units: [], registeredBy: 'me' })).toBe(true);
    expect(policy.allows(organizer, 'readCadre', { units: [], registeredBy: 'someone else' })).toBe(false);
    expect(policy.allows(organizer, 'readCadre', { units: [], registeredBy: null })).toBe(false);
    // Once it concerns a unit, who registered it no longer matters.
    expect(policy.allows(organizer, 'readCadre', { units: ['u2'], registeredBy: 'me' })).toBe(false);
    expect(policy.allows(identity(Role.ADMIN, null), 'readCadre', { units: [] })).toBe(true);
  });

  it('refuses an action it does not know (deny by default)', () => {
    expect(policy.refusal(identity(Role.ADMIN, null), 'unknown' as 'readCadre')?.code).toBe(ErrorCode.FORBIDDEN);
  });
});

describe('classificationGaps', () => {
  const schema = buildSchema(`type Query { a: Int b: Thing } type Thing { id: ID x: Int }`);

  it('lists every field without a decision and every decision about nothing', () => {
    const gaps = classificationGaps(schema, {
      fields: { Query: { a: 'public', b: 'public' }, Thing: { id: 'with-parent', gone: 'with-parent' } },
      references: {},
    });
    expect(gaps).toEqual({ unclassified: ['Thing.x'], stale: ['Thing.gone'] });
  });
});
