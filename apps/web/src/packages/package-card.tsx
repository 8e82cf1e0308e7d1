import { type FragmentType } from '@apollo/client';
import { useFragment } from '@apollo/client/react';
import { useId } from 'react';
import { Link } from 'react-router';
import { PurchaseMoney } from '../finance/purchase-money';
import { PackageCard_PurchaseFragmentDoc } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { Expiry } from './expiry';
import { ProgressBar } from './progress-bar';
import { PurchaseLife } from './purchase-life';

interface PackageCardProps {
  purchase: FragmentType<typeof PackageCard_PurchaseFragmentDoc>;
  patientId: string;
  /** Whether the viewer may schedule and book (not a clinician). */
  canBook: boolean;
  /** Clinic-local today; defaults to the clinic's clock. */
  today?: string;
  headingLevel?: 2 | 3;
  /** False on the purchase's own progress page. */
  linkToProgress?: boolean;
}

/** One bought package: name, status, sessions used, what remains, expiry, and what to do next. */
export function PackageCard({ purchase, patientId, canBook, today, headingLevel = 3, linkToProgress = true }: PackageCardProps) {
  const { t, nameOf, formatNumber } = useLocale();
  const headingId = useId();
  const { data, complete } = useFragment({ fragment: PackageCard_PurchaseFragmentDoc, fragmentName: 'PackageCard_purchase', from: purchase });
  if (!complete) return null;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const active = data.status === 'ACTIVE';
  const purchaseUrl = `/purchases/${encodeURIComponent(data.id)}`;

  return (
    <article className="card package-card" aria-labelledby={headingId}>
      <div className="card-header">
        <Heading id={headingId}>{nameOf(data.package)}</Heading>
        <span className={`badge badge-${data.status.toLowerCase()}`}>{t(`status_${data.status}`)}</span>
      </div>
      <ProgressBar used={data.sessionsUsed} total={data.totalSessions} />
      <dl className="facts">
        <dt>{t('remaining')}</dt>
        <dd>{formatNumber(data.sessionsRemaining)}</dd>
        <dt>{t('unscheduled')}</dt>
        <dd>{formatNumber(data.sessionsUnscheduled)}</dd>
        {data.nextSession ? (
          <>
            <dt>{t('nextSession')}</dt>
            <dd>{t('nextSessionValue', { number: data.nextSession.sessionNumber, service: nameOf(data.nextSession.service) })}</dd>
          </>
        ) : null}
        <Expiry expiryDate={data.expiryDate} timeZone={data.package.clinic.timeZone} active={active} today={today} />
      </dl>
      <PurchaseLife purchase={data} />
      <div className="card-actions">
        {canBook && data.nextSession ? (
          <>
            <Link className="button" to={`${purchaseUrl}/schedule`}>
              {t('scheduleSessions')}
            </Link>
            <Link
              className="button secondary"
              to={`/appointments/new?patientId=${encodeURIComponent(patientId)}&purchaseId=${encodeURIComponent(data.id)}`}
            >
              {t('bookOneSession')}
            </Link>
          </>
        ) : null}
        <PurchaseMoney purchase={data} />
        {linkToProgress ? (
          <Link className="button secondary" to={purchaseUrl}>
            {t('viewProgress')}
          </Link>
        ) : null}
      </div>
    </article>
  );
}
