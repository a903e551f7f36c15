// A real OpenID provider (the npm `oidc-provider`) for the browser tests: the dashboard signs in at
// it with the authorization code flow and PKCE, and the gateway verifies its access tokens (JWTs,
// RS256) through AUTH_JWKS_URL, as with the province's identity provider in production.
// Run as its own process (the package is ESM only): `node oidc-provider.mjs <redirect_uri> <org unit id>`;
// prints `{"issuer": …}` once listening. Accounts: the login name is the role (admin, organizer,
// viewer, partner), through the provider's own development login form.
import Provider from 'oidc-provider';
import { createServer } from 'node:http';
import { URL } from 'node:url';

const [redirectUri, provinceId] = process.argv.slice(2);
const RESOURCE = 'urn:cadres:gateway';
const ROLES = { admin: 'ADMIN', organizer: 'ORGANIZER', viewer: 'VIEWER', partner: 'PARTNER' };

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'cadres-dashboard',
      token_endpoint_auth_method: 'none',
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [redirectUri.replace(/callback$/, '')],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  pkce: { required: () => true },
  cookies: { keys: ['test-only-cookie-key-not-a-secret'] },
  clientBasedCORS: (_ctx, origin) => origin === new URL(redirectUri).origin,
  findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
  // The test's users consent by logging in: the grant is made with the login.
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid');
    grant.addResourceScope(RESOURCE, 'openid');
    await grant.save();
    return grant;
  },
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'openid',
        audience: RESOURCE,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  // The gateway's claims: the role, and the province as the granted subtree for scoped roles.
  extraTokenClaims: (_ctx, token) => {
    const role = ROLES[token.accountId] ?? 'VIEWER';
    return { role, org: role === 'ADMIN' ? [] : [provinceId] };
  },
});
provider.proxy = false;
server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer, resource: RESOURCE })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
