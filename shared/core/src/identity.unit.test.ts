import { cachedIdentityVerifier, DEV_INTERNAL_SIGNING_SECRET, Role, signIdentity, type Identity } from './index';

const organizer: Identity = { subject: 'user:1', role: Role.ORGANIZER, agency: null, scopes: [], units: ['unit-a'] };

describe('cachedIdentityVerifier', () => {
  const verify = cachedIdentityVerifier(DEV_INTERNAL_SIGNING_SECRET);

  it('verifies a header once and hands the same frozen identity back while it is valid', async () => {
    const header = await signIdentity(organizer, DEV_INTERNAL_SIGNING_SECRET);
    const first = await verify(header);
    expect(first).toEqual(organizer);
    expect(await verify(header)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.units)).toBe(true);
  });

  it('does not keep a header past its expiry', async () => {
    // Expired 3 s ago: still inside the verifier's 5 s clock tolerance, but not worth remembering.
    const header = await signIdentity(organizer, DEV_INTERNAL_SIGNING_SECRET, -3);
    const first = await verify(header);
    expect(await verify(header)).not.toBe(first);
  });

  it('refuses a forged or long-expired header, even after verifying good ones', async () => {
    const good = await signIdentity(organizer, DEV_INTERNAL_SIGNING_SECRET);
    await verify(good);
    await expect(verify(await signIdentity({ ...organizer, role: Role.ADMIN, units: null }, 'another-secret-of-at-least-32-characters'))).rejects.toThrow();
    await expect(verify(await signIdentity(organizer, DEV_INTERNAL_SIGNING_SECRET, -60))).rejects.toThrow();
    await expect(verify(`${good.slice(0, -2)}xx`)).rejects.toThrow();
  });
});
