import { demoKeys } from '@cadres/core';
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

function page(graphqlPath: string): string {
  const variables = JSON.stringify({ id: demoKeys.cadreId(1) }, null, 2);
  const config = JSON.stringify({ url: graphqlPath, query: EXAMPLE_DOSSIER_QUERY, variables }).replace(/</g, '\\u003c');
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
      React.createElement(GraphiQL, { fetcher, defaultQuery: config.query, defaultEditorToolsVisibility: true, variables: config.variables }),
    );
  </script>
</body>
</html>`;
}

export function graphiqlRouter(graphqlPath: string): Router {
  const router = express.Router();
  const html = page(graphqlPath);
  const assets = new Map(
    Object.entries(ASSETS).map(([name, [pkg, file, type]]) => [name, { path: join(packageDir(pkg), file), type }]),
  );
  router.get('/graphiql', (_req, res) => {
    res.type('html').send(html);
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
