import { demoKeys, Role } from '@cadres/core';
import { mintDevToken } from './authentication';
import { DEV_AUTH_HS256_SECRET, type GatewayEnv } from './env';
import { negotiateEncoding, sendBody } from './compression';
import { GRAPHIQL_ASSETS_DIR, readGraphiqlAssets, type AssetManifest } from './graphiql-assets';
import express, { type Router } from 'express';
import { join } from 'node:path';

/** Hashed URLs never change content: browsers and proxies keep them a year without asking again. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

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

function page(graphqlPath: string, headers: string, { entries }: AssetManifest): string {
  const asset = (name: keyof AssetManifest['entries']): string => `/graphiql/assets/${entries[name]}`;
  const variables = JSON.stringify({ id: demoKeys.cadreId(1) }, null, 2);
  const config = JSON.stringify({ url: graphqlPath, query: EXAMPLE_DOSSIER_QUERY, variables, headers }).replace(
    /</g,
    '\\u003c',
  );
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Cadres platform · GraphiQL</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${asset('graphiql.css')}">
  <link rel="stylesheet" href="${asset('fonts.css')}">
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="${asset('react.js')}"></script>
  <script src="${asset('react-dom.js')}"></script>
  <script src="${asset('graphiql.js')}"></script>
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
  const development =
    env.NODE_ENV !== 'production' &&
    !env.AUTH_JWKS_FILE &&
    !env.AUTH_JWKS_URL &&
    env.AUTH_HS256_SECRET === DEV_AUTH_HS256_SECRET;
  if (!development) return JSON.stringify({ Authorization: 'Bearer <your token>' }, null, 2);
  const token = await mintDevToken(
    { subject: 'graphiql-developer', role: Role.ADMIN, orgUnits: [], agency: null, scopes: [] },
    env.AUTH_HS256_SECRET,
  );
  return JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2);
}

export async function graphiqlRouter(graphqlPath: string, env: GatewayEnv): Promise<Router> {
  const router = express.Router();
  const manifest = readGraphiqlAssets();
  router.get('/graphiql', async (req, res) => {
    // The page names the current hashed assets (and carries a token in development): never reused unchecked.
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html');
    await sendBody(req, res, page(graphqlPath, await defaultHeaders(env), manifest), env.COMPRESSION === 'on');
  });
  router.get('/graphiql/assets/:file', (req, res) => {
    const asset = Object.hasOwn(manifest.files, req.params.file) ? manifest.files[req.params.file] : undefined;
    if (!asset) {
      res.status(404).end();
      return;
    }
    // Precompressed at build: the client's preferred encoding among those stored, else the original.
    const encoding = env.COMPRESSION === 'on' ? negotiateEncoding(req.headers['accept-encoding']) : null;
    const stored = encoding && asset.encodings.includes(encoding) ? encoding : null;
    if (env.COMPRESSION === 'on' && asset.encodings.length > 0) res.setHeader('Vary', 'Accept-Encoding');
    if (stored) res.setHeader('Content-Encoding', stored);
    res.type(asset.type);
    res.sendFile(
      join(GRAPHIQL_ASSETS_DIR, stored ? `${asset.file}.${stored === 'br' ? 'br' : 'gz'}` : asset.file),
      {
        headers: { 'Cache-Control': IMMUTABLE },
        cacheControl: false,
        lastModified: false,
        // A byte range of a compressed copy would be a range of the copy, not of the file: whole files only.
        acceptRanges: false,
      },
      (error) => {
        // A build's file gone missing, or the client gone: never Express's error page with its stack.
        if (error && !res.headersSent) res.status(404).end();
      },
    );
  });
  return router;
}
