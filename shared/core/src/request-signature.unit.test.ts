import { SignJWT } from 'jose';
import {
  DEV_INTERNAL_SIGNING_SECRET,
  IDENTITY_HEADER,
  Role,
  signIdentity,
  signRequest,
  verifyIdentity,
  verifyRequestSignature,
  type SignedRequest,
} from './index';

const SECRET = DEV_INTERNAL_SIGNING_SECRET;
const request: SignedRequest = {
  audience: 'training',
  method: 'POST',
  path: '/graphql',
  headers: { [IDENTITY_HEADER]: 'identity-token', 'x-request-id': 'req-1', 'content-type': 'application/json' },
  body: '{"query":"query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }","variables":{"r":[{"__typename":"Cadre","id":"c-1","orgUnit":{"id":"u-1"}}]}}',
};

describe('request signatures', () => {
  it('accept exactly the request signed, within its lifetime', () => {
    const signature = signRequest(SECRET, request, 1_000_000);
    expect(verifyRequestSignature(SECRET, signature, request, 10_000, 1_000_000 + 9_999)).toBe(true);
    // The body as bytes, as a subgraph reads it, is the same body.
    expect(
      verifyRequestSignature(
        SECRET,
        signature,
        { ...request, body: Buffer.from(request.body as string) },
        10_000,
        1_000_000,
      ),
    ).toBe(true);
  });

  // Every part of a request the signature covers, changed one at a time: each change is refused.
  it.each<[string, Partial<SignedRequest>]>([
    ['another body (another unit in a representation)', { body: (request.body as string).replace('u-1', 'u-2') }],
    ['one byte more of body', { body: `${request.body as string} ` }],
    ['another subgraph', { audience: 'planning' }],
    ['another method', { method: 'GET' }],
    ['another path', { path: '/graphql?x=1' }],
    ['another identity', { headers: { ...request.headers, [IDENTITY_HEADER]: 'another-identity' } }],
    ['another request id (the audit records it)', { headers: { ...request.headers, 'x-request-id': 'req-2' } }],
    ['batched request ids added', { headers: { ...request.headers, 'x-batched-request-ids': 'req-3' } }],
  ])('refuse %s', (_case, change) => {
    const signature = signRequest(SECRET, request, 1_000_000);
    expect(verifyRequestSignature(SECRET, signature, { ...request, ...change }, 10_000, 1_000_000)).toBe(false);
  });

  it('refuse a signature past its lifetime, or too far ahead of the clock', () => {
    const signature = signRequest(SECRET, request, 1_000_000);
    expect(verifyRequestSignature(SECRET, signature, request, 10_000, 1_000_000 + 10_001)).toBe(false);
    expect(verifyRequestSignature(SECRET, signature, request, 10_000, 1_000_000 - 10_001)).toBe(false);
  });

  it('refuse another key, a forged time, and anything malformed', () => {
    const signature = signRequest(SECRET, request, 1_000_000);
    expect(
      verifyRequestSignature('another-secret-of-at-least-32-characters', signature, request, 10_000, 1_000_000),
    ).toBe(false);
    // The time is covered by the MAC: moving it forward to revive a stale signature fails.
    expect(
      verifyRequestSignature(SECRET, signature.replace('t=1000000', 't=1005000'), request, 10_000, 1_012_000),
    ).toBe(false);
    for (const bad of [
      undefined,
      '',
      'garbage',
      [signature, signature],
      `${signature}x`,
      signature.replace('v1=', 'v2='),
    ]) {
      expect(verifyRequestSignature(SECRET, bad, request, 10_000, 1_000_000)).toBe(false);
    }
  });
});

describe('identity tokens', () => {
  const viewer = { subject: 'user:1', role: Role.VIEWER, agency: null, scopes: [], unitRoots: ['root-a'] };
  const sign = (build: (jwt: SignJWT) => SignJWT) =>
    build(
      new SignJWT({ role: Role.VIEWER, agency: null, scopes: [], unitRoots: ['root-a'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('user:1')
        .setIssuer('cadres-gateway')
        .setAudience('cadres-subgraphs'),
    ).sign(new TextEncoder().encode(SECRET));
  const now = () => Math.floor(Date.now() / 1000);

  it('are accepted with `iat` and an `exp` at most a minute later (the positive control)', async () => {
    await expect(verifyIdentity(await signIdentity(viewer, SECRET), SECRET)).resolves.toEqual(viewer);
    await expect(
      verifyIdentity(await sign((jwt) => jwt.setIssuedAt().setExpirationTime(now() + 60)), SECRET),
    ).resolves.toEqual(viewer);
  });

  it.each<[string, (jwt: SignJWT) => SignJWT]>([
    ['without exp', (jwt) => jwt.setIssuedAt()],
    ['without iat', (jwt) => jwt.setExpirationTime(now() + 30)],
    ['living longer than a minute', (jwt) => jwt.setIssuedAt().setExpirationTime(now() + 61)],
    ['issued in the future', (jwt) => jwt.setIssuedAt(now() + 30).setExpirationTime(now() + 60)],
    [
      'issued over a minute ago, whatever its exp says',
      (jwt) => jwt.setIssuedAt(now() - 70).setExpirationTime(now() + 30),
    ],
  ])('are refused %s', async (_case, build) => {
    await expect(verifyIdentity(await sign(build), SECRET)).rejects.toThrow();
  });
});
