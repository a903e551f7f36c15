/**
 * CPU time per dossier of each service, on whatever Node.js runs this script (the services are
 * started with the same binary): `node tests/dist/bench/runtime-cpu.js [--dossiers=600]` after
 * `npm run build`, once per runtime, to compare runtimes on a machine others share. Throughput and
 * latency there measure the neighbours; the CPU a process spent (user + system, from
 * /proc/<pid>/stat) per request much less so.
 *
 * The platform runs on a fresh database with the demo province (as the e2e tests do), warms up,
 * then sends the dossiers of random cadres with 8 clients in a closed loop.
 */
import { demoKeys, Role, SeededRandom } from '@cadres/core';
import { createDatabaseIfMissing, dropDatabase, freePorts, startPlatform, withDatabase } from '@cadres/platform';
import { token } from '../support/platform';
import { DOSSIER } from '../support/queries';
import { processCpuMs as cpuMs } from './cpu';

const DOSSIERS = Number(process.argv.find((a) => a.startsWith('--dossiers='))?.split('=')[1] ?? 600);
const CLIENTS = 8;

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL (a PostgreSQL server) is required');
  const database = `cadres_runtime_cpu_${process.pid}`;
  await createDatabaseIfMissing(serverUrl, database);
  const platform = await startPlatform({
    databaseUrl: withDatabase(serverUrl, database),
    ports: await freePorts(),
    seedDemoData: true,
    stdio: 'ignore',
    readyTimeoutMs: 300_000,
    // As the bench: the per-subject rate limit (600 a minute) would refuse the run's single ADMIN client.
    env: { LOG_LEVEL: 'warn', NODE_ENV: 'development', RATE_LIMIT_PER_MINUTE: '100000000' },
  });
  try {
    const bearer = `Bearer ${await token({ role: Role.ADMIN })}`;
    const random = new SeededRandom(1);
    const dossier = async (): Promise<void> => {
      const id = demoKeys.cadreId(1 + Math.floor(random.next() * demoKeys.cadreCount));
      const response = await fetch(`${platform.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: bearer },
        body: JSON.stringify({ query: DOSSIER, variables: { id } }),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (!response.ok || body.errors)
        throw new Error(`dossier failed: ${response.status} ${JSON.stringify(body.errors)}`);
    };
    const run = async (count: number) => {
      let left = count;
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (left-- > 0) await dossier();
        }),
      );
    };
    await run(200); // warm-up: JIT, caches, prepared statements
    const pids = Object.entries(platform.pids).filter((entry): entry is [string, number] => entry[1] !== undefined);
    const before = new Map(pids.map(([name, pid]) => [name, cpuMs(pid)]));
    const started = performance.now();
    await run(DOSSIERS);
    const seconds = (performance.now() - started) / 1000;
    const perDossier = pids.map(([name, pid]) => [name, (cpuMs(pid) - before.get(name)!) / DOSSIERS] as const);
    const total = perDossier.reduce((sum, [, ms]) => sum + ms, 0);
    process.stdout.write(
      `Node ${process.version}, ${DOSSIERS} dossiers (demo province), ${CLIENTS} clients, ${seconds.toFixed(1)} s wall\n` +
        `CPU ms per dossier: ${perDossier.map(([name, ms]) => `${name} ${ms.toFixed(2)}`).join(', ')}, all ${total.toFixed(2)}\n`,
    );
  } finally {
    await platform.stop();
    await dropDatabase(serverUrl, database);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[runtime-cpu] ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
