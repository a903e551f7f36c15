import { Role } from '@cadres/core';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIdentityResolver, createTokenVerifier, mintDevToken, type TokenClaims } from './authentication';
import { gatewayEnvSchema } from './env';

const env = (overrides: Record<string, string>) => gatewayEnvSchema.parse({ NODE_ENV: 'test', ...overrides });

async function jwksFile(alg: 'RS256' | 'ES256') {
  const { publicKey, privateKey } = await generateKeyPair(alg);
  const jwk = { ...(await exportJWK(publicKey)), kid: `${alg}-key`, alg, use: 'sig' };
  const file = join(mkdtempSync(join(tmpdir(), 'jwks-')), 'jwks.json');
  writeFileSync(file, JSON.stringify({ keys: [jwk] }));
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg, kid: `${alg}-key` })
      .setSubject('officer-17')
      .setIssuer('https://id.dienbien.gov.vn')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
  return { file, sign };
}

describe('bearer tokens', () => {
  it.each(['RS256', 'ES256'] as const)('accepts %s tokens against a JWKS file, with issuer checked', async (alg) => {
    const { file, sign } = await jwksFile(alg);
    const verify = createTokenVerifier(env({ AUTH_JWKS_FILE: file, AUTH_ISSUER: 'https://id.dienbien.gov.vn' }));
    const claims = await verify(
      await sign({ role: 'PARTNER', org: ['a'], agency: 'Bộ Nội vụ', scope: 'pii:read party:read' }),
    );
    expect(claims).toEqual({
      subject: 'officer-17',
      role: Role.PARTNER,
      orgUnits: ['a'],
      agency: 'Bộ Nội vụ',
      scopes: ['pii:read', 'party:read'],
    });
  });

  it('refuses, under a JWKS, a token signed with the HS256 development key', async () => {
    const { file } = await jwksFile('RS256');
    const verify = createTokenVerifier(env({ AUTH_JWKS_FILE: file }));
    const devToken = await mintDevToken(
      { subject: 'x', role: Role.ADMIN, orgUnits: [], agency: null, scopes: [] },
      env({}).AUTH_HS256_SECRET,
    );
    await expect(verify(devToken)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  describe('times', () => {
    const secret = env({}).AUTH_HS256_SECRET;
    const now = () => Math.floor(Date.now() / 1000);
    const sign = (build: (jwt: SignJWT) => SignJWT) =>
      build(new SignJWT({ role: 'VIEWER', org: [] }).setProtectedHeader({ alg: 'HS256' }).setSubject('officer-9')).sign(
        new TextEncoder().encode(secret),
      );

    it('accepts iat and nbf up to TOKEN_CLOCK_SKEW_SECONDS ahead (the issuer’s clock may run ahead)', async () => {
      const verify = createTokenVerifier(env({ TOKEN_CACHE_SIZE: '0' }));
      await expect(
        verify(
          await sign((jwt) =>
            jwt
              .setIssuedAt(now() + 25)
              .setNotBefore(now() + 25)
              .setExpirationTime(now() + 600),
          ),
        ),
      ).resolves.toMatchObject({ subject: 'officer-9' });
    });

    it.each<[string, (jwt: SignJWT) => SignJWT]>([
      ['without exp', (jwt) => jwt.setIssuedAt()],
      ['issued beyond the skew in the future', (jwt) => jwt.setIssuedAt(now() + 40).setExpirationTime(now() + 600)],
      [
        'valid only from beyond the skew',
        (jwt) =>
          jwt
            .setIssuedAt()
            .setNotBefore(now() + 40)
            .setExpirationTime(now() + 600),
      ],
      ['expired a second ago (no skew on exp)', (jwt) => jwt.setIssuedAt(now() - 60).setExpirationTime(now() - 1)],
    ])('refuses a token %s with UNAUTHENTICATED', async (_case, build) => {
      const verify = createTokenVerifier(env({ TOKEN_CACHE_SIZE: '0' }));
      await expect(verify(await sign(build))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it('takes its skew from TOKEN_CLOCK_SKEW_SECONDS', async () => {
      const token = await sign((jwt) => jwt.setIssuedAt(now() + 40).setExpirationTime(now() + 600));
      await expect(createTokenVerifier(env({ TOKEN_CLOCK_SKEW_SECONDS: '60' }))(token)).resolves.toMatchObject({
        subject: 'officer-9',
      });
      await expect(
        createTokenVerifier(env({ TOKEN_CLOCK_SKEW_SECONDS: '0' }))(
          await sign((jwt) => jwt.setIssuedAt(now() + 5).setExpirationTime(now() + 600)),
        ),
      ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    });
  });

  it('refuses a token with no known role', async () => {
    const verify = createTokenVerifier(env({}));
    const token = await mintDevToken(
      { subject: 'x', role: 'SERVICE' as Role, orgUnits: [], agency: null, scopes: [] },
      env({}).AUTH_HS256_SECRET,
    );
    await expect(verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('what the gateway remembers between requests', () => {
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });
  const fakeNow = (iso: string) =>
    jest.useFakeTimers({ now: new Date(iso), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });

  it('trusts a verified token again without verifying it, but never past its expiry', async () => {
    fakeNow('2026-11-27T08:00:00Z');
    const secret = env({}).AUTH_HS256_SECRET;
    const verify = createTokenVerifier(env({}));
    const token = await mintDevToken(
      { subject: 'x', role: Role.ADMIN, orgUnits: [], agency: null, scopes: [] },
      secret,
      '2s',
    );
    const claims = await verify(token);
    expect(await verify(token)).toBe(claims); // the remembered claims, not a second verification
    jest.setSystemTime(new Date('2026-11-27T08:00:03Z'));
    await expect(verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('verifies every request with TOKEN_CACHE_SIZE=0', async () => {
    const verify = createTokenVerifier(env({ TOKEN_CACHE_SIZE: '0' }));
    const token = await mintDevToken(
      { subject: 'x', role: Role.ADMIN, orgUnits: [], agency: null, scopes: [] },
      env({}).AUTH_HS256_SECRET,
    );
    expect(await verify(token)).not.toBe(await verify(token));
  });

  it('forwards a scope as its subtree roots, and hands out the same identity for a TTL', () => {
    fakeNow('2026-11-27T08:00:00Z');
    const resolve = createIdentityResolver(30_000);
    const [root, child] = ['0b6f7a8e-1c1d-4a52-9a53-1f7c2d0e4a11', '5d0e2a33-8b7c-4f4e-9d2a-6c1b3e5f7a99'];
    const claims: TokenClaims = {
      subject: 'v',
      role: Role.VIEWER,
      orgUnits: [child, root, child],
      agency: null,
      scopes: [],
    };
    const first = resolve(claims);
    expect(first).toEqual({
      subject: 'v',
      role: Role.VIEWER,
      agency: null,
      scopes: [],
      unitRoots: [root, child].sort(),
    });
    expect(resolve({ ...claims })).toBe(first);
    expect(resolve({ ...claims, role: Role.ADMIN })).toEqual({
      subject: 'v',
      role: Role.ADMIN,
      agency: null,
      scopes: [],
      units: null,
    });
    expect(resolve({ ...claims, orgUnits: [] })).toEqual(expect.objectContaining({ unitRoots: [] }));
    jest.setSystemTime(new Date('2026-11-27T08:00:31Z'));
    expect(resolve(claims)).not.toBe(first);
  });

  it('refuses a scope that names a unit by anything but its id', () => {
    const resolve = createIdentityResolver(30_000);
    expect(() =>
      resolve({ subject: 'v', role: Role.VIEWER, orgUnits: ["DB-BTC'; --"], agency: null, scopes: [] }),
    ).toThrow(/organisation scope/);
  });
});
