import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeFile, kubernetesFiles } from './deployment';
import { REPO_ROOT } from './services';

/** `npm run deployment`: writes docker/compose.yaml and docker/k8s/ from the federation's definition. */
const k8s = join(REPO_ROOT, 'docker', 'k8s');
writeFileSync(join(REPO_ROOT, 'docker', 'compose.yaml'), composeFile());
mkdirSync(k8s, { recursive: true });
const files = kubernetesFiles();
// A manifest no longer generated (a subgraph removed) goes too.
for (const stale of readdirSync(k8s).filter((name) => name.endsWith('.yaml') && !(name in files)))
  rmSync(join(k8s, stale));
for (const [name, text] of Object.entries(files)) writeFileSync(join(k8s, name), text);
process.stdout.write(`wrote docker/compose.yaml and docker/k8s/{${Object.keys(files).join(',')}}\n`);
