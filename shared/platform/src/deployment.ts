/**
 * docker/compose.yaml and the Kubernetes manifests in docker/k8s/, generated from the federation's
 * definition (shared/core/src/federation.ts) by `npm run deployment`. The committed files are this
 * output: deployment.unit.test.ts fails when they differ, so a subgraph, port or call added to the
 * definition reaches compose, the Deployments, Services and NetworkPolicies together.
 *
 * The manifests are typed with the Kubernetes API's own types (kubernetes-models), so a misspelt or
 * misplaced field does not compile; the test validates the written YAML against the API's schemas.
 */
import { callees, callers, GATEWAY, SUBGRAPHS, type ServiceName, type SubgraphService } from '@cadres/core';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment' with { 'resolution-mode': 'import' };
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler' with {
  'resolution-mode': 'import',
};
import type { IJob } from 'kubernetes-models/batch/v1/Job' with { 'resolution-mode': 'import' };
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy' with {
  'resolution-mode': 'import',
};
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget' with {
  'resolution-mode': 'import',
};
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap' with { 'resolution-mode': 'import' };
import type { IContainer } from 'kubernetes-models/v1/Container' with { 'resolution-mode': 'import' };
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar' with { 'resolution-mode': 'import' };
import type { INamespace } from 'kubernetes-models/v1/Namespace' with { 'resolution-mode': 'import' };
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec' with { 'resolution-mode': 'import' };
import type { ISecret } from 'kubernetes-models/v1/Secret' with { 'resolution-mode': 'import' };
import type { IService } from 'kubernetes-models/v1/Service' with { 'resolution-mode': 'import' };
import { stringify } from 'yaml';

const NAMESPACE = 'cadres';
const PART_OF = 'cadres';
/** What every placeholder secret holds: too short and not a URL, so a service given it refuses to start. */
export const SECRET_PLACEHOLDER = 'REPLACE_ME';
const SERVICES = [GATEWAY, ...SUBGRAPHS] as const;

const imageOf = (name: ServiceName) => `cadres-${name}`;
const urlIn = (host: (subgraph: SubgraphService) => string) => (subgraph: SubgraphService) =>
  `http://${host(subgraph)}:${subgraph.port}/graphql`;
const toYaml = (value: unknown) => stringify(value, { lineWidth: 0 });
const documents = (header: string, resources: object[]) => `${header}${resources.map(toYaml).join('---\n')}`;

// --- docker/compose.yaml ------------------------------------------------------------------------

const readyCheck = (port: number) => [
  'CMD',
  'node',
  '-e',
  `fetch('http://127.0.0.1:${port}/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`,
];

function composeService(service: (typeof SERVICES)[number]) {
  return {
    build: {
      context: '..',
      dockerfile: 'docker/Dockerfile',
      args: { SERVICE: service.name, SERVICE_DIR: service.directory, PORT: String(service.port) },
    },
    restart: 'unless-stopped',
    healthcheck: {
      test: readyCheck(service.port),
      interval: '10s',
      timeout: '3s',
      retries: 3,
      start_period: service.name === GATEWAY.name ? '20s' : '120s',
    },
  };
}

