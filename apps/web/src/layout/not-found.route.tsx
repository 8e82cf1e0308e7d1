import { Link } from 'react-router';
import { useLocale } from '../i18n/locale';
import { PageHeading } from './states';

export function NotFoundRoute() {
  const { t } = useLocale();
  return (
    <section>
      <PageHeading>{t('notFound')}</PageHeading>
      <p>{t('notFoundText')}</p>
      <Link to="/">{t('backHome')}</Link>
    </section>
  );
}
