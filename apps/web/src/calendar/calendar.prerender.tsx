import { renderToStaticMarkup } from 'react-dom/server';
import { LocaleProvider, provideLocale, useLocale, type Locale } from '../i18n/locale';
import { en } from '../i18n/messages';
import { ar } from '../i18n/messages-ar';

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
  const html = renderToStaticMarkup(
    <LocaleProvider initialLocale={locale}>
      <CalendarShell />
    </LocaleProvider>,
  );
  return html.replace(/<(button|select) /g, '<$1 disabled="" ');
}

function CalendarShell() {
  const { t } = useLocale();
  return (
    <div className="shell">
      <header className="shell-header">
        <div className="shell-bar">
          <span className="brand">{t('appName')}</span>
          <button type="button" className="secondary menu-button" aria-expanded={false}>
            {t('menu')}
          </button>
        </div>
      </header>
      <main id="main" className="shell-main">
        <section className="calendar-page">
          <h1 tabIndex={-1}>{t('calendarTitle')}</h1>
          <div className="cal-toolbar" role="group" aria-label={t('calendarToolbar')}>
            <div className="field">
              <label htmlFor="calendar-clinic">{t('clinic')}</label>
              <select id="calendar-clinic" />
            </div>
            <div className="cal-nav">
              <button type="button" className="secondary">
                <span aria-hidden="true" className="flip">
                  ←
                </span>{' '}
                {t('calendarPrevious')}
              </button>
              <button type="button" className="secondary">
                {t('calendarToday')}
              </button>
              <button type="button" className="secondary">
                {t('calendarNext')}{' '}
                <span aria-hidden="true" className="flip">
                  →
                </span>
              </button>
            </div>
            <div className="cal-views" role="group" aria-label={t('calendarView')}>
              <button type="button" className="secondary">
                {t('calendarViewDay')}
              </button>
              <button type="button" className="secondary">
                {t('calendarViewWeek')}
              </button>
            </div>
          </div>
          <p className="hint">{t('calendarBookHint')}</p>
        </section>
      </main>
    </div>
  );
}
