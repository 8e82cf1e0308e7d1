import { type AppointmentStatus } from '../graphql/generated';
import { useLocale } from '../i18n/locale';

export function StatusBadge({ status }: { status: AppointmentStatus }) {
  const { t } = useLocale();
  return <span className={`badge badge-appt-${status.toLowerCase()}`}>{t(`appt_${status}`)}</span>;
}
