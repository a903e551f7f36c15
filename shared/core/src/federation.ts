/**
 * The one definition of the federation: which services exist, their packages and folders, their
 * ports, and the variable that tells a service where each subgraph is. Everything that names them
 * reads this: the launcher behind `npm start` and `npm test`, the gateway's defaults, composition,
 * each subgraph's default port, the tests, and the generator of docker/compose.yaml and the
 * Kubernetes manifests (`npm run deployment`), whose committed output a unit test compares with it.
 */
export const GATEWAY = {
  name: 'gateway',
  package: '@cadres/gateway',
  directory: 'gateway',
  port: 4000,
} as const;

export const SUBGRAPHS = [
  {
    name: 'personnel',
    package: '@cadres/personnel',
    directory: 'subgraphs/personnel',
    port: 4001,
    urlVariable: 'PERSONNEL_URL',
    /** Asks planning during appointments and rotations whether a cadre is in the planning (rule 8). */
    calls: ['planning'],
  },
  {
    name: 'training',
    package: '@cadres/training',
    directory: 'subgraphs/training',
    port: 4002,
    urlVariable: 'TRAINING_URL',
    /** Asks personnel for a nominee's record and to expand callers' granted subtrees. */
    calls: ['personnel'],
  },
  {
    name: 'planning',
    package: '@cadres/planning',
    directory: 'subgraphs/planning',
    port: 4003,
    urlVariable: 'PLANNING_URL',
    /** Asks personnel for the facts planning rules need and to expand callers' granted subtrees. */
    calls: ['personnel'],
  },
] as const;

export type SubgraphService = (typeof SUBGRAPHS)[number];
export type SubgraphName = SubgraphService['name'];
export type SubgraphUrlVariable = SubgraphService['urlVariable'];
export type ServiceName = typeof GATEWAY.name | SubgraphName;

export const SUBGRAPH_NAMES: readonly SubgraphName[] = SUBGRAPHS.map((subgraph) => subgraph.name);

export function subgraphService(name: SubgraphName): SubgraphService {
  const found = SUBGRAPHS.find((subgraph) => subgraph.name === name);
  if (!found) throw new Error(`no subgraph named ${name}`);
  return found;
}

/** Every service's port, keyed by name: the defaults of `npm start` and of each service's PORT. */
export type ServicePorts = Record<ServiceName, number>;

export const DEFAULT_PORTS: ServicePorts = Object.fromEntries(
  [GATEWAY, ...SUBGRAPHS].map((service) => [service.name, service.port]),
) as ServicePorts;

/** The subgraphs a service calls directly: the gateway all of them, a subgraph those in its `calls`. */
export function callees(service: ServiceName): readonly SubgraphService[] {
  if (service === GATEWAY.name) return SUBGRAPHS;
  const calls: readonly SubgraphName[] = subgraphService(service).calls;
  return SUBGRAPHS.filter((subgraph) => calls.includes(subgraph.name));
}

/** The services allowed to call a subgraph: the gateway and the subgraphs that name it in `calls`. */
export function callers(name: SubgraphName): readonly ServiceName[] {
  return [
    GATEWAY.name,
    ...SUBGRAPHS.filter((subgraph) => (subgraph.calls as readonly SubgraphName[]).includes(name)).map(
      (subgraph) => subgraph.name,
    ),
  ];
}

/**
 * The `*_URL` variables a service needs, pointing at each subgraph it calls; `url` gives the
 * address of a subgraph (127.0.0.1 and its port locally, its service name in compose or Kubernetes).
 */
export function subgraphUrlEnv(
  service: ServiceName,
  url: (subgraph: SubgraphService) => string,
): Partial<Record<SubgraphUrlVariable, string>> {
  return Object.fromEntries(callees(service).map((subgraph) => [subgraph.urlVariable, url(subgraph)]));
}
