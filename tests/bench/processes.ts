/**
 * The bench's own processes (gateways, the static subgraphs), started by the bench. Apart from
 * gateway-process.ts, which those processes load: they need not load @cadres/platform.
 */
import { freePort, startService } from '@cadres/platform';
import type { ChildProcess } from 'node:child_process';

/**
 * Starts a bench process (`script`, relative to the repository) on a free port (PORT) and waits for
 * its "ready", sent once all its workers listen (serveInWorkers). The process joins `started` at
 * once, so that it is stopped even when it never gets ready.
 */
export async function startReadyProcess(
  script: string,
  env: NodeJS.ProcessEnv,
  started: ChildProcess[],
): Promise<{ port: number; pid?: number }> {
  const port = await freePort();
  const output: string[] = [];
  const child = startService(script, { ...process.env, ...env, PORT: String(port) }, 'pipe', output);
  started.push(child);
  await new Promise<void>((resolve, reject) => {
    const fail = (why: string) => reject(new Error(`${script} ${why}:\n${output.slice(-20).join('\n')}`));
    const timer = setTimeout(() => fail('did not get ready in time'), 120_000);
    child.once('message', () => (clearTimeout(timer), resolve()));
    child.once('exit', (code) => (clearTimeout(timer), fail(`exited with code ${code}`)));
  });
  return { port, pid: child.pid };
}
