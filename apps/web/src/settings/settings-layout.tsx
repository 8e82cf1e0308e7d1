import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { Loading } from '../layout/states';
import './settings.css';
import { useLocale } from '../i18n/locale';
import { useViewer } from '../layout/viewer';
import { sectionsFor } from './sections';

/** The settings area: a sub-navigation of the sections the signed-in person may act in, the section below. */
export function SettingsLayout() {
  const { t } = useLocale();
  const viewer = useViewer();
  const sections = sectionsFor(viewer.permissions);
  return (
    <div className="settings">
      <nav className="settings-nav" aria-label={t('settingsNavigation')}>
        <ul>
          {sections.map((section) => (
            <li key={section.path}>
              <NavLink to={`/settings/${section.path}`}>{t(section.label)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="settings-section">
        <Suspense fallback={<Loading />}>
          <Outlet context={viewer} />
        </Suspense>
      </div>
    </div>
  );
}
