import { type ApolloClient } from '@apollo/client';
import { useApolloClient, useMutation, useSuspenseQuery } from '@apollo/client/react';
import { Suspense, useDeferredValue, useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { CalendarRouteQueryDocument, CalendarSetupQueryDocument, RescheduleAppointmentMutationDocument, type CalendarSetupQuery } from '../graphql/generated';
import { localDateOf, todayIn } from '../i18n/clinic-time';
import { useLocale } from '../i18n/locale';
import { Loading, PageHeading } from '../layout/states';
import { canBook, useViewer } from '../layout/viewer';
import { rangeOf, readCalendarState, resolveCalendarView, stepDate, writeCalendarState, type CalendarState, type CalendarViewName } from './calendar-url';
import { CalendarToolbar } from './calendar-toolbar';
import { ClinicCalendarView, type CalendarMove } from './clinic-calendar-view';

const NARROW = '(max-width: 40rem)';

function narrowScreen(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(NARROW).matches;
}

/** The week (its variables) asked for by the preload and not yet shown: the screen reads it from the cache rather than asking again. */
let preloadedWeek: string | null = null;

/**
 * Called by the preload (calendar-preload.ts) once the clinics are known: asks for the week the
 * screen is about to show, with the same choice of clinic, view and day as the screen.
 */
export function preloadCalendarWeek(client: ApolloClient, setup: CalendarSetupQuery, params: URLSearchParams): void {
  const { clinic, view, date } = resolveCalendarView(setup, readCalendarState(params), setup.viewer?.provider?.id ?? null, narrowScreen());
  if (!clinic) return;
  const variables = { clinicId: clinic.id, ...rangeOf(view, date) };
  preloadedWeek = JSON.stringify(variables);
  void client.query({ query: CalendarRouteQueryDocument, variables, fetchPolicy: 'network-only' }).catch(() => null);
}

function takePreloadedWeek(): string | null {
  const week = preloadedWeek;
  preloadedWeek = null;
  return week;
}

/**
 * /calendar: the clinic's time grid, a column per provider. Clinic, view, day, providers and
 * the service to book all live in the address; a clinician opens on their own column.
 */
export function CalendarRoute() {
  const { t } = useLocale();
  const viewer = useViewer();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state = readCalendarState(params);
  const { data: setup } = useSuspenseQuery(CalendarSetupQueryDocument);
  const [narrow] = useState(narrowScreen);

  const { clinic, own, timeZone, view, date } = resolveCalendarView(setup, state, viewer.provider?.id ?? null, narrow);

  const update = (change: Partial<CalendarState>, replace = false) =>
    setParams(writeCalendarState({ ...state, clinicId: clinic?.id ?? null, view, date, ...change }), { replace });

  // A clinician opens on their own column; everyone else on the whole clinic.
  useEffect(() => {
    if (state.providerIds === null && viewer.role === 'CLINICIAN' && own && clinic && own.clinics.some((c) => c.id === clinic.id)) {
      update({ providerIds: [own.id] }, true);
    }
  });

  return (
    <section className="calendar-page">
      <PageHeading>{t('calendarTitle')}</PageHeading>
      <CalendarToolbar
        clinics={setup.clinics}
        clinicId={clinic?.id}
        view={view}
        onClinic={(clinicId) => update({ clinicId, providerIds: null, serviceId: null })}
        onStep={(direction) => update({ date: stepDate(view, date, direction) })}
        onToday={() => update({ date: todayIn(timeZone) })}
        onView={(name) => update({ view: name })}
      />
      {clinic ? (
        // The toolbar is shown while the week is on its way.
        <Suspense fallback={<Loading />}>
        <ClinicCalendarSection
          clinicId={clinic.id}
          view={view}
          date={date}
          state={state}
          canBook={canBook(viewer)}
          onChange={update}
          onBook={(booking, serviceId) => {
            const query = new URLSearchParams({ clinicId: clinic.id, providerId: booking.providerId, startsAt: booking.startsAt, date: booking.date });
            // Only a service chosen here: otherwise booking takes the service of the patient's package.
            if (serviceId && state.serviceId) query.set('serviceId', serviceId);
            void navigate(`/appointments/new?${query.toString()}`);
          }}
          onOpen={(id) => void navigate(`/appointments/${encodeURIComponent(id)}`)}
        />
        </Suspense>
      ) : null}
    </section>
  );
}

function ClinicCalendarSection({
  clinicId,
  view,
  date,
  state,
  canBook: mayBook,
  onChange,
  onBook,
  onOpen,
}: {
  clinicId: string;
  view: CalendarViewName;
  date: string;
  state: CalendarState;
  canBook: boolean;
  onChange(change: Partial<CalendarState>): void;
  onBook(booking: { providerId: string; startsAt: string; date: string }, serviceId: string | null): void;
  onOpen(appointmentId: string): void;
}) {
  const { t, nameOf, formatDate } = useLocale();
  const range = rangeOf(view, date);
  const variables = { clinicId, ...range };
  // The week the preload has just read is taken from the cache; any other is shown from the cache and read again.
  const [preloaded] = useState(takePreloadedWeek);
  const { data } = useSuspenseQuery(CalendarRouteQueryDocument, {
    variables,
    fetchPolicy: preloaded === JSON.stringify(variables) ? 'cache-first' : 'cache-and-network',
  });
  // The grid is drawn in a second render that gives way to the browser: the range, the options
  // and the key paint first (the page's largest text), then the grid, in place of a box its size.
  const gridShown = useDeferredValue(true, false);
  const calendar = data.clinicCalendar;
  const all = calendar.providers.map((column) => column.provider.id);
  const shown = state.providerIds ? all.filter((id) => state.providerIds?.includes(id)) : all;
  const service = data.services.find((s) => s.id === state.serviceId) ?? data.services[0];
  const client = useApolloClient();
  const [reschedule] = useMutation(RescheduleAppointmentMutationDocument);
  const mayMove = calendar.appointments.some((a) => a.canReschedule);

  // The server decides a dragged move; once it took one, the calendar is read again (in the background).
  const move = async (change: CalendarMove): Promise<string | null> => {
    const result = await reschedule({ variables: { input: change } }).catch(() => null);
    const answer = result?.data?.rescheduleAppointment;
    if (!answer) return 'NETWORK';
    if (!answer.appointment) return answer.userErrors[0]?.code ?? 'NETWORK';
    void client.query({ query: CalendarRouteQueryDocument, variables: { clinicId, ...range }, fetchPolicy: 'network-only' }).catch(() => null);
    return null;
  };

  const toggle = (providerId: string, on: boolean) => {
    const next = on ? all.filter((id) => id === providerId || shown.includes(id)) : shown.filter((id) => id !== providerId);
    onChange({ providerIds: next.length === all.length ? null : next });
  };

  return (
    <>
      <p className="cal-range" aria-live="polite">
        {view === 'day' ? formatDate(date) : `${formatDate(range.from)} – ${formatDate(range.to)}`}
      </p>
      <div className="cal-options">
        <fieldset className="cal-providers">
          <legend>{t('calendarProviders')}</legend>
          {calendar.providers.map((column) => (
            <label key={column.provider.id} className="field-check">
              <input type="checkbox" checked={shown.includes(column.provider.id)} onChange={(e) => toggle(column.provider.id, e.target.checked)} />
              {nameOf({ nameEn: column.provider.name, nameAr: column.provider.nameAr })}
            </label>
          ))}
        </fieldset>
        {mayBook && data.services.length > 0 ? (
          <div className="field">
            <label htmlFor="calendar-service">{t('calendarBookService')}</label>
            <select id="calendar-service" value={service?.id ?? ''} onChange={(e) => onChange({ serviceId: e.target.value })}>
              {data.services.map((s) => (
                <option key={s.id} value={s.id}>
                  {nameOf(s)}
                </option>
              ))}
            </select>
            <p className="hint">{t('calendarBookHint')}</p>
          </div>
        ) : null}
        <CalendarKey />
      </div>
      {gridShown ? (
      <ClinicCalendarView
        calendar={calendar}
        view={view}
        date={date}
        providerIds={shown}
        onBook={mayBook ? (booking) => onBook({ ...booking, date: localDateOf(booking.startsAt, calendar.timeZone) }, service?.id ?? null) : null}
        onMove={mayMove ? move : null}
        onOpenAppointment={onOpen}
        onNavigate={(nextDate, nextView) => onChange({ date: nextDate, view: nextView })}
      />
      ) : (
        <GridPlaceholder dragHint={mayMove} />
      )}
    </>
  );
}

/** The grid's frame before the grid is drawn: the same boxes, so nothing moves when it comes. */
function GridPlaceholder({ dragHint }: { dragHint: boolean }) {
  const { t } = useLocale();
  return (
    <>
      {dragHint ? <p className="hint">{t('calendarDragHint')}</p> : null}
      <div className="cal-scroll" aria-busy="true">
        <div className="cal-grid" />
      </div>
    </>
  );
}

function CalendarKey() {
  const { t } = useLocale();
  return (
    <ul className="cal-key" aria-label={t('calendarLegend')}>
      <li>
        <span className="cal-swatch cal-slot-working" aria-hidden="true" /> {t('calendarWorkingHours')}
      </li>
      <li>
        <span className="cal-swatch cal-time-off" aria-hidden="true" /> {t('calendarAway')}
      </li>
      <li>
        <span className="cal-swatch cal-not-working" aria-hidden="true" /> {t('calendarNotWorking')}
      </li>
      <li>
        <span className="cal-swatch cal-closed" aria-hidden="true" /> {t('calendarClosed')}
      </li>
      {(['BOOKED', 'CONFIRMED', 'ARRIVED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW'] as const).map((status) => (
        <li key={status}>
          <span className={`cal-swatch cal-status-${status.toLowerCase()}`} aria-hidden="true" /> {t(`appt_${status}`)}
        </li>
      ))}
    </ul>
  );
}
