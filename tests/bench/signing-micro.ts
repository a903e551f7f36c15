/**
 * What signing every subgraph call costs (issue 12): the gateway signs each call at send time
 * (`signRequest`), each subgraph verifies it (`verifyRequestSignature`) before parsing the body.
 * Measured for bodies the size of a dossier's `_entities` call, a page of 50 dossiers' call, and a
 * 100 KB body (the gateway's request limit), in microseconds of CPU (and wall clock) per call.
 *
 *   npm run build && node tests/dist/bench/signing-micro.js
 */
import {
  DEV_INTERNAL_SIGNING_SECRET,
  IDENTITY_HEADER,
  Role,
  signIdentity,
  signRequest,
  verifyRequestSignature,
  type SignedRequest,
} from '@cadres/core';
import { performance } from 'node:perf_hooks';

function representations(count: number): string {
  const refs = Array.from({ length: count }, (_, i) => ({
    __typename: 'Cadre',
    id: `e9165b66-1563-58a2-a140-${String(i).padStart(12, '0')}`,
    orgUnit: { id: '0b6f7a8e-1c1d-4a52-9a53-1f7c2d0e4a11' },
  }));
  return JSON.stringify({
    query:
      'query Dossier__training__1($representations:[_Any!]!){_entities(representations:$representations){...on Cadre{trainingHistory{programme{name}class{code}provider{name}mode status resultRating}}}}',
    variables: { representations: refs },
    operationName: 'Dossier__training__1',
  });
}

/**
 * Mean wall-clock and CPU time per call. CPU time is the figure to read on a shared machine: wall
 * time also counts the moments another process had the core.
 */
function measure(label: string, run: () => unknown, iterations: number): number {
  for (let i = 0; i < Math.min(iterations, 2_000); i++) run();
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < iterations; i++) run();
  const { user, system } = process.cpuUsage(cpu);
  const wall = ((performance.now() - started) * 1000) / iterations;
  const cpuMicros = (user + system) / iterations;
  process.stdout.write(
    `${label.padEnd(40)} ${cpuMicros.toFixed(2).padStart(8)} µs CPU ${wall.toFixed(2).padStart(8)} µs wall\n`,
  );
  return cpuMicros;
}

async function main(): Promise<void> {
  const secret = DEV_INTERNAL_SIGNING_SECRET;
  const identity = await signIdentity(
    {
      subject: 'bench',
      role: Role.VIEWER,
      agency: null,
      scopes: [],
      unitRoots: ['0b6f7a8e-1c1d-4a52-9a53-1f7c2d0e4a11'],
    },
    secret,
  );
  process.stdout.write(`node ${process.version}, per call (mean of many):\n`);
  for (const [name, body, iterations] of [
    ['one dossier (1 representation)', representations(1), 100_000],
    ['a page of 50 dossiers (50 representations)', representations(50), 20_000],
    ['100 KB body', representations(Math.round(100_000 / 115)), 2_000],
  ] as const) {
    const request: SignedRequest = {
      audience: 'training',
      method: 'POST',
      path: '/graphql',
      headers: { [IDENTITY_HEADER]: identity, 'x-request-id': 'bench-request' },
      body,
    };
    const signature = signRequest(secret, request);
    process.stdout.write(`${name}: ${body.length} bytes\n`);
    const sign = measure('  sign (gateway, at send time)', () => signRequest(secret, request), iterations);
    const verify = measure(
      '  verify (subgraph, before parsing)',
      () => verifyRequestSignature(secret, signature, request),
      iterations,
    );
    process.stdout.write(`${'  sign + verify'.padEnd(40)} ${(sign + verify).toFixed(2).padStart(8)} µs CPU\n`);
  }
}

void main();