export function composeFile(): string {
  const subgraphs = Object.fromEntries(
    SUBGRAPHS.map((subgraph) => [
      subgraph.name,
      {
        ...composeService(subgraph),
        // SIGTERM: 5 s of readiness 503 while still serving (SHUTDOWN_DRAIN_MS), then up to 10 s
        // for requests in flight (SHUTDOWN_GRACE_MS), before compose would kill it.
        stop_grace_period: '30s',
        depends_on: { postgres: { condition: 'service_healthy' } },
        environment: {
          DATABASE_URL: 'postgres://cadres:${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}@postgres:5432/cadres',
          INTERNAL_SIGNING_SECRET: '${INTERNAL_SIGNING_SECRET:?set INTERNAL_SIGNING_SECRET (openssl rand -hex 32)}',
          // Comma-separated streaming replicas of the postgres service to read from; none by default.
          DATABASE_REPLICA_URLS: '${DATABASE_REPLICA_URLS:-}',
          MIGRATE_ON_START: 'true',
          SEED_DEMO_DATA: '${SEED_DEMO_DATA:-true}',
          LOG_LEVEL: 'info',
          METRICS_PORT: String(METRICS_PORT),
          ...subgraphUrlsFor(
            subgraph.name,
            urlIn(({ name }) => name),
          ),
        },
      },
    ]),
  );
  const compose = {
    name: 'cadres',
    services: {
      postgres: {
        image: 'postgres:16-bookworm',
        restart: 'unless-stopped',
        environment: {
          POSTGRES_DB: 'cadres',
          POSTGRES_USER: 'cadres',
          POSTGRES_PASSWORD: '${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}',
        },
        volumes: ['postgres-data:/var/lib/postgresql/data'],
        healthcheck: { test: ['CMD', 'pg_isready', '-U', 'cadres', '-d', 'cadres'], interval: '5s', retries: 12 },
      },
      ...subgraphs,
      [GATEWAY.name]: {
        ...composeService(GATEWAY),
        // The drain (5 s) and up to three sequential subgraph calls of SUBGRAPH_TIMEOUT_MS in flight.
        stop_grace_period: '40s',
        environment: {
          ...subgraphUrlsFor(
            GATEWAY.name,
            urlIn(({ name }) => name),
          ),
          INTERNAL_SIGNING_SECRET: '${INTERNAL_SIGNING_SECRET:?set INTERNAL_SIGNING_SECRET (openssl rand -hex 32)}',
          // Production refuses the development HS256 key even when a JWKS verifies tokens.
          AUTH_HS256_SECRET: '${AUTH_HS256_SECRET:?set AUTH_HS256_SECRET (openssl rand -hex 32)}',
          AUTH_JWKS_URL: "${AUTH_JWKS_URL:?set AUTH_JWKS_URL to your identity provider's JWKS}",
          CORS_ORIGINS: '${CORS_ORIGINS:-}',
          LOG_LEVEL: 'info',
          METRICS_PORT: String(METRICS_PORT),
        },
        ports: [`${GATEWAY.port}:${GATEWAY.port}`],
        depends_on: Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, { condition: 'service_healthy' }])),
      },
    },
    volumes: { 'postgres-data': null },
  };
  return `# GENERATED by \`npm run deployment\` from shared/core/src/federation.ts: edit that (or
# shared/platform/src/deployment.ts), not this file; a unit test fails when they differ.
#
# The whole platform on one PostgreSQL, the same way \`npm start\` runs it: each subgraph migrates
# its own schema at start and loads the demo province into empty tables. Every image is built from
# docker/Dockerfile with the service's arguments.
#   POSTGRES_PASSWORD=... INTERNAL_SIGNING_SECRET=... AUTH_HS256_SECRET=... AUTH_JWKS_URL=... docker compose -f docker/compose.yaml up --build
# No secret is stored here: compose refuses to start without them (the images run in production mode).
# Every service restarts unless stopped by hand; a subgraph that starts before PostgreSQL waits
# (readiness 503) and retries, and the gateway starts once every subgraph reports ready
# (/health/ready; liveness is /health/live).
${toYaml(compose)}`;
}

function subgraphUrlsFor(service: ServiceName, url: (subgraph: SubgraphService) => string): Record<string, string> {
  return Object.fromEntries(callees(service).map((subgraph) => [subgraph.urlVariable, url(subgraph)]));
}

// --- docker/k8s/ --------------------------------------------------------------------------------

