import { ApolloServerErrorCode } from '@apollo/server/errors';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ErrorCode, isErrorCode } from './errors';

/**
 * ErrorCode claims to list every code a client can see. These checks hold it to that: every code
 * written into an answer anywhere in the platform's sources, every code Apollo Server itself emits
 * (passed on by the formatters), and the README's table of codes for clients must be members, and
 * every member must be in that table.
 */
const root = join(__dirname, '../../..');
const sourceRoots = [
  'gateway/src',
  ...['shared', 'subgraphs'].flatMap((dir) => readdirSync(join(root, dir)).map((name) => `${dir}/${name}/src`)),
];

function* sources(dir: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) yield path;
  }
}

/** Codes written as string literals where an answer's code is set: `extensions: { …, code: 'X' }` or `{ code: 'X', http… }`. */
function literalCodes(text: string): string[] {
  const found = [...text.matchAll(/extensions\s*:\s*\{[^}]*?\bcode\s*:\s*'([^']+)'/g)].map((m) => m[1]!);
  // Apollo-style errors built by hand: { code: 'X', http: … }, { code: 'X', service… }.
  found.push(
    ...[...text.matchAll(/\{\s*code\s*:\s*'([A-Z][A-Z_]+)'\s*,\s*(?:http|service|reason)\b/g)].map((m) => m[1]!),
  );
  return found;
}

describe('ErrorCode, the one list of codes', () => {
  it('has every code the sources write into an answer', () => {
    const strays: string[] = [];
    for (const dir of sourceRoots) {
      for (const file of sources(join(root, dir))) {
        for (const code of literalCodes(readFileSync(file, 'utf8')))
          if (!isErrorCode(code)) strays.push(`${relative(root, file)}: ${code}`);
      }
    }
    expect(strays).toEqual([]);
  });

  it("has every code Apollo Server emits (the formatters pass them on), and the gateway's old UNAVAILABLE is gone", () => {
    expect(Object.values(ApolloServerErrorCode).filter((code) => !isErrorCode(code))).toEqual([]);
    expect(isErrorCode('UNAVAILABLE')).toBe(false);
  });

  it("matches the README's table of codes for clients, both ways", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| `extensions.code` |'));
    const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
    const documented = new Set(
      rows.flatMap((row) => [...row.split('|')[1]!.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]!)),
    );
    expect([...documented].filter((code) => !isErrorCode(code))).toEqual([]);
    expect(Object.values(ErrorCode).filter((code) => !documented.has(code))).toEqual([]);
  });
});
