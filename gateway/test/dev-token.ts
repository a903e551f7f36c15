import { Role } from '@cadres/core';
import { randomUUID } from 'node:crypto';
import { mintDevToken } from '../src/authentication';

/**
 * A client's token for the gateways these tests start, valid five minutes: an admin sees every
 * unit, anyone else one unit of their own, a partner speaks for an agency.
 */
export const devToken = (secret: string, role: Role, subject = `officer-${randomUUID()}`) =>
  mintDevToken(
    {
      subject,
      role,
      orgUnits: role === Role.ADMIN ? [] : [randomUUID()],
      agency: role === Role.PARTNER ? 'Sở Nội vụ tỉnh Lai Châu' : null,
      scopes: [],
    },
    secret,
    '5m',
  );
