import { type FragmentType } from '@apollo/client';
import { useFragment } from '@apollo/client/react';
import { Link } from 'react-router';
import { AppointmentPackageBlock_AppointmentFragmentDoc } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { Expiry } from '../packages/expiry';
import { ProgressBar } from '../packages/progress-bar';

/** For a package session: which session it is, what remains of the package, its expiry. */
export function AppointmentPackageBlock({
  appointment,
  today,
}: {
  appointment: FragmentType<typeof AppointmentPackageBlock_AppointmentFragmentDoc>;
  today?: string;
}) {
  const { t, nameOf, formatNumber } = useLocale();
  const { data, complete } = useFragment({ fragment: AppointmentPackageBlock_AppointmentFragmentDoc, from: appointment });
  if (!complete || !data.packagePurchase || !data.sessionNumberInPackage) return null;
  const purchase = data.packagePurchase;
  return (
    <section className="panel package-block" aria-labelledby="package-block-heading">
      <h2 id="package-block-heading">{t('sessionOfTotal', { n: data.sessionNumberInPackage, total: purchase.totalSessions })}</h2>
      <p>
        <Link to={`/purchases/${encodeURIComponent(purchase.id)}`}>{nameOf(purchase.package)}</Link>{' '}
        <span className={`badge badge-${purchase.status.toLowerCase()}`}>{t(`status_${purchase.status}`)}</span>
      </p>
      <ProgressBar used={purchase.sessionsUsed} total={purchase.totalSessions} />
      <dl className="facts">
        <dt>{t('remaining')}</dt>
        <dd>{formatNumber(purchase.sessionsRemaining)}</dd>
        <Expiry
          expiryDate={purchase.expiryDate}
          timeZone={purchase.package.clinic.timeZone}
          active={purchase.status === 'ACTIVE'}
          today={today}
        />
      </dl>
    </section>
  );
}
