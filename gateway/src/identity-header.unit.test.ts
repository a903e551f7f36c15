import { DEV_INTERNAL_SIGNING_SECRET, Role, verifyIdentity, type Identity } from '@cadres/core';
import { createIdentitySigner } from './identity-header';

describe('forwarded identity header', () => {
  const identity: Identity = {
    subject: 'officer-17',
    role: Role.VIEWER,
    agency: null,
    scopes: [],
    units: ['u1', 'u2'],
  };
  afterEach(() => jest.useRealTimers());

  it('reuses one signature per identity for the reuse window, then signs afresh', async () => {
    jest.useFakeTimers({
      now: new Date('2026-11-27T08:00:00Z'),
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'],
    });
    const sign = createIdentitySigner(DEV_INTERNAL_SIGNING_SECRET, 30_000);
    const first = await sign(identity);
    expect(await sign(identity)).toBe(first);
    jest.setSystemTime(new Date('2026-11-27T08:00:29Z'));
    expect(await sign(identity)).toBe(first);
    // Still at least 30 s of its 60 s left whenever it is sent.
    await expect(verifyIdentity(first, DEV_INTERNAL_SIGNING_SECRET)).resolves.toEqual(identity);
    jest.setSystemTime(new Date('2026-11-27T08:00:31Z'));
    const second = await sign(identity);
    expect(second).not.toBe(first);
    await expect(verifyIdentity(second, DEV_INTERNAL_SIGNING_SECRET)).resolves.toEqual(identity);
  });

  it('signs each identity for itself', async () => {
    const sign = createIdentitySigner(DEV_INTERNAL_SIGNING_SECRET, 30_000);
    const other = { ...identity, units: ['u3'] };
    await expect(verifyIdentity(await sign(other), DEV_INTERNAL_SIGNING_SECRET)).resolves.toEqual(other);
    await expect(verifyIdentity(await sign(identity), DEV_INTERNAL_SIGNING_SECRET)).resolves.toEqual(identity);
  });
});
