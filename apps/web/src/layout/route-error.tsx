import { Component, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useLocale } from '../i18n/locale';
import { ErrorNotice, PageHeading } from './states';

/** Thrown by a page whose object does not exist in the viewer's organisation. */
export class NotFoundError extends Error {}

/** Catches a page's failure (a failed query, a missing object) and shows it in place of the page. */
export class RouteErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    return this.state.error ? <RouteError error={this.state.error} /> : this.props.children;
  }
}

function RouteError({ error }: { error: unknown }) {
  const { t } = useLocale();
  if (error instanceof NotFoundError) {
    return (
      <section>
        <PageHeading>{t('notFound')}</PageHeading>
        <p>{t('notFoundText')}</p>
        <Link to="/">{t('backHome')}</Link>
      </section>
    );
  }
  return (
    <section>
      <PageHeading>{t('errorTitle')}</PageHeading>
      <ErrorNotice error={error} onRetry={() => window.location.reload()} />
    </section>
  );
}
