import { useSuspenseQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { PatientRouteQueryDocument } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { NotFoundError } from '../layout/route-error';
import { EmptyState, PageHeading } from '../layout/states';
import { canBook, canSell, useViewer } from '../layout/viewer';
import { PatientMoney } from '../finance/patient-money';
import { BuyPackage } from '../packages/buy-package';
import { PackageCard } from '../packages/package-card';
import { PatientAppointments } from '../appointments/patient-appointments';
import { PatientInvoices } from './patient-invoices';
import { PatientMessages } from './patient-messages';
import { JoinWaitlistLink } from '../scheduler/waitlist-link';

export function PatientRoute() {
  const { patientId = '' } = useParams();
  const { t, nameOf, formatDate } = useLocale();
  const viewer = useViewer();
  const { data } = useSuspenseQuery(PatientRouteQueryDocument, { variables: { id: patientId } });
  const patient = data.node;
  if (!patient || patient.__typename !== 'Patient') throw new NotFoundError(patientId);

  return (
    <section>
      <PageHeading>{nameOf(patient)}</PageHeading>
      <dl className="facts facts-inline">
        <dt>{t('mrn')}</dt>
        <dd dir="ltr">{patient.mrn}</dd>
        <dt>{t('dateOfBirth')}</dt>
        <dd>{patient.dateOfBirth ? formatDate(patient.dateOfBirth) : '—'}</dd>
        <dt>{t('phone')}</dt>
        <dd dir="ltr">{patient.phone ?? '—'}</dd>
      </dl>
      {viewer.permissions.includes('managePatients') ? (
        <p>
          <Link className="button secondary" to={`/patients/${encodeURIComponent(patient.id)}/edit`}>
            {t('patientEdit')}
          </Link>
        </p>
      ) : null}
      {viewer.permissions.includes('manageWaitlist') ? (
        <p>
          <JoinWaitlistLink prefill={{ patientId: patient.id }} label={t('waitlistPutOn')} />
        </p>
      ) : null}
      {viewer.permissions.includes('readInvoices') ? <PatientMoney patientId={patient.id} /> : null}
      <div className="section-header">
        <h2>{t('packages')}</h2>
      </div>
      {canSell(viewer) ? <BuyPackage patientId={patient.id} /> : null}
      {patient.packagePurchases.length === 0 ? (
        <EmptyState>{t('noPackages')}</EmptyState>
      ) : (
        <div className="card-grid">
          {patient.packagePurchases.map((purchase) => (
            <PackageCard key={purchase.id} purchase={purchase} patientId={patient.id} canBook={canBook(viewer)} />
          ))}
        </div>
      )}
      <PatientAppointments patientId={patient.id} when="upcoming" />
      <PatientAppointments patientId={patient.id} when="past" />
      {viewer.permissions.includes('readInvoices') ? <PatientInvoices patientId={patient.id} /> : null}
      <PatientMessages patientId={patient.id} />
    </section>
  );
}
