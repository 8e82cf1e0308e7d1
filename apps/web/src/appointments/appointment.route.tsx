import { useSuspenseQuery } from '@apollo/client/react';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { AppointmentRouteQueryDocument } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { NotFoundError } from '../layout/route-error';
import { PageHeading } from '../layout/states';
import { AppointmentHistory } from './appointment-history';
import { AppointmentPackageBlock } from './appointment-package-block';
import { RescheduleForm } from './reschedule-form';
import { StatusActions } from './status-actions';
import { WaiveCharge } from '../finance/waive-charge';
import { StatusBadge } from './status-badge';

export function AppointmentRoute() {
  const { appointmentId = '' } = useParams();
  const { t, nameOf, formatDateTime, formatTime } = useLocale();
  const { data, refetch } = useSuspenseQuery(AppointmentRouteQueryDocument, { variables: { id: appointmentId } });
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const appointment = data.node;
  if (!appointment || appointment.__typename !== 'Appointment') throw new NotFoundError(appointmentId);
  const tz = appointment.clinic.timeZone;

  const announce = (message: string) => {
    setNotice(message);
    void refetch();
    setTimeout(() => noticeRef.current?.focus(), 0);
  };

  return (
    <section>
      <p className="breadcrumbs">
        <Link to={`/patients/${encodeURIComponent(appointment.patient.id)}`}>{nameOf(appointment.patient)}</Link>
      </p>
      <PageHeading>
        {t('appointment', { number: '' })}
        <span dir="ltr">{appointment.number}</span>
      </PageHeading>
      <p ref={noticeRef} tabIndex={-1} role="status" className={notice ? 'notice notice-success' : 'visually-hidden'}>
        {notice}
      </p>
      <div className="two-columns">
        <div>
          <section className="panel" aria-labelledby="appointment-facts-heading">
            <h2 id="appointment-facts-heading" className="visually-hidden">
              {t('when')}
            </h2>
            <dl className="facts">
              <dt>{t('when')}</dt>
              <dd>
                {formatDateTime(appointment.startsAt, tz)} – {formatTime(appointment.endsAt, tz)}
              </dd>
              <dt>{t('patient')}</dt>
              <dd>
                <Link to={`/patients/${encodeURIComponent(appointment.patient.id)}`}>{nameOf(appointment.patient)}</Link>{' '}
                <span dir="ltr">({appointment.patient.mrn})</span>
              </dd>
              <dt>{t('provider')}</dt>
              <dd>
                <Link to={`/providers/${encodeURIComponent(appointment.provider.id)}/week`}>{nameOf(appointment.provider)}</Link>
              </dd>
              <dt>{t('service')}</dt>
              <dd>{nameOf(appointment.service)}</dd>
              <dt>{t('clinic')}</dt>
              <dd>{nameOf(appointment.clinic)}</dd>
              <dt>{t('statusLabel')}</dt>
              <dd>
                <StatusBadge status={appointment.status} />
                {appointment.statusReason ? <span className="status-reason"> — {appointment.statusReason}</span> : null}
              </dd>
            </dl>
          </section>
          <StatusActions appointmentId={appointment.id} allowedTransitions={appointment.allowedTransitions} onChanged={announce} />
          <WaiveCharge appointmentId={appointment.id} onWaived={announce} />
          {appointment.canReschedule ? (
            <RescheduleForm
              key={appointment.startsAt}
              appointment={{
                id: appointment.id,
                startsAt: appointment.startsAt,
                providerId: appointment.provider.id,
                serviceId: appointment.service.id,
                patientId: appointment.patient.id,
                timeZone: tz,
              }}
              onMoved={announce}
            />
          ) : null}
          {appointment.canReschedule && appointment.packagePurchase ? (
            <p>
              <Link to={`/appointments/${encodeURIComponent(appointment.id)}/series`}>{t('moveSeriesLink')}</Link>
            </p>
          ) : null}
        </div>
        <div>
          <AppointmentPackageBlock appointment={appointment} />
          <AppointmentHistory appointment={appointment} timeZone={tz} />
        </div>
      </div>
    </section>
  );
}
