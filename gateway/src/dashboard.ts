import { demoKeys, Role, type Logger } from '@cadres/core';
import express, { type Router } from 'express';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mintDevToken } from './authentication';
import { negotiateEncoding, sendBody } from './compression';
import { DEV_AUTH_HS256_SECRET, type GatewayEnv } from './env';
import { IMPORT_UPLOAD_MAX_BYTES } from './import-upload';

/**
 * The Organization Committee's dashboard (the `dashboard/` workspace package), served from its
 * build output like GraphiQL: local files only, hashed asset names kept a year, the page itself
 * never reused unchecked, and every path under /dashboard that is not an asset answered with the
 * page (deep links: /dashboard/dossiers/<id>?…).
 */

/** Hashed URLs never change content: browsers and proxies keep them a year without asking again. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Roles the development picker offers; a PARTNER has no dashboard, and the picker shows it so. */
export const DEV_ROLES: readonly Role[] = [Role.ADMIN, Role.ORGANIZER, Role.VIEWER, Role.PARTNER];

export interface DashboardBuild {
  dir: string;
  indexHtml: string;
  /** SHA-256 → query text of every operation the dashboard sends. */
  persistedQueries: Record<string, string>;
}

/** The dashboard's build output, or null when it has not been built (the gateway then serves no page). */
export function readDashboardBuild(): DashboardBuild | null {
  let dir: string;
  try {
    dir = join(dirname(require.resolve('@cadres/dashboard/package.json', { paths: [__dirname] })), 'dist');
  } catch {
    return null;
  }
  if (!existsSync(join(dir, 'index.html')) || !existsSync(join(dir, 'persisted-queries.json'))) return null;
  return {
    dir,
    indexHtml: readFileSync(join(dir, 'index.html'), 'utf8'),
    persistedQueries: JSON.parse(readFileSync(join(dir, 'persisted-queries.json'), 'utf8')) as Record<string, string>,
  };
}

/** Tokens minted for a web page only with the development key, never in production (as GraphiQL's). */
export function developmentTokens(env: GatewayEnv): boolean {
  return (
    env.NODE_ENV !== 'production' &&
    !env.AUTH_JWKS_FILE &&
    !env.AUTH_JWKS_URL &&
    env.AUTH_HS256_SECRET === DEV_AUTH_HS256_SECRET
  );
}

/**
 * Scripts, styles, fonts and data only from the gateway itself (and the identity provider, which
 * the page asks for its discovery document and tokens); inline styles are allowed because ECharts
 * and React set style attributes; no inline script, no framing.
 */
export function dashboardCsp(env: GatewayEnv): string {
  const idp = env.DASHBOARD_OIDC_AUTHORITY ? ` ${new URL(env.DASHBOARD_OIDC_AUTHORITY).origin}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "img-src 'self' data: blob:",
    `connect-src 'self'${idp}`,
    "base-uri 'none'",
    `form-action 'self'${idp}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Development identities: the province's whole tree for the roles that need a scope. */
function devClaims(role: Role) {
  const province = [demoKeys.orgUnitId('DB')];
  switch (role) {
    case Role.ADMIN:
      return { subject: 'dashboard-admin', role, orgUnits: [], agency: null, scopes: [] };
    case Role.ORGANIZER:
      return {
        subject: 'dashboard-organizer',
        role,
        orgUnits: province,
        agency: null,
        scopes: ['pii:read', 'party:read', 'standards:read', 'evaluation:read', 'discipline:read'],
      };
    case Role.VIEWER:
      return { subject: 'dashboard-viewer', role, orgUnits: province, agency: null, scopes: [] };
    default:
      return {
        subject: 'dashboard-partner',
        role: Role.PARTNER,
        orgUnits: province,
        agency: 'Sở Nội vụ (thử nghiệm)',
        scopes: [],
      };
  }
}

export function dashboardRouter(env: GatewayEnv, build: DashboardBuild | null, logger: Logger): Router {
  const router = express.Router();
  const assetsDir = build ? join(build.dir, 'assets') : '';
  const assets = new Set(build ? readdirSync(assetsDir) : []);
  const csp = dashboardCsp(env);

  router.get('/dashboard/config.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      devRoles: developmentTokens(env) ? DEV_ROLES : [],
      // The upload form checks the size before sending; the gateway checks it again.
      importMaxBytes: IMPORT_UPLOAD_MAX_BYTES,
      oidc:
        env.DASHBOARD_OIDC_AUTHORITY && env.DASHBOARD_OIDC_CLIENT_ID
          ? {
              authority: env.DASHBOARD_OIDC_AUTHORITY,
              clientId: env.DASHBOARD_OIDC_CLIENT_ID,
              scope: env.DASHBOARD_OIDC_SCOPE,
            }
          : null,
    });
  });

  router.post('/dashboard/dev-token', express.json({ limit: '1kb' }), async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    // Not a route at all outside development: production tokens come from the identity provider.
    if (!developmentTokens(env)) return void res.status(404).end();
    const role = (req.body as { role?: unknown } | undefined)?.role;
    if (!DEV_ROLES.includes(role as Role))
      return void res.status(400).json({ error: `role is one of ${DEV_ROLES.join(', ')}` });
    res.json({ token: await mintDevToken(devClaims(role as Role), env.AUTH_HS256_SECRET, '8h') });
  });

  router.get('/dashboard/assets/:file', (req, res) => {
    const file = req.params.file;
    if (!assets.has(file) || file.endsWith('.br') || file.endsWith('.gz')) return void res.status(404).end();
    // Precompressed at build (dashboard/scripts/finish-build.mjs): the client's preferred encoding if stored.
    const encoding = env.COMPRESSION === 'on' ? negotiateEncoding(req.headers['accept-encoding']) : null;
    const suffix = encoding === 'br' ? '.br' : encoding === 'gzip' ? '.gz' : null;
    const stored = suffix && assets.has(file + suffix) ? suffix : null;
    if (env.COMPRESSION === 'on' && assets.has(`${file}.gz`)) res.setHeader('Vary', 'Accept-Encoding');
    if (stored) res.setHeader('Content-Encoding', stored === '.br' ? 'br' : 'gzip');
    res.type(file.replace(/^.*\./, '.'));
    res.sendFile(
      join(assetsDir, stored ? file + stored : file),
      { headers: { 'Cache-Control': IMMUTABLE }, cacheControl: false, lastModified: false, acceptRanges: false },
      (error) => {
        if (error && !res.headersSent) res.status(404).end();
      },
    );
  });

  // The page for every other path: the client-side router picks the view from the URL.
  router.get(['/dashboard', '/dashboard/{*rest}'], async (req, res) => {
    if (!build) {
      logger.warn('dashboard requested but not built');
      return void res.status(503).type('text').send('The dashboard has not been built: run `npm run build`.');
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.type('html');
    await sendBody(req, res, build.indexHtml, env.COMPRESSION === 'on');
  });
  return router;
}
