// Validates a kustomization's manifests offline against the Kubernetes API's JSON schemas (the
// npm package kubernetes-models: one schema per apiVersion and kind, generated from the API's
// OpenAPI document), the way a server-side dry run would check types and required fields.
//   node shared/platform/validate-k8s.mjs docker/k8s
// Prints one line per resource; exits 1 listing every problem. ESM because kubernetes-models is.
import * as models from 'kubernetes-models';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

const directory = process.argv[2];
if (!directory) {
  process.stderr.write('usage: validate-k8s.mjs <directory with kustomization.yaml>\n');
  process.exit(2);
}

/** apps/v1 → models.apps.v1; networking.k8s.io/v1 → models.networkingK8sIo.v1; v1 → models.v1. */
function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [undefined, apiVersion];
  const groupKey = group?.replace(/\.(\w)/g, (_, letter) => letter.toUpperCase());
  const versions = group ? models[groupKey] : models;
  return versions?.[version]?.[kind];
}

const problems = [];
const kustomization = parse(readFileSync(join(directory, 'kustomization.yaml'), 'utf8'));
const listed = kustomization?.resources ?? [];
if (kustomization?.kind !== 'Kustomization' || !Array.isArray(listed) || listed.length === 0)
  problems.push('kustomization.yaml: not a Kustomization listing resources');
for (const file of readdirSync(directory).filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml')) {
  if (!listed.includes(file)) problems.push(`${file}: not listed in kustomization.yaml`);
}

const seen = new Set();
for (const file of listed) {
  if (!existsSync(join(directory, file))) {
    problems.push(`${file}: listed in kustomization.yaml but missing`);
    continue;
  }
  for (const [index, document] of parseAllDocuments(readFileSync(join(directory, file), 'utf8')).entries()) {
    const where = `${file}#${index + 1}`;
    if (document.errors.length) {
      problems.push(`${where}: ${document.errors.map((e) => e.message).join('; ')}`);
      continue;
    }
    const resource = document.toJSON();
    const Model = resource && modelOf(String(resource.apiVersion), String(resource.kind));
    if (!Model) {
      problems.push(`${where}: unknown apiVersion/kind ${resource?.apiVersion}/${resource?.kind}`);
      continue;
    }
    const id = `${resource.kind}/${resource.metadata?.namespace ?? kustomization.namespace}/${resource.metadata?.name}`;
    if (seen.has(id)) problems.push(`${where}: ${id} defined twice`);
    seen.add(id);
    try {
      new Model(resource).validate();
      process.stdout.write(`valid ${resource.apiVersion} ${id} (${where})\n`);
    } catch (error) {
      problems.push(`${where} ${id}: ${error.message}`);
    }
  }
}

if (problems.length) {
  process.stderr.write(`${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`${seen.size} resources valid\n`);
