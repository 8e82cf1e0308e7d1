import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Suspense, useRef, useState, type KeyboardEvent } from 'react';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { AppShellQueryDocument, SignOutMutationDocument } from '../graphql/generated';
import { DigitsSwitch, LanguageSwitch } from '../i18n/language-switch';
import { useLocale } from '../i18n/locale';
import { RouteErrorBoundary } from './route-error';
import { ErrorNotice, Loading } from './states';

/**
 * The signed-in frame: header with navigation, user, language, sign-out; the page below.
 * On a phone (styles.css, max-width 700px) the header is one line, the brand and a Menu button
 * (a disclosure) that shows the rest; at wider widths the button is hidden and everything shows.
 */
export function AppShell() {
  const { t } = useLocale();
  const client = useApolloClient();
  const navigate = useNavigate();
  const location = useLocation();
  // Signed in or not, the server says: `viewer` is null without a live session cookie.
  // On the first page it has already been asked for (apollo/first-page.ts, preloadFirstPage).
  const { data, loading, error, refetch } = useQuery(AppShellQueryDocument);
  const [logout, { loading: signingOut }] = useMutation(SignOutMutationDocument);
  const [signOutFailed, setSignOutFailed] = useState(false);
  // The phone menu is open on the page where it was opened: choosing a page (a new location,
  // even the same address again) closes it without a handler on every link.
  const [menuOpenedAt, setMenuOpenedAt] = useState<string | null>(null);
  const menuButton = useRef<HTMLButtonElement>(null);

  if (loading && !data) return <Loading />;
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  const viewer = data?.viewer;
  if (!viewer) return <Navigate to="/sign-in" replace />;

  const signOut = async () => {
    // The server ends the session and clears the cookie; only then is this tab signed out.
    const result = await logout().catch(() => null);
    setSignOutFailed(!result?.data?.logout.ok);
    if (!result?.data?.logout.ok) return;
    await client.clearStore();
    await navigate('/sign-in', { replace: true });
  };
  // What the menu offers, the server says: the permissions of the viewer's role.
  const may = (permission: string) => viewer.permissions.includes(permission);
  const menuOpen = menuOpenedAt === location.key;
  // Escape anywhere in the header closes the open menu and puts the focus back on its button.
  const closeMenuOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !menuOpen) return;
    setMenuOpenedAt(null);
    menuButton.current?.focus();
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="shell-header" onKeyDown={closeMenuOnEscape}>
        <div className="shell-bar">
          <span className="brand">{t('appName')}</span>
          <button
            ref={menuButton}
            type="button"
            className="secondary menu-button"
            aria-expanded={menuOpen}
            aria-controls="shell-menu"
            onClick={() => setMenuOpenedAt(menuOpen ? null : location.key)}
          >
            {t('menu')}
          </button>
        </div>
        <div id="shell-menu" className="shell-menu" data-open={menuOpen ? '' : undefined}>
          <nav aria-label={t('mainNavigation')}>
            <ul>
              {viewer.provider ? (
                <li>
                  <NavLink to={`/providers/${encodeURIComponent(viewer.provider.id)}/week`}>{t('navMyWeek')}</NavLink>
                </li>
              ) : null}
              <li>
                <NavLink to="/calendar">{t('navCalendar')}</NavLink>
              </li>
              {viewer.permissions.includes('changeAppointmentStatus') && !viewer.provider ? (
                <li>
                  <NavLink to="/today">{t('navDesk')}</NavLink>
                </li>
              ) : null}
              <li>
                <NavLink to="/patients">{t('navPatients')}</NavLink>
              </li>
              <li>
                <NavLink to="/appointments" end>
                  {t('navAppointments')}
                </NavLink>
              </li>
              {viewer.permissions.includes('readInvoices') ? (
                <li>
                  <NavLink to="/invoices">{t('navInvoices')}</NavLink>
                </li>
              ) : null}
              {viewer.permissions.includes('readLiabilityReport') ? (
                <li>
                  <NavLink to="/finance">{t('navFinance')}</NavLink>
                </li>
              ) : null}
              {may('bookAppointment') ? (
                <li>
                  <NavLink to="/appointments/new">{t('navBook')}</NavLink>
                </li>
              ) : null}
              {may('readWaitlist') ? (
                <li>
                  <NavLink to="/waitlist">{t('navWaitlist')}</NavLink>
                </li>
              ) : null}
              <li>
                <NavLink to="/settings">{t('navSettings')}</NavLink>
              </li>
            </ul>
          </nav>
          <div className="shell-user">
            <span className="viewer">{t('signedInAs', { name: viewer.name, role: t(`role_${viewer.role}`) })}</span>
            <LanguageSwitch />
            <DigitsSwitch />
            <button type="button" className="secondary" disabled={signingOut} onClick={() => void signOut()}>
              {t('signOut')}
            </button>
          </div>
        </div>
      </header>
      {signOutFailed ? (
        <p className="state state-error" role="alert">
          {t('signOutFailed')}
        </p>
      ) : null}
      <main id="main" className="shell-main">
        <RouteErrorBoundary key={location.pathname}>
          <Suspense fallback={<Loading />}>
            <Outlet context={viewer} />
          </Suspense>
        </RouteErrorBoundary>
      </main>
    </div>
  );
}
