/**
 * Where a process's CPU went, from a V8 CPU profile (`node --cpu-prof`):
 * `node tests/dist/bench/profile-top.js <file.cpuprofile>… [--top=25]` prints, for each profile,
 * the process's entry script, its busy time (idle excluded), and the self time of the top
 * functions and of the top modules (an npm package, or a file of ours), as shares of busy time.
 * Profile the platform during a bench run with NODE_OPTIONS="--cpu-prof --cpu-prof-dir=<dir>"
 * (every process the bench starts inherits it; each writes its profile as it exits).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const TOP = Number(process.argv.find((a) => a.startsWith('--top='))?.split('=')[1] ?? 25);
const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));

/** An npm package (scoped or not, the innermost node_modules), a file of ours, or V8's own ("(garbage collector)"). */
function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const path = url.replace(/^file:\/\//, '');
  const packaged = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (packaged) return packaged[1]!;
  if (path.startsWith('node:')) return 'node (core)';
  return path.replace(/^.*?\/(subgraphs|shared|gateway|tests)\//, '$1/');
}

function top(totals: Map<string, number>, busy: number): string[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
    .map(
      ([name, us]) =>
        `  ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`,
    );
}

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id)!.callFrame;
    const us = profile.timeDeltas[i] ?? 0;
    if (frame.functionName === '(idle)') return;
    busy += us;
    const module = moduleOf(frame.url, frame.functionName);
    const where = frame.url ? `${module}:${frame.lineNumber + 1}` : module;
    const name = `${frame.functionName || '(anonymous)'} ${where}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    byModule.set(module, (byModule.get(module) ?? 0) + us);
  });
  const service = [...profile.nodes]
    .map((n) => /(subgraphs\/[a-z]+|gateway|tests\/dist\/bench\/[a-z-]+)\//.exec(n.callFrame.url)?.[1])
    .find(Boolean);
  process.stdout.write(
    `\n${basename(file)}: ${service ?? 'unknown process'}, busy ${(busy / 1000).toFixed(0)} ms\nTop modules (self time):\n${top(byModule, busy).join('\n')}\nTop functions (self time):\n${top(byFunction, busy).join('\n')}\n`,
  );
}
