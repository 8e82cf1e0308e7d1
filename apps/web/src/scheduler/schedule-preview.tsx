import { useEffect, useRef, useState } from 'react';
import { useLocale } from '../i18n/locale';
import { FormErrors, type FieldUserError } from '../layout/states';
import { schedulingErrorSentence } from '../packages/scheduling-errors';
import { localDateIn, SessionTable } from './session-table';

interface PersonName {
  id?: string;
  name: string;
  nameAr: string | null;
}

export interface Suggestion {
  startsAt: string;
  endsAt: string;
  note: string;
  provider: PersonName & { id: string };
  service: { id: string } | null;
}

export interface Miss {
  sessionNumber: number;
  code: string;
  message: string;
  alternatives?: readonly Suggestion[] | null;
}

export interface PreviewPlan {
  sessions: readonly { sessionNumber: number; startsAt: string; endsAt: string; reason: string; provider: PersonName }[];
  schedulingErrors: readonly Miss[];
  userErrors: readonly FieldUserError[];
}

export type BookSuggestion = (suggestion: Suggestion) => Promise<readonly FieldUserError[] | null>;

const NOTES = { OTHER_PROVIDER: 'note_OTHER_PROVIDER', OTHER_DAY_OR_TIME: 'note_OTHER_DAY_OR_TIME', LATER_END_DATE: 'note_LATER_END_DATE' } as const;
const noteKey = (note: string) => NOTES[note as keyof typeof NOTES] ?? NOTES.OTHER_DAY_OR_TIME;

export { localDateIn };

/** The slots suggested for one unplaced session, each bookable in one step. */
export function Alternatives({ miss, timeZone, onBook }: { miss: Miss; timeZone: string; onBook?: BookSuggestion | undefined }) {
  const { t, nameOf, formatDate, formatTime } = useLocale();
  const [booked, setBooked] = useState<string | null>(null);
  const [errors, setErrors] = useState<readonly FieldUserError[]>([]);
  const [busy, setBusy] = useState(false);
  const alternatives = miss.alternatives ?? [];
  if (alternatives.length === 0) return null;
  const book = async (suggestion: Suggestion) => {
    if (!onBook) return;
    setBusy(true);
    const result = await onBook(suggestion);
    setBusy(false);
    if (result && result.length === 0) setBooked(suggestion.startsAt + suggestion.provider.id);
    else setErrors(result ?? []);
  };
  return (
    <div className="alternatives">
      <p>{t('alternativesFor', { n: miss.sessionNumber })}</p>
      <FormErrors errors={[...errors]} />
      <ul>
        {alternatives.map((s) => {
          const key = s.startsAt + s.provider.id;
          const label = t('suggestionLine', {
            kind: t(noteKey(s.note)),
            date: formatDate(localDateIn(s.startsAt, timeZone)),
            time: formatTime(s.startsAt, timeZone),
            provider: nameOf(s.provider),
          });
          return (
            <li key={key}>
              <span>{label}</span>{' '}
              {booked === key ? (
                <strong role="status">{t('suggestionBooked')}</strong>
              ) : onBook && booked === null ? (
                <button type="button" className="secondary" disabled={busy} onClick={() => void book(s)} aria-label={`${t('bookThis')}: ${label}`}>
                  {t('bookThis')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The sessions that could not be placed, each with its reason and the slots suggested for it. */
export function UnplacedSessions({ heading, misses, timeZone, onBook }: { heading: string; misses: readonly Miss[]; timeZone: string; onBook?: BookSuggestion | undefined }) {
  const { t } = useLocale();
  return (
    <div className="state state-warning">
      <h3>{heading}</h3>
      <ul>
        {misses.map((e) => (
          <li key={e.sessionNumber}>
            <span className="miss-reason">{schedulingErrorSentence(e, t)}</span>
            <Alternatives miss={e} timeZone={timeZone} onBook={onBook} />
          </li>
        ))}
      </ul>
    </div>
  );
}

const PREVIEW_COLUMNS = ['session', 'date', 'time', 'provider', 'reason'] as const;

/** The plan before anything is written: each session with why it got its slot; then confirm. */
export function SchedulePreview({
  plan,
  timeZone,
  confirming,
  onConfirm,
  onBook,
}: {
  plan: PreviewPlan;
  timeZone: string;
  confirming: boolean;
  onConfirm(): void;
  onBook?: BookSuggestion | undefined;
}) {
  const { t } = useLocale();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The plan takes focus once shown, so a screen reader reads it out.
  useEffect(() => headingRef.current?.focus(), [plan]);
  return (
    <section className="panel schedule-preview" aria-labelledby="schedule-preview-heading">
      <h2 id="schedule-preview-heading" ref={headingRef} tabIndex={-1}>
        {t('previewHeading')}
      </h2>
      {plan.sessions.length === 0 && plan.schedulingErrors.length === 0 ? <p>{t('nothingToSchedule')}</p> : null}
      {plan.sessions.length > 0 ? (
        <SessionTable sessions={plan.sessions} columns={PREVIEW_COLUMNS} timeZone={timeZone} caption={t('plannedSessions', { count: plan.sessions.length })} />
      ) : null}
      {plan.sessions.length === 0 && plan.schedulingErrors.length > 0 ? <p>{t('noneCreated')}</p> : null}
      {plan.schedulingErrors.length > 0 ? (
        <UnplacedSessions heading={t('notPlaced', { count: plan.schedulingErrors.length })} misses={plan.schedulingErrors} timeZone={timeZone} onBook={onBook} />
      ) : null}
      {plan.sessions.length > 0 ? (
        <div className="form-actions">
          <button type="button" onClick={onConfirm} disabled={confirming}>
            {confirming ? t('scheduling') : t('confirmSchedule', { count: plan.sessions.length })}
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** What the commit placed differently from the preview (the calendar changed in between). */
export function planDifferences(
  plan: PreviewPlan,
  created: readonly { sessionNumberInPackage: number | null; startsAt: string; provider: { id?: string; name: string } }[],
): number[] {
  const made = new Map(created.map((a) => [a.sessionNumberInPackage, a]));
  return plan.sessions
    .filter((s) => {
      const a = made.get(s.sessionNumber);
      return !a || a.startsAt !== s.startsAt || a.provider.name !== s.provider.name;
    })
    .map((s) => s.sessionNumber);
}
