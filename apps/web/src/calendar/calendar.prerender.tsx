import { renderToStaticMarkup } from 'react-dom/server';
import { LocaleProvider, provideLocale, useLocale, type Locale } from '../i18n/locale';
import { en } from '../i18n/messages';
import { ar } from '../i18n/messages-ar';
import { CalendarToolbar } from './calendar-toolbar';

/** Painted only for a caller with a session cookie (apps/api/src/http/web-app.ts). */
export const signedIn = true;

/**
 * /calendar's first view as static HTML, in one language, without any data: the header's frame
 * (brand and Menu button, as a phone shows it), the page heading, the toolbar's frame and the
 * booking hint, with the app's own class names and words. The build writes it (vite.config.ts,
 * `pagePreloads`) and the server sends it in #root to a signed-in caller, so a phone paints the
 * page's largest text before the scripts arrive; the app then renders the real page over it.
 * Nothing here works until then: every control is disabled.
 */
export function prerender(locale: Locale): string {
  provideLocale('en', en);
  provideLocale('ar', ar);
  return renderToStaticMarkup(
    <LocaleProvider initialLocale={locale}>
      <CalendarShell />
    </LocaleProvider>,
  );
}

function CalendarShell() {
  const { t } = useLocale();
  return (
    <div className="shell">
      <header className="shell-header">
        <div className="shell-bar">
          <span className="brand">{t('appName')}</span>
          <button disabled type="button" className="secondary menu-button" aria-expanded={false}>
            {t('menu')}
          </button>
        </div>
      </header>
      <main id="main" className="shell-main">
        <section className="calendar-page">
          <h1 tabIndex={-1}>{t('calendarTitle')}</h1>
          <CalendarToolbar disabled />
          <p className="hint">{t('calendarBookHint')}</p>
        </section>
      </main>
    </div>
  );
}
