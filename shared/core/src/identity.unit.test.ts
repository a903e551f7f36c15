import {
  cachedIdentityVerifier,
  DEV_INTERNAL_SIGNING_SECRET,
  Role,
  scopeResolver,
  signIdentity,
  unitInScope,
  verifyIdentity,
  type ForwardedIdentity,
  type Identity,
} from './index';

const organizer: Identity = { subject: 'user:1', role: Role.ORGANIZER, agency: null, scopes: [], units: ['unit-a'] };

describe('cachedIdentityVerifier', () => {
  const verify = cachedIdentityVerifier(DEV_INTERNAL_SIGNING_SECRET);

  it('verifies a header once and hands the same frozen identity back while it is valid', async () => {
    const header = await signIdentity(organizer, DEV_INTERNAL_SIGNING_SECRET);
    const first = await verify(header);
    expect(first).toEqual(organizer);
    expect(await verify(header)).toBe(first);
    expect(Object.isFrozen(first) && 'units' in first && Object.isFrozen(first.units)).toBe(true);
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
    await expect(
      verify(
        await signIdentity({ ...organizer, role: Role.ADMIN, units: null }, 'another-secret-of-at-least-32-characters'),
      ),
    ).rejects.toThrow();
    await expect(verify(await signIdentity(organizer, DEV_INTERNAL_SIGNING_SECRET, -60))).rejects.toThrow();
    await expect(verify(`${good.slice(0, -2)}xx`)).rejects.toThrow();
  });
});

describe('forwarded scopes', () => {
  const viewer: ForwardedIdentity = {
    subject: 'user:2',
    role: Role.VIEWER,
    agency: null,
    scopes: [],
    unitRoots: ['root-a'],
  };

  it('carries subtree roots, not their units, so the header stays small whatever the tree', async () => {
    const header = await signIdentity(viewer, DEV_INTERNAL_SIGNING_SECRET);
    expect(await verifyIdentity(header, DEV_INTERNAL_SIGNING_SECRET)).toEqual(viewer);
    expect(header.length).toBeLessThan(500);
  });

  it('refuses a scope stated twice, or not at all, or unrestricted for a restricted role', async () => {
    const { SignJWT } = await import('jose');
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT({ role: Role.VIEWER, agency: null, scopes: [], ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('user:3')
        .setIssuer('cadres-gateway')
        .setAudience('cadres-subgraphs')
        .setIssuedAt()
        .setExpirationTime('1m')
        .sign(new TextEncoder().encode(DEV_INTERNAL_SIGNING_SECRET));
    // The same helper signs an acceptable identity, so the refusals below are about the scope alone.
    await expect(verifyIdentity(await sign({ unitRoots: ['root-a'] }), DEV_INTERNAL_SIGNING_SECRET)).resolves.toEqual(
      expect.objectContaining({ unitRoots: ['root-a'] }),
    );
    for (const claims of [
      {},
      { units: ['a'], unitRoots: ['a'] },
      { units: null },
      { unitRoots: null },
      { unitRoots: 'root-a' },
    ]) {
      await expect(verifyIdentity(await sign(claims), DEV_INTERNAL_SIGNING_SECRET)).rejects.toThrow();
    }
  });

  it('expands roots once per scope and TTL, and hands out the same identity meanwhile', async () => {
    const expand = jest.fn(async (roots: string[]) => [...roots, 'child']);
    const resolve = scopeResolver(expand, 30_000);
    const first = await resolve(viewer);
    expect(first).toEqual({
      subject: 'user:2',
      role: Role.VIEWER,
      agency: null,
      scopes: [],
      units: ['root-a', 'child'],
    });
    expect(await resolve(viewer)).toBe(first);
    // Another caller with the same subtree: its own identity, no new expansion.
    expect((await resolve({ ...viewer, subject: 'user:4' })).units).toEqual(['root-a', 'child']);
    expect(expand).toHaveBeenCalledTimes(1);
    expect(unitInScope(first, 'child') && !unitInScope(first, 'elsewhere')).toBe(true);
    // No roots, no units; explicit units pass as they are.
    expect((await resolve({ ...viewer, unitRoots: [] })).units).toEqual([]);
    expect(await resolve(organizer)).toBe(organizer);
    expect(expand).toHaveBeenCalledTimes(1);
  });

  it('fails closed when the org tree answers anything but a list of units', async () => {
    const resolve = scopeResolver(async () => null as unknown as string[]);
    await expect(resolve(viewer)).rejects.toThrow('no list of units');
  });

  it('asks again once the expansion is older than its TTL, or failed', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-27T08:00:00Z') });
    try {
      let fail = true;
      const expand = jest.fn(async (roots: string[]) => {
        if (fail) throw new Error('personnel unavailable');
        return roots;
      });
      const resolve = scopeResolver(expand, 30_000);
      await expect(resolve(viewer)).rejects.toThrow('personnel unavailable');
      fail = false;
      const first = await resolve(viewer);
      jest.setSystemTime(new Date('2026-11-27T08:00:31Z'));
      expect(await resolve(viewer)).not.toBe(first);
      expect(expand).toHaveBeenCalledTimes(3);
    } finally {
      jest.useRealTimers();
    }
  });
});