const labels = (name: ServiceName) => ({
  'app.kubernetes.io/name': name,
  'app.kubernetes.io/part-of': PART_OF,
  'app.kubernetes.io/component': name === GATEWAY.name ? 'gateway' : 'subgraph',
});
const selector = (name: ServiceName) => ({ 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': PART_OF });
const metadata = (name: string, service?: ServiceName) => ({
  name,
  namespace: NAMESPACE,
  ...(service ? { labels: labels(service) } : {}),
});

/**
 * Every service's Prometheus `/metrics` listens on this port of its own (`METRICS_PORT`), never the
 * API's: only the monitoring namespace may reach it (network policies below).
 */
export const METRICS_PORT = 9464;
const MONITORING_NAMESPACE = 'monitoring';

const SECRETS = 'cadres-secrets';
const GATEWAY_CONFIG = 'cadres-gateway';
const databaseUrlKey = (subgraph: SubgraphService) => `${subgraph.name}-database-url`;
const replicaUrlsKey = (subgraph: SubgraphService) => `${subgraph.name}-database-replica-urls`;
const fromSecret = (name: string, key: string, optional = false): IEnvVar => ({
  name,
  valueFrom: { secretKeyRef: { name: SECRETS, key, ...(optional ? { optional } : {}) } },
});
const fromConfig = (name: string, key: string): IEnvVar => ({
  name,
  valueFrom: { configMapKeyRef: { name: GATEWAY_CONFIG, key } },
});
const plain = (env: Record<string, string>): IEnvVar[] => Object.entries(env).map(([name, value]) => ({ name, value }));

/** The container's hardening, its user the image's `node` (uid 1000). */
const hardened: IContainer['securityContext'] = {
  runAsNonRoot: true,
  runAsUser: 1000,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

function container(service: (typeof SERVICES)[number], env: IEnvVar[]): IContainer {
  const probe = (path: string, failureThreshold: number) => ({
    httpGet: { path, port: 'http' },
    periodSeconds: 10,
    timeoutSeconds: 3,
    failureThreshold,
  });
  return {
    name: service.name,
    image: `${imageOf(service.name)}:latest`,
    ports: [
      { name: 'http', containerPort: service.port },
      { name: 'metrics', containerPort: METRICS_PORT },
    ],
    env: [...plain({ PORT: String(service.port), LOG_LEVEL: 'info', METRICS_PORT: String(METRICS_PORT) }), ...env],
    // Ready: a subgraph connected to its database and answering, not stopping; the gateway not stopping.
    readinessProbe: probe('/health/ready', 3),
    // Live: the process runs. A subgraph waiting for its database is live (it retries by itself).
    livenessProbe: probe('/health/live', 6),
    // The root filesystem is read-only; /tmp is the one writable place, should a library want one.
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
    resources:
      service.name === GATEWAY.name
        ? { requests: { cpu: '500m', memory: '256Mi' }, limits: { memory: '512Mi' } }
        : { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } },
    securityContext: hardened,
  };
}

function podSpec(name: ServiceName, containers: IContainer[], terminationGracePeriodSeconds: number): IPodSpec {
  return {
    automountServiceAccountToken: false,
    terminationGracePeriodSeconds,
    // Replicas on different nodes where the cluster can: one node lost must not take a tier with it.
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: 'kubernetes.io/hostname',
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels: selector(name) },
      },
    ],
    containers,
    volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
  };
}

function deployment(
  service: (typeof SERVICES)[number],
  env: IEnvVar[],
  terminationGracePeriodSeconds: number,
): IDeployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadata(service.name, service.name),
    spec: {
      replicas: 2,
      selector: { matchLabels: selector(service.name) },
      // One replica at a time, never below the ready count: each leaves through its drain.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: labels(service.name) },
        spec: podSpec(service.name, [container(service, env)], terminationGracePeriodSeconds),
      },
    },
  };
}

function service(service: (typeof SERVICES)[number]): IService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(service.name, service.name),
    spec: {
      type: 'ClusterIP',
      selector: selector(service.name),
      ports: [{ name: 'http', port: service.port, targetPort: 'http' }],
    },
  };
}

function disruptionBudget(name: ServiceName): IPodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: metadata(name, name),
    spec: { minAvailable: 1, selector: { matchLabels: selector(name) } },
  };
}

