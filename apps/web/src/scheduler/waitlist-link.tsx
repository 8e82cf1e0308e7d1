import { Link } from 'react-router';
import { useLocale } from '../i18n/locale';
import { useViewer } from '../layout/viewer';

export interface WaitlistPrefill {
  patientId: string;
  serviceId?: string | null | undefined;
  providerId?: string | null | undefined;
  /** A clinic-local day: the join form's first and last date. */
  date?: string | null | undefined;
}

/** The address of the waitlist's join form, filled in with what the screen already knows. */
export function waitlistJoinHref(prefill: WaitlistPrefill): string {
  const params = new URLSearchParams({ patientId: prefill.patientId });
  if (prefill.serviceId) params.set('serviceId', prefill.serviceId);
  if (prefill.providerId) params.set('providerId', prefill.providerId);
  if (prefill.date) params.set('date', prefill.date);
  return `/waitlist?${params.toString()}`;
}

/** "Join the waitlist", for a person the server lets manage it; the form and its rules are the waitlist's. */
export function JoinWaitlistLink({ prefill, className, label }: { prefill: WaitlistPrefill; className?: string; label?: string }) {
  const { t } = useLocale();
  const viewer = useViewer();
  if (!viewer.permissions.includes('manageWaitlist')) return null;
  return (
    <Link className={className ?? 'button secondary'} to={waitlistJoinHref(prefill)} data-testid="join-waitlist-link">
      {label ?? t('waitlistJoinLink')}
    </Link>
  );
}
