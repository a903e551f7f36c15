import { SUPERGRAPH_PATH, writeSupergraph } from './supergraph';

try {
  writeSupergraph();
  process.stdout.write(`supergraph written to ${SUPERGRAPH_PATH}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
