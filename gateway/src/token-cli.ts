import { demoKeys, isUuid, loadEnvOrExit, Role } from '@cadres/core';
import { parseArgs } from 'node:util';
import { mintDevToken } from './authentication';
import { gatewayEnvSchema } from './env';

/**
 * `npm run token -- --role PARTNER --org DB-BTC --agency "Sở Nội vụ Hà Nội" --scopes pii:read,party:read`
 * prints a development token (HS256, the development key). Units are ids, or demo codes.
 */
const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'ADMIN' },
    org: { type: 'string', multiple: true, default: [] },
    agency: { type: 'string' },
    scopes: { type: 'string', default: '' },
    sub: { type: 'string' },
    ttl: { type: 'string', default: '8h' },
  },
});

const env = loadEnvOrExit(gatewayEnvSchema, 'token');
if (env.NODE_ENV === 'production') {
  process.stderr.write('Development tokens are refused in production: tokens come from your identity provider.\n');
  process.exit(1);
}
const role = values.role as Role;
if (![Role.ADMIN, Role.ORGANIZER, Role.VIEWER, Role.PARTNER].includes(role)) {
  process.stderr.write(`--role is one of ADMIN, ORGANIZER, VIEWER, PARTNER\n`);
  process.exit(1);
}
const orgUnits = values.org.flatMap((o) => o.split(',')).map((o) => (isUuid(o) ? o : demoKeys.orgUnitId(o)));
mintDevToken(
  {
    subject: values.sub ?? `dev-${role.toLowerCase()}`,
    role,
    orgUnits,
    agency: values.agency ?? null,
    scopes: values.scopes.split(',').filter(Boolean),
  },
  env.AUTH_HS256_SECRET,
  values.ttl,
).then(
  (token) => process.stdout.write(`${token}\n`),
  (error: unknown) => {
    process.stderr.write(`could not mint the token: ${String(error)}\n`);
    process.exit(1);
  },
);
