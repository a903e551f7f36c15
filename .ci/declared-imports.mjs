#!/usr/bin/env node
// Every package a workspace imports must be declared in that workspace's package.json. npm hoists
// all packages to the root node_modules, so an undeclared import works here by accident (another
// workspace brought it) and breaks as soon as that other workspace drops it, or when the workspace
// is installed alone (a Docker image per service). Run by `npm run lint`.
//
// Source files need the package in `dependencies` (they run in production); test files and the
// tests workspace may also use `devDependencies`, the workspace's or the root's (jest, @types/*).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const builtins = new Set(builtinModules);
const SOURCE = /\.(ts|tsx|mts|js|mjs|cjs)$/;
// Test files, and the fixtures beside them in a workspace's test/ folder.
const TEST = /\.test\.(ts|tsx)$|\/test\//;
// `import … from 'x'` and `export … from 'x'` (statements start a line), `import 'x'`, `import('x')`,
// `require('x')`: not the word "from" inside a string or a comment.
const SPECIFIER =
  /(?:^\s*(?:import|export)\b[^;'"]*?\bfrom\s*|^\s*import\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"\n]+)['"]/gm;

function workspaces() {
  return rootPackage.workspaces
    .flatMap((pattern) => {
      if (!pattern.endsWith('/*')) return [pattern];
      const parent = pattern.slice(0, -2);
      return readdirSync(join(root, parent)).map((name) => `${parent}/${name}`);
    })
    .filter((dir) => {
      try {
        return statSync(join(root, dir, 'package.json')).isFile();
      } catch {
        return false;
      }
    });
}

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', 'coverage', '.turbo'].includes(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) yield path;
  }
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; null for relative paths and Node's own modules. */
function packageOf(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return builtins.has(name) ? null : name;
}

// The workspaces that exist only to test the others. A test file may import them undeclared:
// declared (even as devDependencies) they would be part of every service's `turbo prune`, hence of
// its image, which must hold its production code only (docker/Dockerfile; deployment.unit.test.ts).
const TEST_TOOLING = new Set(['@cadres/testing', '@cadres/platform']);

const problems = [];
for (const workspace of workspaces()) {
  const manifest = JSON.parse(readFileSync(join(root, workspace, 'package.json'), 'utf8'));
  const runtime = new Set([
    manifest.name,
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  const development = new Set([
    ...runtime,
    ...Object.keys(manifest.devDependencies ?? {}),
    ...Object.keys(rootPackage.devDependencies ?? {}),
  ]);
  // The tests and the development tooling (the launcher, generator and deployment CLI of
  // shared/platform, the test helpers of shared/testing) run nothing in production; the dashboard is
  // a bundle made at build time (its packages end up in the gateway's static assets, none is loaded
  // at run time): they may use devDependencies everywhere, which keeps them out of the images.
  const testsOnly = ['tests', 'dashboard', 'shared/platform', 'shared/testing'].includes(workspace);
  for (const file of files(join(root, workspace))) {
    const text = readFileSync(file, 'utf8');
    const declared = testsOnly || TEST.test(file) ? development : runtime;
    for (const match of text.matchAll(SPECIFIER)) {
      const name = packageOf(match[1]);
      if (name && !declared.has(name) && !(declared === development && TEST_TOOLING.has(name))) {
        const line = text.slice(0, match.index).split('\n').length;
        problems.push(
          `${relative(root, file)}:${line}: '${name}' is imported but not declared in ${workspace}/package.json${declared === runtime ? ' dependencies' : ''}`,
        );
      }
    }
  }
}

if (problems.length) {
  process.stderr.write(
    `${problems.join('\n')}\n\n${problems.length} undeclared import(s): add each with \`npm install <pkg>@<exact version> -w <workspace> --save-exact\`.\n`,
  );
  process.exit(1);
}
process.stdout.write('declared imports: every imported package is declared by its workspace\n');
