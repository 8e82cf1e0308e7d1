import { type SchedulingErrorCode } from '../graphql/generated';
import { type LocaleTools } from '../i18n/locale';

const SENTENCES: Record<SchedulingErrorCode, `sched_${SchedulingErrorCode}`> = {
  NO_AVAILABILITY: 'sched_NO_AVAILABILITY',
  PAST_END_DATE: 'sched_PAST_END_DATE',
  PROVIDER_NOT_FOUND: 'sched_PROVIDER_NOT_FOUND',
  PROVIDER_NOT_IN_CLINIC: 'sched_PROVIDER_NOT_IN_CLINIC',
};

/** Why a session was not placed, in a sentence of the current language. */
export function schedulingErrorSentence(
  error: { sessionNumber: number; code: string; message: string },
  t: LocaleTools['t'],
): string {
  const key = SENTENCES[error.code as SchedulingErrorCode];
  return key ? t(key, { n: error.sessionNumber }) : `${t('sessionN', { n: error.sessionNumber })}: ${error.message}`;
}
