import { useApolloClient, useMutation, useQuery, useSuspenseQuery } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import {
  RescheduleSeriesMutationDocument,
  ScheduleFormProvidersQueryDocument,
  SeriesMoveRouteQueryDocument,
  SeriesPreviewQueryDocument,
  SeriesSuggestionMutationDocument,
  type RescheduleSeriesInput,
  type SeriesPreviewQuery,
} from '../graphql/generated';
import { todayIn, WEEKDAYS, type WeekdayName } from '../i18n/clinic-time';
import { useLocale } from '../i18n/locale';
import { NotFoundError } from '../layout/route-error';
import { ErrorNotice, FieldError, fieldErrors, FormErrors, invalidFieldProps, Loading, otherErrors, PageHeading } from '../layout/states';
import { localDateIn, UnplacedSessions, type BookSuggestion } from './schedule-preview';
import { SessionTable, type SessionColumn } from './session-table';

type SeriesPlan = SeriesPreviewQuery['previewRescheduleSeries'];

const FIELDS = ['startDate', 'from', 'to', 'providerId'];
const SERIES_COLUMNS: SessionColumn[] = ['session', 'now', 'then'];

/** "Move this and the following sessions": new rules, a preview of old → new times, then the move (all or nothing). */
export function SeriesMoveRoute() {
  const { appointmentId = '' } = useParams();
  const { t, nameOf } = useLocale();
  const { data } = useSuspenseQuery(SeriesMoveRouteQueryDocument, { variables: { id: appointmentId } });
  const appointment = data.node?.__typename === 'Appointment' ? data.node : null;
  const timeZone = appointment?.clinic.timeZone ?? 'UTC';
  const movable = Boolean(appointment?.canReschedule && appointment.packagePurchase && appointment.sessionNumberInPackage);
  const providers = useQuery(ScheduleFormProvidersQueryDocument, { variables: { clinicId: appointment?.clinic.id ?? null }, skip: !movable });
  const client = useApolloClient();
  const [move, moving] = useMutation(RescheduleSeriesMutationDocument);
  const [bookSuggestion] = useMutation(SeriesSuggestionMutationDocument);
  const [startDate, setStartDate] = useState(() => {
    const today = todayIn(timeZone);
    const current = appointment ? localDateIn(appointment.startsAt, timeZone) : today;
    return current < today ? today : current;
  });
  const [days, setDays] = useState<WeekdayName[]>([]);
  const [windowFrom, setWindowFrom] = useState('');
  const [windowTo, setWindowTo] = useState('');
  const [providerId, setProviderId] = useState('');
  const [plan, setPlan] = useState<{ plan: SeriesPlan; input: RescheduleSeriesInput } | null>(null);
  const [planning, setPlanning] = useState(false);
  const [done, setDone] = useState<number | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (plan || done !== null) resultRef.current?.focus();
  }, [plan, done]);

  if (!appointment) throw new NotFoundError(appointmentId);
  const purchase = appointment.packagePurchase;
  const from = appointment.sessionNumberInPackage ?? 1;

  const inputOf = (): RescheduleSeriesInput => {
    const input: RescheduleSeriesInput = { packagePurchaseId: purchase?.id ?? '', fromSessionNumber: from, startDate };
    if (days.length) input.preferredDays = days;
    if (windowFrom || windowTo) input.timeWindow = { from: windowFrom, to: windowTo };
    if (providerId) input.providerId = providerId;
    return input;
  };

  const preview = async (event: FormEvent) => {
    event.preventDefault();
    setPlanning(true);
    setDone(null);
    const input = inputOf();
    const result = await client.query({ query: SeriesPreviewQueryDocument, variables: { input }, fetchPolicy: 'no-cache' }).catch(() => null);
    setPlanning(false);
    setPlan(result?.data ? { plan: result.data.previewRescheduleSeries, input } : null);
  };

  const confirm = async () => {
    if (!plan) return;
    const result = await move({ variables: { input: plan.input } }).catch(() => null);
    const payload = result?.data?.rescheduleSeries;
    if (!payload) return;
    if (payload.userErrors.length === 0 && payload.schedulingErrors.length === 0) {
      setDone(payload.moved.length);
      setPlan(null);
    } else {
      // The calendar changed since the preview: show what the server says now.
      setPlan({ plan: { ...plan.plan, schedulingErrors: payload.schedulingErrors, userErrors: payload.userErrors }, input: plan.input });
    }
  };

  const appointmentOf = new Map((plan?.plan.sessions ?? []).map((s) => [s.sessionNumber, s.appointment.id]));
  const onBook: BookSuggestion = async (suggestion) => {
    const missed = plan?.plan.schedulingErrors.find((e) => e.alternatives.some((a) => a.startsAt === suggestion.startsAt && a.provider.id === suggestion.provider.id));
    const id = missed ? appointmentOf.get(missed.sessionNumber) : undefined;
    if (!id) return null;
    const result = await bookSuggestion({ variables: { input: { appointmentId: id, startsAt: suggestion.startsAt, providerId: suggestion.provider.id } } }).catch(() => null);
    return result?.data?.rescheduleAppointment.userErrors ?? null;
  };

  const userErrors = plan?.plan.userErrors;
  const toggleDay = (day: WeekdayName, on: boolean) => setDays((current) => (on ? [...current, day] : current.filter((d) => d !== day)));
  const moves = plan?.plan.sessions.filter((s) => s.moves) ?? [];

  return (
    <section>
      <p className="breadcrumbs">
        <Link to={`/appointments/${encodeURIComponent(appointment.id)}`}>
          {t('appointment', { number: '' })}
          <span dir="ltr">{appointment.number}</span>
        </Link>
      </p>
      <PageHeading>{t('seriesHeading', { n: from })}</PageHeading>
      {!movable ? (
        <p className="state state-warning">{t('seriesNotMovable')}</p>
      ) : (
        <div className="schedule">
          <form className="panel" onSubmit={(e) => void preview(e)} noValidate aria-describedby="series-intro">
            <p id="series-intro" className="hint">
              {t('seriesIntro', { n: from, name: nameOf(appointment.patient) })}
            </p>
            <FormErrors errors={otherErrors(userErrors, FIELDS)} />
            {providers.error ? <ErrorNotice error={providers.error} onRetry={() => void providers.refetch()} /> : null}
            <div className="field">
              <label htmlFor="series-providerId">{t('seriesProvider')}</label>
              <select id="series-providerId" value={providerId} onChange={(e) => setProviderId(e.target.value)} {...invalidFieldProps('series-providerId-error', fieldErrors(userErrors, 'providerId'))}>
                <option value="">{t('seriesSameProvider')}</option>
                {(providers.data?.providers ?? []).map((p) => (
                  <option key={p.id} value={p.id}>
                    {nameOf(p)}
                  </option>
                ))}
              </select>
              <FieldError id="series-providerId-error" errors={fieldErrors(userErrors, 'providerId')} />
            </div>
            <div className="field">
              <label htmlFor="series-startDate">{t('seriesStartDate')}</label>
              <input id="series-startDate" type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} {...invalidFieldProps('series-startDate-error', fieldErrors(userErrors, 'startDate'))} />
              <FieldError id="series-startDate-error" errors={fieldErrors(userErrors, 'startDate')} />
            </div>
            <fieldset className="weekdays">
              <legend>{t('preferredDays')}</legend>
              <div className="weekday-list">
                {WEEKDAYS.map((day) => (
                  <div className="field-check" key={day}>
                    <input id={`series-day-${day}`} type="checkbox" checked={days.includes(day)} onChange={(e) => toggleDay(day, e.target.checked)} />
                    <label htmlFor={`series-day-${day}`}>{t(`day_${day}`)}</label>
                  </div>
                ))}
              </div>
            </fieldset>
            <div className="inline-fields">
              <div className="field">
                <label htmlFor="series-windowFrom">{t('windowFrom')}</label>
                <input id="series-windowFrom" type="time" step={900} value={windowFrom} onChange={(e) => setWindowFrom(e.target.value)} />
              </div>
              <div className="field">
                <label htmlFor="series-windowTo">{t('windowTo')}</label>
                <input id="series-windowTo" type="time" step={900} value={windowTo} onChange={(e) => setWindowTo(e.target.value)} />
              </div>
            </div>
            <FieldError id="series-timeWindow-error" errors={[...fieldErrors(userErrors, 'from'), ...fieldErrors(userErrors, 'to')]} />
            <div className="form-actions">
              <button type="submit" className="secondary" disabled={planning}>
                {planning ? t('previewing') : t('seriesPreview')}
              </button>
            </div>
          </form>
          {providers.loading ? <Loading /> : null}
          {moving.error ? <ErrorNotice error={moving.error} /> : null}
          {done !== null ? (
            <p className="notice notice-success" role="status">
              <span ref={resultRef} tabIndex={-1}>
                {t('seriesMoved', { count: done })}
              </span>{' '}
              <Link to={`/appointments/${encodeURIComponent(appointment.id)}`}>{t('seriesBack')}</Link>
            </p>
          ) : null}
          {plan && plan.plan.userErrors.length === 0 ? (
            <section className="panel schedule-preview" aria-labelledby="series-preview-heading">
              <h2 id="series-preview-heading" ref={resultRef} tabIndex={-1}>
                {t('seriesPreviewHeading')}
              </h2>
              <SessionTable
                sessions={plan.plan.sessions.map((s) => ({ ...s, now: s.appointment }))}
                columns={SERIES_COLUMNS}
                timeZone={timeZone}
                caption={t('seriesToMove', { count: moves.length, total: plan.plan.sessions.length })}
              />
              {plan.plan.schedulingErrors.length > 0 ? (
                <UnplacedSessions heading={t('seriesNothingMoves', { count: plan.plan.schedulingErrors.length })} misses={plan.plan.schedulingErrors} timeZone={timeZone} onBook={onBook} />
              ) : moves.length > 0 ? (
                <div className="form-actions">
                  <button type="button" onClick={() => void confirm()} disabled={moving.loading}>
                    {moving.loading ? t('scheduling') : t('seriesConfirm', { count: moves.length })}
                  </button>
                </div>
              ) : (
                <p>{t('seriesNothingToMove')}</p>
              )}
            </section>
          ) : null}
        </div>
      )}
    </section>
  );
}
