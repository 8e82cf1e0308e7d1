import { useSuspenseQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { AppointmentTable, type AppointmentColumn } from '../appointments/appointment-row';
import { PackageProgressRouteQueryDocument } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { NotFoundError } from '../layout/route-error';
import { EmptyState, PageHeading } from '../layout/states';
import { canBook, useViewer } from '../layout/viewer';
import { PackageCard } from './package-card';
import { ProgressCounts } from './progress-counts';

/** The status comes second, as in every appointment table, so a phone shows it without scrolling the table. */
const COLUMNS: AppointmentColumn[] = ['session', 'status', 'when', 'provider', 'service'];

export function PackageProgressRoute() {
  const { purchaseId = '' } = useParams();
  const { t, nameOf } = useLocale();
  const viewer = useViewer();
  const { data } = useSuspenseQuery(PackageProgressRouteQueryDocument, {
    variables: { id: purchaseId },
    fetchPolicy: 'cache-and-network',
  });
  const progress = data.packageProgress;
  if (!progress) throw new NotFoundError(purchaseId);
  const { patient } = progress.packagePurchase;

  return (
    <section>
      <p className="breadcrumbs">
        <Link to={`/patients/${encodeURIComponent(patient.id)}`}>{nameOf(patient)}</Link>
      </p>
      <PageHeading>{t('viewProgress')}</PageHeading>
      <div className="two-columns">
        <ProgressCounts progress={progress} />
        <PackageCard purchase={progress.packagePurchase} patientId={patient.id} canBook={canBook(viewer)} headingLevel={2} linkToProgress={false} />
      </div>
      <section aria-labelledby="progress-appointments-heading">
        <div className="section-header">
          <h2 id="progress-appointments-heading">{t('appointmentsInOrder')}</h2>
          <Link to={`/appointments?purchaseId=${encodeURIComponent(progress.packagePurchase.id)}&from=${progress.packagePurchase.purchaseDate}&to=${progress.packagePurchase.expiryDate}`}>
            {t('navAppointments')}
          </Link>
        </div>
        {progress.appointments.length === 0 ? (
          <EmptyState>{t('noAppointments')}</EmptyState>
        ) : (
          <AppointmentTable appointments={progress.appointments} columns={COLUMNS} />
        )}
      </section>
    </section>
  );
}
