import { type FragmentType } from '@apollo/client';
import { useFragment } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ScheduleForm_PurchaseFragmentDoc, type SchedulePackageInput } from '../graphql/generated';
import { todayIn, WEEKDAYS, type WeekdayName } from '../i18n/clinic-time';
import { useLocale } from '../i18n/locale';
import { invalidFieldProps, FieldError, FormErrors, otherErrors, type FieldUserError, fieldErrors } from '../layout/states';
import { planDifferences, SchedulePreview, UnplacedSessions, type BookSuggestion, type Miss, type PreviewPlan } from '../scheduler/schedule-preview';
import { SessionTable, type SessionColumn } from '../scheduler/session-table';

export interface ScheduleProvider {
  id: string;
  name: string;
  nameAr: string | null;
}

export interface ScheduleOutcome {
  appointments: readonly {
    id: string;
    sessionNumberInPackage: number | null;
    startsAt: string;
    clinic: { timeZone: string };
    provider: { name: string; nameAr: string | null };
  }[];
  schedulingErrors: readonly Miss[];
  userErrors: readonly FieldUserError[];
}

interface ScheduleFormProps {
  purchase: FragmentType<typeof ScheduleForm_PurchaseFragmentDoc>;
  providers: readonly ScheduleProvider[];
  onSchedule(input: SchedulePackageInput): Promise<ScheduleOutcome | null>;
  /** When given, the form previews the plan first and commits it on confirmation. */
  onPreview?: ((input: SchedulePackageInput) => Promise<PreviewPlan | null>) | undefined;
  /** Books a suggested slot for an unplaced session, as the purchase's next session. */
  onBook?: BookSuggestion | undefined;
  today?: string;
}

const RESULT_COLUMNS: SessionColumn[] = ['session', 'date', 'time', 'provider'];
const MAIN_FIELDS = ['providerId', 'startDate', 'endDate', 'preferredDays', 'timeWindow', 'minDaysBetween', 'maxSessionsPerWeek'];

