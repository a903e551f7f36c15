/**
 * The layering the folders promise, checked on every `npm run lint` (dependency-cruiser reads the
 * TypeScript sources, type-only imports included). See ARCHITECTURE.md for the picture.
 *
 * Inside a subgraph (subgraphs/<name>/src):
 *   resolver → service → repository → TypeORM/SQL, wired by container.ts alone;
 *   features (modules/<feature>/) depend one way, in the order listed in FEATURE_ORDER below.
 * The model files of a feature (entities, enums, GraphQL object and input types) are the
 * subgraph's shared vocabulary: any feature may name them (TypeORM relations and GraphQL fields
 * point both ways), but not its repositories, services, resolvers, loaders or rules.
 */

/** Each subgraph's features, lowest first: a feature may use the behaviour of those before it only. */
const FEATURE_ORDER = {
  personnel: [
    'rules',
    'org-unit',
    'title',
    'change-log',
    'cadre',
    'decision',
    'discipline',
    'evaluation',
    'appointment',
    'mobility',
    'career',
    'cadre-import',
    'career-import',
    'statistics',
  ],
  training: [
    'rules',
    'qualification',
    'plan',
    'training-class',
    'programme',
    'enrollment',
    'roster-import',
    'cadre',
    'statistics',
  ],
  planning: [
    'rule-set',
    'term',
    'title',
    'standards',
    'planned-title',
    'planning-entry',
    'round',
    'list-import',
    'cadre',
    'statistics',
  ],
};

/** Files every feature may import from another: the model. */
const MODEL = '\\.(entity|enums|type|types|inputs)\\.ts$';
const MODULES = '^subgraphs/[^/]+/src/modules/';

const featureOrderRules = Object.entries(FEATURE_ORDER).flatMap(([subgraph, features]) =>
  features.slice(0, -1).map((feature, index) => ({
    name: `feature-order-${subgraph}-${feature}`,
    severity: 'error',
    comment: `${subgraph}: ${feature} comes before ${features.slice(index + 1).join(', ')} (FEATURE_ORDER): it may use their model only.`,
    from: { path: `^subgraphs/${subgraph}/src/modules/${feature}/` },
    to: { path: `^subgraphs/${subgraph}/src/modules/(${features.slice(index + 1).join('|')})/`, pathNot: MODEL },
  })),
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment:
        'Modules depend one way; a cycle (type-only imports included) means two modules cannot be understood apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'unknown-feature',
      severity: 'error',
      comment:
        'Every feature folder has its place in FEATURE_ORDER (.dependency-cruiser.cjs), so that the one-way order covers it.',
      from: {
        path: MODULES,
        pathNot: Object.entries(FEATURE_ORDER).map(
          ([subgraph, features]) => `^subgraphs/${subgraph}/src/modules/(${features.join('|')})/`,
        ),
      },
      to: {},
    },
    ...featureOrderRules,
    {
      name: 'sql-in-repositories-only',
      severity: 'error',
      comment:
        'Only repositories (and the entities they map) speak TypeORM; services get a Transaction from their UnitOfWork and pass it on.',
      from: { path: MODULES, pathNot: '\\.(repository|entity)\\.ts$' },
      to: { path: '^node_modules/typeorm/' },
    },
    {
      name: 'resolvers-above-data-access',
      severity: 'error',
      comment:
        'A resolver gets what the container hands it (services for writes and rules, read methods and loaders for reads); it imports no repository, client or transaction runner.',
      from: { path: '\\.resolver\\.ts$' },
      to: { path: ['\\.repository\\.ts$', '/database-errors\\.ts$', '/clients/'] },
    },
    {
      name: 'resolvers-apart',
      severity: 'error',
      comment:
        'A resolver never imports another resolver (helpers they share live in policy, access or a rules module).',
      from: { path: '\\.resolver\\.ts$' },
      to: { path: '\\.resolver\\.ts$' },
    },
    {
      name: 'container-is-only-typed-from-resolvers',
      severity: 'error',
      comment: 'Resolvers name the container’s type (what they are handed); only the subgraph’s entry points build it.',
      from: { path: MODULES },
      to: { path: '^subgraphs/[^/]+/src/container\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'services-below-resolvers',
      severity: 'error',
      comment:
        'Services know neither resolvers, loaders, the request context nor the container; they get repositories and a UnitOfWork.',
      from: { path: '\\.service\\.ts$' },
      to: {
        path: ['\\.resolver\\.ts$', '\\.loaders\\.ts$', '/container\\.ts$', '/context\\.ts$', '/database-errors\\.ts$'],
      },
    },
    {
      name: 'repositories-at-the-bottom',
      severity: 'error',
      comment:
        'Repositories know only the model and the kit: not services, resolvers, loaders, clients or the container.',
      from: { path: '\\.repository\\.ts$' },
      to: {
        path: [
          '\\.service\\.ts$',
          '\\.resolver\\.ts$',
          '\\.loaders\\.ts$',
          '/container\\.ts$',
          '/context\\.ts$',
          '/clients/',
        ],
      },
    },
    {
      name: 'only-the-container-constructs',
      severity: 'error',
      comment:
        'Repositories and services are built in container.ts only (elsewhere they are named as types; a repository may share another’s SQL fragment).',
      from: {
        path: '^subgraphs/[^/]+/src/',
        pathNot: ['/container\\.ts$', '/seed/', '/generate-cli\\.ts$', '\\.repository\\.ts$'],
      },
      to: { path: '\\.(repository|service)\\.ts$', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
  },
};
