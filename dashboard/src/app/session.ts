import type { UserManager } from 'oidc-client-ts';

/** What the gateway tells the page about signing in (GET /dashboard/config.json). */
export interface DashboardConfig {
  /** Development only: the gateway mints tokens for a picked role (never in production). */
  devRoles: string[];
  /** The identity provider whose keys the gateway trusts (AUTH_JWKS_URL), when configured. */
  oidc: { authority: string; clientId: string; scope: string } | null;
  /** The largest spreadsheet POST /import/<kind> accepts. */
  importMaxBytes: number;
}

export interface Session {
  token: string;
  role: string;
  subject: string;
  scopes: string[];
  /** Milliseconds since the epoch. */
  expiresAt: number;
  via: 'development' | 'oidc';
}

const DEV_SESSION_KEY = 'cadres.dashboard.devSession';

/** The claims the page shapes itself by; the gateway and subgraphs decide what may be read. */
function claimsOf(token: string): { role: string; sub: string; exp: number; scopes: string[] } {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const claims = JSON.parse(json) as {
    role?: unknown;
    sub?: unknown;
    exp?: unknown;
    scopes?: unknown;
    scope?: unknown;
  };
  const scopes = Array.isArray(claims.scopes)
    ? claims.scopes.map(String)
    : typeof claims.scope === 'string'
      ? claims.scope.split(' ').filter(Boolean)
      : [];
  return {
    role: typeof claims.role === 'string' ? claims.role : '',
    sub: typeof claims.sub === 'string' ? claims.sub : '',
    exp: typeof claims.exp === 'number' ? claims.exp : 0,
    scopes,
  };
}

export function sessionFromToken(token: string, via: Session['via']): Session {
  const { role, sub, exp, scopes } = claimsOf(token);
  return { token, role, subject: sub, scopes, expiresAt: exp * 1000, via };
}

/** Who may upload spreadsheets: the roles that write (the subgraphs decide each row's scope). */
export function canImport(session: Session): boolean {
  return session.role === 'ADMIN' || session.role === 'ORGANIZER';
}

/**
 * Whether the dossier asks for sensitive fields (personal id, religion, Party dates, standards gap):
 * ADMIN, or a token granting every scope they need. The API decides anyway; asking only when
 * allowed keeps a VIEWER's page free of refusals.
 */
export function readsSensitiveFields(session: Session): boolean {
  return (
    session.role === 'ADMIN' ||
    ['pii:read', 'party:read', 'standards:read'].every((scope) => session.scopes.includes(scope))
  );
}

export async function loadConfig(): Promise<DashboardConfig> {
  const response = await fetch('/dashboard/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config ${response.status}`);
  return (await response.json()) as DashboardConfig;
}

let userManager: Promise<UserManager> | undefined;

/**
 * OpenID Connect authorization code with PKCE (oidc-client-ts does PKCE for the code flow). The
 * library is a chunk of its own, loaded only when an identity provider is configured: a deployment
 * without one (development, the role picker) never downloads or parses it on a first view.
 */
function oidcClient(config: NonNullable<DashboardConfig['oidc']>): Promise<UserManager> {
  userManager ??= import('oidc-client-ts').then(
    ({ UserManager, WebStorageStateStore }) =>
      new UserManager({
        authority: config.authority,
        client_id: config.clientId,
        redirect_uri: `${location.origin}/dashboard/callback`,
        post_logout_redirect_uri: `${location.origin}/dashboard/`,
        response_type: 'code',
        scope: config.scope,
        // The tab's session only: a token never outlives the browser tab that signed in.
        userStore: new WebStorageStateStore({ store: sessionStorage }),
        automaticSilentRenew: false,
      }),
  );
  return userManager;
}

export async function signInWithIdp(config: DashboardConfig, returnTo: string): Promise<void> {
  if (!config.oidc) return;
  await (await oidcClient(config.oidc)).signinRedirect({ state: returnTo });
}

/** After the provider's redirect: exchanges the code (with the PKCE verifier) for tokens. */
export async function completeSignIn(config: DashboardConfig): Promise<{ session: Session; returnTo: string }> {
  const user = await (await oidcClient(config.oidc!)).signinRedirectCallback();
  const returnTo = typeof user.state === 'string' && user.state.startsWith('/dashboard') ? user.state : '/dashboard/';
  return { session: sessionFromToken(user.access_token, 'oidc'), returnTo };
}

export async function restoreSession(config: DashboardConfig): Promise<Session | null> {
  const fresh = (session: Session | null) => (session && session.expiresAt > Date.now() + 10_000 ? session : null);
  if (config.oidc) {
    const user = await (await oidcClient(config.oidc)).getUser();
    if (user && !user.expired) return fresh(sessionFromToken(user.access_token, 'oidc'));
  }
  if (config.devRoles.length) {
    const stored = sessionStorage.getItem(DEV_SESSION_KEY);
    if (stored) return fresh(sessionFromToken(stored, 'development'));
  }
  return null;
}

export async function signInWithDevRole(role: string): Promise<Session> {
  const response = await fetch('/dashboard/dev-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role }),
  });
  if (!response.ok) throw new Error(`dev-token ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  sessionStorage.setItem(DEV_SESSION_KEY, token);
  return sessionFromToken(token, 'development');
}

export async function signOut(config: DashboardConfig, session: Session): Promise<void> {
  sessionStorage.removeItem(DEV_SESSION_KEY);
  if (session.via === 'oidc' && config.oidc) await (await oidcClient(config.oidc)).removeUser();
}