/** Auto-schedule a purchase's unscheduled sessions, then show what was placed and what was not. */
export function ScheduleForm({ purchase, providers, onSchedule, onPreview, onBook, today }: ScheduleFormProps) {
  const { t, nameOf, formatDate } = useLocale();
  const { data, complete } = useFragment({ fragment: ScheduleForm_PurchaseFragmentDoc, from: purchase });
  const timeZone = data.package?.clinic?.timeZone ?? 'UTC';
  const [providerId, setProviderId] = useState('');
  const [perSession, setPerSession] = useState(false);
  const [assignments, setAssignments] = useState<Record<number, string>>({});
  const [startDate, setStartDate] = useState(() => today ?? todayIn(timeZone));
  const [endDate, setEndDate] = useState<string | null>(null);
  const [days, setDays] = useState<WeekdayName[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [outcome, setOutcome] = useState<ScheduleOutcome | null>(null);
  const [windowFrom, setWindowFrom] = useState('');
  const [windowTo, setWindowTo] = useState('');
  const [keepWeeklySlot, setKeepWeeklySlot] = useState(false);
  const [minDaysBetween, setMinDaysBetween] = useState('');
  const [maxSessionsPerWeek, setMaxSessionsPerWeek] = useState('');
  const [plan, setPlan] = useState<{ plan: PreviewPlan; input: SchedulePackageInput } | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  // The result takes focus once it is on the screen, so a screen reader reads it out. (A timeout
  // set before the render could fire while the result was not there yet, and focus stayed put.)
  useEffect(() => {
    if (outcome && outcome.userErrors.length === 0) resultRef.current?.focus();
  }, [outcome]);
  if (!complete) return null;

  const expiryDate = data.expiryDate;
  const chosenEnd = endDate ?? expiryDate;
  const sessions = Array.from({ length: data.totalSessions }, (_, i) => i + 1);
  const userErrors = outcome?.userErrors ?? plan?.plan.userErrors;
  const endDateErrors = fieldErrors(userErrors, 'endDate');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    const providerAssignments = perSession
      ? Object.entries(assignments)
          .filter(([, id]) => id)
          .map(([session, id]) => ({ sessionNumber: Number(session), providerId: id }))
      : [];
    const input: SchedulePackageInput = {
      packagePurchaseId: data.id,
      providerId: providerId || null,
      providerAssignments,
      startDate,
      endDate: chosenEnd,
      preferredDays: days,
    };
    if (windowFrom || windowTo) input.timeWindow = { from: windowFrom, to: windowTo };
    if (keepWeeklySlot) input.keepWeeklySlot = true;
    if (minDaysBetween) input.minDaysBetween = Number(minDaysBetween);
    if (maxSessionsPerWeek) input.maxSessionsPerWeek = Number(maxSessionsPerWeek);
    if (onPreview) {
      const previewed = await onPreview(input);
      setSubmitting(false);
      setOutcome(null);
      setPlan(previewed ? { plan: previewed, input } : null);
      return;
    }
    const result = await onSchedule(input);
    setSubmitting(false);
    setOutcome(result);
  };

  const confirm = async () => {
    if (!plan) return;
    setSubmitting(true);
    const result = await onSchedule(plan.input);
    setSubmitting(false);
    setOutcome(result);
  };
  const differing = outcome && plan ? planDifferences(plan.plan, outcome.appointments) : [];
  const timeFieldErrors = fieldErrors(userErrors, 'timeWindow');

  const assignmentErrors = (index: number) =>
    (userErrors ?? [])
      .filter((e) => e.field?.includes('providerAssignments') && e.field.includes(String(index)));
  const assignmentIndex = (session: number) =>
    Object.entries(assignments)
      .filter(([, id]) => id)
      .findIndex(([s]) => Number(s) === session);

  return (
    <div className="schedule">
      <form className="panel" onSubmit={(e) => void submit(e)} noValidate>
        <FormErrors errors={otherErrors(userErrors, [...MAIN_FIELDS, 'providerAssignments']).filter((e) => !e.field?.includes('providerAssignments'))} />
        <div className="field">
          <label htmlFor="schedule-providerId">{t('provider')}</label>
          <select
            id="schedule-providerId"
            value={providerId}
            onChange={(e) => setProviderId(e.target.value)}
            {...invalidFieldProps('schedule-providerId-error', fieldErrors(userErrors, 'providerId'))}
          >
            <option value="">{t('chooseProvider')}</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {nameOf(p)}
              </option>
            ))}
          </select>
          <FieldError id="schedule-providerId-error" errors={fieldErrors(userErrors, 'providerId')} />
        </div>
        <div className="field field-check">
          <input id="schedule-per-session" type="checkbox" checked={perSession} onChange={(e) => setPerSession(e.target.checked)} />
          <label htmlFor="schedule-per-session">{t('providerPerSession')}</label>
        </div>
        {perSession ? (
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">{t('session')}</th>
                <th scope="col">{t('provider')}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((session) => {
                const sessionErrors = assignmentErrors(assignmentIndex(session));
                return (
                  <tr key={session}>
                    <th scope="row">
                      <label htmlFor={`schedule-session-${session}`}>{t('sessionN', { n: session })}</label>
                    </th>
                    <td>
                      <select
                        id={`schedule-session-${session}`}
                        value={assignments[session] ?? ''}
                        onChange={(e) => setAssignments({ ...assignments, [session]: e.target.value })}
                        {...invalidFieldProps(`schedule-session-${session}-error`, sessionErrors)}
                      >
                        <option value="">{t('sameAsDefault')}</option>
                        {providers.map((p) => (
                          <option key={p.id} value={p.id}>
                            {nameOf(p)}
                          </option>
                        ))}
                      </select>
                      <FieldError id={`schedule-session-${session}-error`} errors={sessionErrors} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
        <div className="inline-fields">
          <div className="field">
            <label htmlFor="schedule-startDate">{t('startDate')}</label>
            <input
              id="schedule-startDate"
              type="date"
              required
              value={startDate}
              max={expiryDate}
              onChange={(e) => setStartDate(e.target.value)}
              {...invalidFieldProps('schedule-startDate-error', fieldErrors(userErrors, 'startDate'))}
            />
            <FieldError id="schedule-startDate-error" errors={fieldErrors(userErrors, 'startDate')} />
          </div>
          <div className="field">
            <label htmlFor="schedule-endDate">{t('endDate')}</label>
            <input
              id="schedule-endDate"
              type="date"
              value={chosenEnd}
              min={startDate}
              max={expiryDate}
              onChange={(e) => setEndDate(e.target.value || null)}
              aria-invalid={endDateErrors.length > 0}
              aria-describedby={`schedule-endDate-hint${endDateErrors.length ? ' schedule-endDate-error' : ''}`}
            />
            <p className="hint" id="schedule-endDate-hint">
              {t('endDateHint', { date: formatDate(expiryDate) })}
            </p>
            <FieldError id="schedule-endDate-error" errors={endDateErrors} />
          </div>
        </div>
        <fieldset className="weekdays" aria-describedby="schedule-days-hint">
          <legend>{t('preferredDays')}</legend>
          <p className="hint" id="schedule-days-hint">
            {t('preferredDaysHint')}
          </p>
          <div className="weekday-list">
            {WEEKDAYS.map((day) => (
              <div className="field-check" key={day}>
                <input
                  id={`schedule-day-${day}`}
                  type="checkbox"
                  checked={days.includes(day)}
                  onChange={(e) => setDays(e.target.checked ? WEEKDAYS.filter((d) => d === day || days.includes(d)) : days.filter((d) => d !== day))}
                />
                <label htmlFor={`schedule-day-${day}`}>{t(`day_${day}`)}</label>
              </div>
            ))}
          </div>
          <FieldError id="schedule-preferredDays-error" errors={fieldErrors(userErrors, 'preferredDays')} />
        </fieldset>
        <fieldset className="preferences">
          <legend>{t('preferences')}</legend>
          <div className="inline-fields">
            <div className="field">
              <label htmlFor="schedule-windowFrom">{t('windowFrom')}</label>
              <input id="schedule-windowFrom" type="time" step={900} value={windowFrom} onChange={(e) => setWindowFrom(e.target.value)} {...invalidFieldProps('schedule-timeWindow-error', timeFieldErrors)} />
            </div>
            <div className="field">
              <label htmlFor="schedule-windowTo">{t('windowTo')}</label>
              <input id="schedule-windowTo" type="time" step={900} value={windowTo} onChange={(e) => setWindowTo(e.target.value)} {...invalidFieldProps('schedule-timeWindow-error', timeFieldErrors)} />
            </div>
          </div>
          <FieldError id="schedule-timeWindow-error" errors={timeFieldErrors} />
          <div className="inline-fields">
            <div className="field">
              <label htmlFor="schedule-minDaysBetween">{t('minDaysBetween')}</label>
              <input id="schedule-minDaysBetween" type="number" min={1} max={30} inputMode="numeric" value={minDaysBetween} onChange={(e) => setMinDaysBetween(e.target.value)} {...invalidFieldProps('schedule-minDaysBetween-error', fieldErrors(userErrors, 'minDaysBetween'))} />
              <FieldError id="schedule-minDaysBetween-error" errors={fieldErrors(userErrors, 'minDaysBetween')} />
            </div>
            <div className="field">
              <label htmlFor="schedule-maxSessionsPerWeek">{t('maxSessionsPerWeek')}</label>
              <input id="schedule-maxSessionsPerWeek" type="number" min={1} max={7} inputMode="numeric" value={maxSessionsPerWeek} onChange={(e) => setMaxSessionsPerWeek(e.target.value)} {...invalidFieldProps('schedule-maxSessionsPerWeek-error', fieldErrors(userErrors, 'maxSessionsPerWeek'))} />
              <FieldError id="schedule-maxSessionsPerWeek-error" errors={fieldErrors(userErrors, 'maxSessionsPerWeek')} />
            </div>
          </div>
          <div className="field field-check">
            <input id="schedule-keepWeeklySlot" type="checkbox" checked={keepWeeklySlot} onChange={(e) => setKeepWeeklySlot(e.target.checked)} />
            <label htmlFor="schedule-keepWeeklySlot">{t('keepWeeklySlot')}</label>
          </div>
        </fieldset>
        <div className="form-actions">
          <button type="submit" disabled={submitting}>
            {submitting ? (onPreview ? t('previewing') : t('scheduling')) : onPreview ? t('previewSchedule') : t('schedule')}
          </button>
        </div>
      </form>

      {plan && plan.plan.userErrors.length === 0 && !outcome ? (
        <SchedulePreview plan={plan.plan} timeZone={timeZone} confirming={submitting} onConfirm={() => void confirm()} onBook={onBook} />
      ) : null}

      {outcome && outcome.userErrors.length === 0 ? (
        <section className="panel schedule-result" aria-labelledby="schedule-result-heading">
          <h2 id="schedule-result-heading" ref={resultRef} tabIndex={-1}>
            {t('scheduleResult')}
          </h2>
          {outcome.appointments.length === 0 && outcome.schedulingErrors.length === 0 ? <p>{t('nothingToSchedule')}</p> : null}
          {differing.length > 0 ? (
            <p className="notice notice-warning" role="status">
              {t('planChanged', { sessions: differing.join(', ') })}
            </p>
          ) : null}
          {outcome.appointments.length > 0 ? (
            <SessionTable
              sessions={outcome.appointments.map((a) => ({ appointmentId: a.id, sessionNumber: a.sessionNumberInPackage ?? 0, startsAt: a.startsAt, provider: a.provider }))}
              columns={RESULT_COLUMNS}
              timeZone={outcome.appointments[0]?.clinic.timeZone ?? timeZone}
              caption={t('createdAppointments', { count: outcome.appointments.length })}
              scroll={false}
            />
          ) : outcome.schedulingErrors.length > 0 ? (
            <p>{t('noneCreated')}</p>
          ) : null}
          {outcome.schedulingErrors.length > 0 ? (
            <UnplacedSessions heading={t('notPlaced', { count: outcome.schedulingErrors.length })} misses={outcome.schedulingErrors} timeZone={timeZone} onBook={onBook} />
          ) : outcome.appointments.length > 0 ? (
            <p className="notice notice-success">{t('allPlaced')}</p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
