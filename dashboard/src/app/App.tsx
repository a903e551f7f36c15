import { ApolloProvider } from '@apollo/client/react';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { Skeleton } from '../components/QueryState';
import { createClient } from './apollo';
import { useI18n } from './i18n';
import { DossierPage, DossierSearchPage, ImportPage, OverviewPage, PlanningPage, TrainingPage } from './pages';
import { TokenContext } from './token';
import {
  canImport,
  completeSignIn,
  readsSensitiveFields,
  restoreSession,
  signInWithDevRole,
  signInWithIdp,
  signOut,
  type DashboardConfig,
  type Session,
} from './session';
import { navigate, useLocation } from './url-state';

const PAGES = [
  { path: '/overview', key: 'overview' },
  { path: '/training', key: 'training' },
  { path: '/planning', key: 'planning' },
  { path: '/dossiers', key: 'dossiers' },
  { path: '/import', key: 'import' },
] as const;

export function App({ config }: { config: DashboardConfig }) {
  const { t } = useI18n();
  const { path } = useLocation();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (path === '/callback') {
      completeSignIn(config).then(
        ({ session: signedIn, returnTo }) => {
          setSession(signedIn);
          // Back where the user was when asked to sign in, filters included.
          const url = new URL(returnTo, location.origin);
          navigate(url.pathname.replace(/^\/dashboard/, '') || '/', Object.fromEntries(url.searchParams), true);
        },
        () => {
          setFailure(t('errorTitle'));
          setSession(null);
        },
      );
      return;
    }
    restoreSession(config).then(setSession, () => setSession(null));
    // Once, on load (config and path as they were then): later navigation keeps the session in state.
  }, []);

  const client = useMemo(() => (session ? createClient(() => session.token) : null), [session]);

  if (session === undefined) return <div className="skeleton-card" aria-busy="true" />;
  if (!session || !client) return <SignIn config={config} onSession={setSession} failure={failure} />;
  return (
    <ApolloProvider client={client}>
      <TokenContext.Provider value={() => session.token}>
        <Shell session={session} onSignOut={() => void signOut(config, session).then(() => setSession(null))}>
          {session.role === 'PARTNER' ? (
            <p className="notice warning">{t('partnerNoDashboard')}</p>
          ) : (
            <Suspense fallback={<Skeleton />}>
              <Page path={path} session={session} config={config} />
            </Suspense>
          )}
        </Shell>
      </TokenContext.Provider>
    </ApolloProvider>
  );
}

function Page({ path, session, config }: { path: string; session: Session; config: DashboardConfig }) {
  const { t } = useI18n();
  const sensitive = readsSensitiveFields(session);
  if (path === '/' || path === '/overview') return <OverviewPage />;
  if (path === '/training') return <TrainingPage />;
  if (path === '/planning') return <PlanningPage />;
  if (path === '/dossiers') return <DossierSearchPage />;
  if (path === '/import' && canImport(session)) return <ImportPage maxBytes={config.importMaxBytes} />;
  const [, dossier] = /^\/dossiers\/([0-9a-f-]{36})$/.exec(path) ?? [];
  if (dossier) return <DossierPage id={dossier} sensitive={sensitive} />;
  return <p className="notice">{t('notFound')}</p>;
}

function Shell({ session, onSignOut, children }: { session: Session; onSignOut(): void; children: React.ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  const { path, params } = useLocation();
  const current = path === '/' ? '/overview' : `/${path.split('/')[1]}`;
  // The unit chosen on one page stays chosen on the next (the other filters are each page's own).
  const unit = params.get('unit') ?? undefined;
  return (
    <>
      <header className="topbar no-print">
        <strong className="brand">{t('appTitle')}</strong>
        <nav aria-label={t('appTitle')}>
          {PAGES.filter((page) => page.path !== '/import' || canImport(session)).map((page) => (
            <a
              key={page.path}
              href={`/dashboard${page.path}${unit ? `?unit=${encodeURIComponent(unit)}` : ''}`}
              aria-current={current === page.path ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault();
                navigate(page.path, { unit });
              }}
            >
              {t(page.key)}
            </a>
          ))}
        </nav>
        <span className="who" data-role={session.role}>
          {t('signedInAs')}: {session.role}
        </span>
        <button
          type="button"
          className="secondary"
          onClick={() => setLanguage(language === 'vi' ? 'en' : 'vi')}
          lang={language === 'vi' ? 'en' : 'vi'}
        >
          {t('language')}
        </button>
        <button type="button" className="secondary" onClick={onSignOut}>
          {t('signOut')}
        </button>
      </header>
      <main>{children}</main>
    </>
  );
}

function SignIn({
  config,
  onSession,
  failure,
}: {
  config: DashboardConfig;
  onSession(session: Session): void;
  failure: string | null;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(failure);
  return (
    <main className="signin">
      <h1>{t('appTitle')}</h1>
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      {config.oidc && (
        <button type="button" onClick={() => void signInWithIdp(config, location.pathname + location.search)}>
          {t('signInWithIdp')}
        </button>
      )}
      {config.devRoles.length > 0 && (
        <fieldset>
          <legend>{t('devRolePicker')}</legend>
          {config.devRoles.map((role) => (
            <button
              key={role}
              type="button"
              className="secondary"
              data-dev-role={role}
              onClick={() => signInWithDevRole(role).then(onSession, () => setError(t('errorTitle')))}
            >
              {role}
            </button>
          ))}
        </fieldset>
      )}
    </main>
  );
}
