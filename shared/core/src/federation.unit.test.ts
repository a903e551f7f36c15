import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callees, callers, DEFAULT_PORTS, GATEWAY, SUBGRAPHS, subgraphUrlEnv } from './federation';

const root = join(__dirname, '../../..');
const packageName = (directory: string) =>
  (JSON.parse(readFileSync(join(root, directory, 'package.json'), 'utf8')) as { name: string }).name;

describe('the federation definition', () => {
  it('names each service by the package in its folder, and gives each its own port', () => {
    for (const service of [GATEWAY, ...SUBGRAPHS]) expect(packageName(service.directory)).toBe(service.package);
    const ports = Object.values(DEFAULT_PORTS);
    expect(new Set(ports).size).toBe(ports.length);
    expect(DEFAULT_PORTS).toEqual({ gateway: 4000, personnel: 4001, training: 4002, planning: 4003 });
  });

  it('is what the committed supergraph was composed from (names and URLs)', () => {
    const graphs = [
      ...readFileSync(join(root, 'gateway/supergraph.graphql'), 'utf8').matchAll(
        /@join__graph\(name: "(\w+)", url: "([^"]+)"\)/g,
      ),
    ];
    expect(Object.fromEntries(graphs.map(([, name, url]) => [name, url]))).toEqual(
      Object.fromEntries(SUBGRAPHS.map(({ name, port }) => [name, `http://127.0.0.1:${port}/graphql`])),
    );
  });

  it('says who calls whom: the gateway every subgraph, personnel planning, training and planning personnel', () => {
    expect(callees('gateway').map(({ name }) => name)).toEqual(['personnel', 'training', 'planning']);
    expect(callers('personnel')).toEqual(['gateway', 'training', 'planning']);
    expect(callers('planning')).toEqual(['gateway', 'personnel']);
    expect(callers('training')).toEqual(['gateway']);
    expect(subgraphUrlEnv('training', ({ name }) => `http://${name}/graphql`)).toEqual({
      PERSONNEL_URL: 'http://personnel/graphql',
    });
  });
});
