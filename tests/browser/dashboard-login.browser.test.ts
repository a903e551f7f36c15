import { demoKeys, must } from '@cadres/core';
import { freePorts } from '@cadres/platform';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser } from 'playwright-core';
import { startE2EPlatform, type E2EPlatform } from '../support/platform';

/**
 * Signing in to the dashboard as in production: OpenID Connect authorization code with PKCE at a
 * real OpenID provider run locally (npm `oidc-provider`, tests/support/oidc-provider.mjs), whose
 * RS256 access tokens the gateway verifies through AUTH_JWKS_URL. With a JWKS configured the
 * development role picker and its token route are gone.
 */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TIMEOUT = 90_000;

let provider: ChildProcess | undefined;
let platform: E2EPlatform | undefined;
let browser: Browser | undefined;
let origin: string;

/** Starts the provider for a redirect to the dashboard at `origin`; resolves with its issuer. */
function startProvider(redirectUri: string): Promise<{ issuer: string; resource: string }> {
  provider = spawn(
    process.execPath,
    [join(__dirname, '..', 'support', 'oidc-provider.mjs'), redirectUri, demoKeys.orgUnitId('DB')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    provider!.once('exit', (code) => reject(new Error(`the OpenID provider exited (${code})`)));
    createInterface({ input: provider!.stdout! }).once('line', (line) =>
      resolve(JSON.parse(line) as { issuer: string; resource: string }),
    );
  });
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
  const ports = await freePorts();
  origin = `http://localhost:${ports.gateway}`;
  const { issuer, resource } = await startProvider(`${origin}/dashboard/callback`);
  [platform, browser] = await Promise.all([
    startE2EPlatform({
      ports,
      env: {
        AUTH_JWKS_URL: `${issuer}/jwks`,
        AUTH_ISSUER: issuer,
        AUTH_AUDIENCE: resource,
        DASHBOARD_OIDC_AUTHORITY: issuer,
        DASHBOARD_OIDC_CLIENT_ID: 'cadres-dashboard',
        DASHBOARD_OIDC_SCOPE: 'openid',
      },
    }),
    chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
      timeout: TIMEOUT,
    }),
  ]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  provider?.kill('SIGTERM');
});

describe('dashboard sign-in through OpenID Connect', () => {
  it('offers no development tokens once the gateway trusts an identity provider', async () => {
    const config = (await (await fetch(`${origin}/dashboard/config.json`)).json()) as {
      devRoles: string[];
      oidc: { authority: string } | null;
    };
    expect(config.devRoles).toEqual([]);
    expect(config.oidc?.authority).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(
      (
        await fetch(`${origin}/dashboard/dev-token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"role":"ADMIN"}',
        })
      ).status,
    ).toBe(404);
  });

  it(
    'a VIEWER signs in with the code flow and PKCE, and the training page loads with the provider’s token',
    async () => {
      const context = await browser!.newContext();
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT);
      const authorizeUrls: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/auth?')) authorizeUrls.push(request.url());
      });
      await page.goto(`${origin}/dashboard/training?year=2021`);
      await page.getByRole('button', { name: 'Đăng nhập qua hệ thống xác thực' }).click();
      // The provider's own login page (its development interactions): any password, login = role.
      await page.locator('input[name="login"]').fill('viewer');
      await page.locator('input[name="password"]').fill('any');
      await page.locator('button[type="submit"]').click();
      await page.locator('.who[data-role="VIEWER"]').waitFor();
      await page.locator('[data-table="quota-fulfilment"]').waitFor();
      expect(page.url()).toBe(`${origin}/dashboard/training?year=2021`);
      const authorize = new URL(must(authorizeUrls[0], 'the login went to the identity provider'));
      expect(authorize.searchParams.get('response_type')).toBe('code');
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await context.close();
    },
    TIMEOUT,
  );
});
