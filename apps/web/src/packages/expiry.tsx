import { daysBetween, todayIn } from '../i18n/clinic-time';
import { useLocale } from '../i18n/locale';

/** Expiry warnings start this many days before the last day. */
export const EXPIRY_WARNING_DAYS = 14;

/** The expiry date, with a warning as it nears or once it has passed. */
export function Expiry({ expiryDate, timeZone, active, today }: { expiryDate: string; timeZone: string; active: boolean; today?: string }) {
  const { t, formatDate } = useLocale();
  const daysLeft = daysBetween(today ?? todayIn(timeZone), expiryDate);
  let warning: string | null = null;
  if (daysLeft < 0) warning = t('expired', { date: formatDate(expiryDate) });
  else if (active && daysLeft === 0) warning = t('expiresToday');
  else if (active && daysLeft <= EXPIRY_WARNING_DAYS) warning = t('expiresSoon', { days: daysLeft });
  return (
    <>
      <dt>{t('expires')}</dt>
      <dd>
        <time dateTime={expiryDate}>{formatDate(expiryDate)}</time>
        {warning ? (
          <span className="badge badge-warning">
            <span aria-hidden="true">⚠ </span>
            {warning}
          </span>
        ) : null}
      </dd>
    </>
  );
}
