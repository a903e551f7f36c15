import { loadEnvOrExit, Role } from '@cadres/core';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { mintDevToken } from './authentication';
import { gatewayEnvSchema } from './env';

/**
 * `npm run report -- --from 2020-10-01 --to 2023-04-30 --out bao-cao.docx` writes the committee's
 * report for the period, as the running gateway's GET /export/report.docx gives it (the figures are
 * the live statistics, over the token's units). `--gateway` (default GATEWAY_URL or
 * http://localhost:4000) and `--token` (default: a development ADMIN token; refused in production,
 * where a token from the identity provider must be given).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      gateway: { type: 'string', default: process.env.GATEWAY_URL ?? 'http://localhost:4000' },
      token: { type: 'string', default: process.env.TOKEN },
    },
  });
  if (!values.from || !values.to || !values.out) {
    process.stderr.write(
      'usage: npm run report -- --from yyyy-mm-dd --to yyyy-mm-dd --out report.docx [--gateway URL] [--token TOKEN]\n',
    );
    process.exit(2);
  }
  let token = values.token;
  if (!token) {
    const env = loadEnvOrExit(gatewayEnvSchema, 'report');
    if (env.NODE_ENV === 'production') {
      process.stderr.write(
        'Give --token (from your identity provider): development tokens are refused in production.\n',
      );
      process.exit(2);
    }
    token = await mintDevToken(
      { subject: 'report-cli', role: Role.ADMIN, orgUnits: [], agency: null, scopes: [] },
      env.AUTH_HS256_SECRET,
      '10m',
    );
  }
  const url = new URL('/export/report.docx', values.gateway);
  url.searchParams.set('from', values.from);
  url.searchParams.set('to', values.to);
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { errors?: { message: string }[] } | null;
    process.stderr.write(
      `The gateway refused the report (${response.status}): ${body?.errors?.[0]?.message ?? response.statusText}\n`,
    );
    process.exit(1);
  }
  await writeFile(values.out, Buffer.from(await response.arrayBuffer()));
  process.stdout.write(`${values.out}: the report for ${values.from} – ${values.to}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
