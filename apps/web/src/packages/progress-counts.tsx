import { type FragmentType } from '@apollo/client';
import { useFragment } from '@apollo/client/react';
import { ProgressCounts_ProgressFragmentDoc } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { type MessageKey } from '../i18n/messages';
import { ProgressBar } from './progress-bar';

/** The purchase's progress bar and every count of its sessions and appointments. */
export function ProgressCounts({ progress }: { progress: FragmentType<typeof ProgressCounts_ProgressFragmentDoc> }) {
  const { t, formatNumber } = useLocale();
  const { data, complete } = useFragment({ fragment: ProgressCounts_ProgressFragmentDoc, from: progress });
  if (!complete) return null;
  const counts: [MessageKey, number][] = [
    ['used', data.sessionsUsed],
    ['remaining', data.sessionsRemaining],
    ['unscheduled', data.sessionsUnscheduled],
    ['scheduled', data.scheduledAppointments],
    ['completed', data.completedAppointments],
    ['cancelled', data.cancelledAppointments],
    ['noShow', data.noShowAppointments],
  ];
  return (
    <section className="panel" aria-labelledby="progress-counts-heading">
      <h2 id="progress-counts-heading">{t('counts')}</h2>
      <ProgressBar used={data.sessionsUsed} total={data.totalSessions} />
      <dl className="counts">
        {counts.map(([key, value]) => (
          <div key={key} className="count">
            <dt>{t(key)}</dt>
            <dd>{formatNumber(value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