function gatewayResources(): object[] {
  const env = [
    ...plain({
      ...subgraphUrlsFor(
        GATEWAY.name,
        urlIn(({ name }) => name),
      ),
      SHUTDOWN_DRAIN_MS: '5000',
    }),
    fromSecret('INTERNAL_SIGNING_SECRET', 'internal-signing-secret'),
    // Production refuses the development HS256 key even when a JWKS verifies tokens.
    fromSecret('AUTH_HS256_SECRET', 'auth-hs256-secret'),
    // Shared rate-limit counters across replicas (optional: without it each replica counts alone).
    fromSecret('REDIS_URL', 'redis-url', true),
    fromConfig('AUTH_JWKS_URL', 'auth-jwks-url'),
    fromConfig('AUTH_ISSUER', 'auth-issuer'),
    fromConfig('AUTH_AUDIENCE', 'auth-audience'),
    fromConfig('CORS_ORIGINS', 'cors-origins'),
    fromConfig('TRUSTED_PROXIES', 'trusted-proxies'),
  ];
  const autoscaler: IHorizontalPodAutoscaler = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: metadata(GATEWAY.name, GATEWAY.name),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: GATEWAY.name },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
      ],
      // Scale down slowly: a replica leaving drains for 5 s, and load on this platform comes in waves.
      behavior: {
        scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] },
      },
    },
  };
  // The drain (5 s), then up to three sequential subgraph calls of SUBGRAPH_TIMEOUT_MS (10 s) in flight.
  return [deployment(GATEWAY, env, 45), service(GATEWAY), autoscaler, disruptionBudget(GATEWAY.name)];
}

function subgraphResources(subgraph: SubgraphService): object[] {
  const env = [
    ...plain({
      ...subgraphUrlsFor(
        subgraph.name,
        urlIn(({ name }) => name),
      ),
      MIGRATE_ON_START: 'false',
      SEED_DEMO_DATA: 'false',
      SHUTDOWN_DRAIN_MS: '5000',
    }),
    fromSecret('DATABASE_URL', databaseUrlKey(subgraph)),
    // Streaming replicas to read from (they carry credentials): absent from the Secret, none.
    fromSecret('DATABASE_REPLICA_URLS', replicaUrlsKey(subgraph), true),
    fromSecret('INTERNAL_SIGNING_SECRET', 'internal-signing-secret'),
  ];
  // SIGTERM: 5 s of drain, then up to 10 s (SHUTDOWN_GRACE_MS) for requests in flight.
  return [deployment(subgraph, env, 30), service(subgraph), disruptionBudget(subgraph.name)];
}

function migrationJob(): IJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      ...metadata('cadres-migrate'),
      labels: { 'app.kubernetes.io/part-of': PART_OF, 'app.kubernetes.io/component': 'migration' },
    },
    spec: {
      backoffLimit: 6,
      ttlSecondsAfterFinished: 86_400,
      template: {
        metadata: { labels: { 'app.kubernetes.io/part-of': PART_OF, 'app.kubernetes.io/component': 'migration' } },
        spec: {
          restartPolicy: 'OnFailure',
          automountServiceAccountToken: false,
          // Each subgraph's image migrates its own schema (`node dist/index.js migrate`), under the
          // advisory lock a starting replica would take; all three run at once.
          containers: SUBGRAPHS.map((subgraph) => ({
            name: `migrate-${subgraph.name}`,
            image: `${imageOf(subgraph.name)}:latest`,
            args: ['dist/index.js', 'migrate'],
            command: ['node'],
            env: [
              ...plain({ LOG_LEVEL: 'info' }),
              fromSecret('DATABASE_URL', databaseUrlKey(subgraph)),
              fromSecret('INTERNAL_SIGNING_SECRET', 'internal-signing-secret'),
            ],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
            securityContext: hardened,
          })),
        },
      },
    },
  };
}

function secrets(): object[] {
  const secret: ISecret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: metadata(SECRETS),
    type: 'Opaque',
    // PLACEHOLDERS, NOT SECRETS. Replace every value before applying (e.g. from your secret store, or
    // `kubectl create secret generic cadres-secrets --from-literal=...`): services refuse to start
    // with REPLACE_ME (too short for a key, not a URL).
    stringData: {
      'internal-signing-secret': SECRET_PLACEHOLDER,
      'auth-hs256-secret': SECRET_PLACEHOLDER,
      ...Object.fromEntries(SUBGRAPHS.map((subgraph) => [databaseUrlKey(subgraph), SECRET_PLACEHOLDER])),
      // Optional, like redis-url: without read replicas, delete these keys (or set them empty).
      ...Object.fromEntries(SUBGRAPHS.map((subgraph) => [replicaUrlsKey(subgraph), SECRET_PLACEHOLDER])),
      'redis-url': SECRET_PLACEHOLDER,
    },
  };
  const config: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: metadata(GATEWAY_CONFIG, GATEWAY.name),
    data: {
      'auth-jwks-url': SECRET_PLACEHOLDER,
      'auth-issuer': SECRET_PLACEHOLDER,
      'auth-audience': SECRET_PLACEHOLDER,
      'cors-origins': '',
      'trusted-proxies': '',
    },
  };
  return [secret, config];
}

