import { startEmbeddedPostgres } from './embedded-postgres';

/**
 * `node embedded-postgres-cli.js <dataDir> <port> [--init-only]`: one embedded PostgreSQL as a
 * process of its own, for tests that stop and start a server (Jest cannot load the library, an
 * ES module, itself). Prints `ready` once it accepts connections; SIGTERM stops it (PostgreSQL's
 * fast shutdown: every session is ended, as in a real restart), then the process exits.
 */
async function main(): Promise<void> {
  const [dataDir, port, flag] = process.argv.slice(2);
  if (!dataDir || !Number(port)) throw new Error('usage: embedded-postgres-cli <dataDir> <port> [--init-only]');
  const initOnly = flag === '--init-only';
  const server = await startEmbeddedPostgres(dataDir, Number(port), (line) => process.stderr.write(`${line}\n`), {
    start: !initOnly,
  });
  if (initOnly) return;
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
