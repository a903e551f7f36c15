import { demoKeys, Role } from '@cadres/core';
import { mintDevToken } from './authentication';
import { DEV_AUTH_HS256_SECRET, type GatewayEnv } from './env';
import express, { type Router } from 'express';
import { dirname, join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';

/** The folder of an installed package, found without relying on its `exports` map. */
function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== name) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package ${name} not found`);
    dir = parent;
  }
  return dir;
}

/** Every asset the page needs, served from node_modules: no CDN, so it works on closed networks. */
const ASSETS: Record<string, [pkg: string, file: string, type: string]> = {
  'react.js': ['react', 'umd/react.production.min.js', 'text/javascript'],
  'react-dom.js': ['react-dom', 'umd/react-dom.production.min.js', 'text/javascript'],
  'graphiql.js': ['graphiql', 'graphiql.min.js', 'text/javascript'],
  'graphiql.css': ['graphiql', 'graphiql.min.css', 'text/css'],
};

export const EXAMPLE_DOSSIER_QUERY = `# One cadre's dossier: personnel, training and planning data in one request.
query CadreDossier($id: ID!) {
  cadre(id: $id) {
    fullName
    sex
    dateOfBirth
    ethnicity
    category
    orgUnit { name level }
    currentAssignments { title { name } orgUnit { name } termEndsOn }
    careerHistory {
      __typename
      ... on Assignment { startsOn endsOn title { name } orgUnit { name } }
      ... on Mobility { kind purpose startsOn plannedEndOn fromOrgUnit { name } toOrgUnit { name } }
    }
    trainingHistory {
      programme { name category }
      class { code startDate endDate }
      provider { name }
      mode
      status
      resultRating
    }
    politicalTheoryLevel
    stateManagementLevel
    planningHistory {
      term { code track }
      title { name }
      status
    }
  }
}
`;

function page(graphqlPath: string, headers: string): string {
  const variables = JSON.stringify({ id: demoKeys.cadreId(1) }, null, 2);
  const config = JSON.stringify({ url: graphqlPath, query: EXAMPLE_DOSSIER_QUERY, variables, headers }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Cadres platform · GraphiQL</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/graphiql/assets/graphiql.css">
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="/graphiql/assets/react.js"></script>
  <script src="/graphiql/assets/react-dom.js"></script>
  <script src="/graphiql/assets/graphiql.js"></script>
  <script>
    const config = ${config};
    const fetcher = GraphiQL.createFetcher({ url: config.url });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultQuery: config.query, defaultEditorToolsVisibility: true, variables: config.variables, headers: config.headers }),
    );
  </script>
</body>
</html>`;
}

/**
 * In development (HS256 with the development key) the page comes with an ADMIN token in its
 * headers, so GraphiQL works at once; in production the user pastes their own.
 */
async function defaultHeaders(env: GatewayEnv): Promise<string> {
  // Only with the development key: a real HS256 key never mints tokens for a web page.
  const development = env.NODE_ENV !== 'production' && !env.AUTH_JWKS_FILE && !env.AUTH_JWKS_URL && env.AUTH_HS256_SECRET === DEV_AUTH_HS256_SECRET;
  if (!development) return JSON.stringify({ Authorization: 'Bearer <your token>' }, null, 2);
  const token = await mintDevToken({ subject: 'graphiql-developer', role: Role.ADMIN, orgUnits: [], agency: null, scopes: [] }, env.AUTH_HS256_SECRET);
  return JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2);
}

export async function graphiqlRouter(graphqlPath: string, env: GatewayEnv): Promise<Router> {
  const router = express.Router();
  const assets = new Map(
    Object.entries(ASSETS).map(([name, [pkg, file, type]]) => [name, { path: join(packageDir(pkg), file), type }]),
  );
  router.get('/graphiql', async (_req, res) => {
    res.type('html').send(page(graphqlPath, await defaultHeaders(env)));
  });
  router.get('/graphiql/assets/:name', (req, res) => {
    const asset = assets.get(req.params.name);
    if (!asset) {
      res.status(404).end();
      return;
    }
    res.type(asset.type).sendFile(asset.path, { maxAge: '1d' });
  });
  return router;
}