function networkPolicies(): INetworkPolicy[] {
  // Prometheus, in the monitoring namespace, scrapes every service's metrics port; nothing else may.
  const scrapeIngress: NonNullable<NonNullable<INetworkPolicy['spec']>['ingress']>[number] = {
    from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': MONITORING_NAMESPACE } } }],
    ports: [{ protocol: 'TCP', port: METRICS_PORT }],
  };
  const denyAll: INetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata('default-deny-ingress'),
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  };
  const gateway: INetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata(`${GATEWAY.name}-ingress`, GATEWAY.name),
    // The gateway is the public entry: any source, its port only (narrow `from` to your ingress controller).
    spec: {
      podSelector: { matchLabels: selector(GATEWAY.name) },
      policyTypes: ['Ingress'],
      ingress: [{ ports: [{ protocol: 'TCP', port: GATEWAY.port }] }, scrapeIngress],
    },
  };
  const subgraphs = SUBGRAPHS.map((subgraph): INetworkPolicy => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata(`${subgraph.name}-ingress`, subgraph.name),
    // Only the gateway and the subgraphs whose rule checks call this one (federation.ts `calls`).
    spec: {
      podSelector: { matchLabels: selector(subgraph.name) },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: callers(subgraph.name).map((caller) => ({ podSelector: { matchLabels: selector(caller) } })),
          ports: [{ protocol: 'TCP', port: subgraph.port }],
        },
        scrapeIngress,
      ],
    },
  }));
  return [denyAll, gateway, ...subgraphs];
}

const K8S_HEADER = `# GENERATED by \`npm run deployment\` from shared/core/src/federation.ts and
# shared/platform/src/deployment.ts: edit those, not this file; a unit test fails when they differ.
`;

/** Every file of docker/k8s/, by name. */
export function kubernetesFiles(): Record<string, string> {
  const namespace: INamespace = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: NAMESPACE, labels: { 'app.kubernetes.io/part-of': PART_OF } },
  };
  const files: Record<string, string> = {
    'namespace.yaml': documents(K8S_HEADER, [namespace]),
    'secrets.yaml': documents(
      `${K8S_HEADER}# PLACEHOLDERS ONLY (${SECRET_PLACEHOLDER}): no real secret is stored in this repository. Replace them
# before applying; a service given a placeholder lists it and exits.
`,
      secrets(),
    ),
    [`${GATEWAY.name}.yaml`]: documents(K8S_HEADER, gatewayResources()),
    ...Object.fromEntries(
      SUBGRAPHS.map((subgraph) => [`${subgraph.name}.yaml`, documents(K8S_HEADER, subgraphResources(subgraph))]),
    ),
    'migration-job.yaml': documents(
      `${K8S_HEADER}# Run before each release's Deployments (the subgraphs start with MIGRATE_ON_START=false):
#   kubectl -n ${NAMESPACE} delete job cadres-migrate --ignore-not-found && kubectl apply -k docker/k8s && kubectl -n ${NAMESPACE} wait --for=condition=complete job/cadres-migrate
`,
      [migrationJob()],
    ),
    'network-policies.yaml': documents(K8S_HEADER, networkPolicies()),
  };
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace: NAMESPACE,
    resources: Object.keys(files),
    // `kustomize edit set image cadres-gateway=registry.example/cadres-gateway:1.2.3` pins a release.
    images: SERVICES.map(({ name }) => ({ name: imageOf(name), newTag: 'latest' })),
  };
  return { ...files, 'kustomization.yaml': `${K8S_HEADER}${toYaml(kustomization)}` };
}
