import { Role } from '@cadres/core';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTokenVerifier, mintDevToken } from './authentication';
import { gatewayEnvSchema } from './env';

const env = (overrides: Record<string, string>) => gatewayEnvSchema.parse({ NODE_ENV: 'test', ...overrides });

async function jwksFile(alg: 'RS256' | 'ES256') {
  const { publicKey, privateKey } = await generateKeyPair(alg);
  const jwk = { ...(await exportJWK(publicKey)), kid: `${alg}-key`, alg, use: 'sig' };
  const file = join(mkdtempSync(join(tmpdir(), 'jwks-')), 'jwks.json');
  writeFileSync(file, JSON.stringify({ keys: [jwk] }));
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ alg, kid: `${alg}-key` }).setSubject('officer-17').setIssuer('https://id.dienbien.gov.vn').setIssuedAt().setExpirationTime('5m').sign(privateKey);
  return { file, sign };
}

describe('bearer tokens', () => {
  it.each(['RS256', 'ES256'] as const)('accepts %s tokens against a JWKS file, with issuer checked', async (alg) => {
    const { file, sign } = await jwksFile(alg);
    const verify = createTokenVerifier(env({ AUTH_JWKS_FILE: file, AUTH_ISSUER: 'https://id.dienbien.gov.vn' }));
    const claims = await verify(await sign({ role: 'PARTNER', org: ['a'], agency: 'Bộ Nội vụ', scope: 'pii:read party:read' }));
    expect(claims).toEqual({ subject: 'officer-17', role: Role.PARTNER, orgUnits: ['a'], agency: 'Bộ Nội vụ', scopes: ['pii:read', 'party:read'] });
  });

  it('refuses, under a JWKS, a token signed with the HS256 development key', async () => {
    const { file } = await jwksFile('RS256');
    const verify = createTokenVerifier(env({ AUTH_JWKS_FILE: file }));
    const devToken = await mintDevToken({ subject: 'x', role: Role.ADMIN, orgUnits: [], agency: null, scopes: [] }, env({}).AUTH_HS256_SECRET);
    await expect(verify(devToken)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a token with no known role', async () => {
    const verify = createTokenVerifier(env({}));
    const token = await mintDevToken({ subject: 'x', role: 'SERVICE' as Role, orgUnits: [], agency: null, scopes: [] }, env({}).AUTH_HS256_SECRET);
    await expect(verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
