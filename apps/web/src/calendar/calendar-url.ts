import { addDays, todayIn, weekStartOf } from '../i18n/clinic-time';

/** What the calendar shows, all of it in the address so that a view can be shared and reloaded. */
export type CalendarViewName = 'day' | 'week';

export interface CalendarState {
  clinicId: string | null;
  /** The clinic-local day shown, or a day of the week shown. */
  date: string | null;
  view: CalendarViewName | null;
  /** The provider columns shown; null: every provider of the clinic. */
  providerIds: string[] | null;
  /** The service a click on an empty time books. */
  serviceId: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readCalendarState(params: URLSearchParams): CalendarState {
  const date = params.get('date');
  const view = params.get('view');
  const providers = params.get('providers');
  return {
    clinicId: params.get('clinic') || null,
    date: date && DATE.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ? date : null,
    view: view === 'day' || view === 'week' ? view : null,
    providerIds: providers === null ? null : providers.split(',').filter(Boolean),
    serviceId: params.get('service') || null,
  };
}

export function writeCalendarState(state: CalendarState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.clinicId) params.set('clinic', state.clinicId);
  if (state.view) params.set('view', state.view);
  if (state.date) params.set('date', state.date);
  if (state.providerIds) params.set('providers', state.providerIds.join(','));
  if (state.serviceId) params.set('service', state.serviceId);
  return params;
}

/** The first and last clinic-local days a view of `date` covers (a week starts on Sunday). */
export function rangeOf(view: CalendarViewName, date: string): { from: string; to: string } {
  if (view === 'day') return { from: date, to: date };
  const from = weekStartOf(date);
  return { from, to: addDays(from, 6) };
}

/** The day the previous or next page of the view shows. */
export function stepDate(view: CalendarViewName, date: string, direction: -1 | 1): string {
  return addDays(date, direction * (view === 'day' ? 1 : 7));
}

/** What the calendar shows when the address leaves it open: the same for its first data (preloaded) as for its screen. */
export interface CalendarSetupData {
  clinics: ReadonlyArray<{ id: string; timeZone: string }>;
  providers: ReadonlyArray<{ id: string; clinics: ReadonlyArray<{ id: string }> }>;
}

/**
 * The clinic, view and day shown: the address's, else the clinician's own clinic (or the first),
 * a day on a narrow screen (a week otherwise) and today in the clinic's zone.
 */
export function resolveCalendarView<S extends CalendarSetupData>(
  setup: S,
  state: CalendarState,
  ownProviderId: string | null,
  narrow: boolean,
): { clinic: S['clinics'][number] | undefined; own: S['providers'][number] | undefined; timeZone: string; view: CalendarViewName; date: string } {
  const own = ownProviderId ? setup.providers.find((p) => p.id === ownProviderId) : undefined;
  const clinic =
    setup.clinics.find((c) => c.id === state.clinicId) ?? setup.clinics.find((c) => own?.clinics.some((mine) => mine.id === c.id)) ?? setup.clinics[0];
  const timeZone = clinic?.timeZone ?? 'Asia/Riyadh';
  const view: CalendarViewName = state.view ?? (narrow ? 'day' : 'week');
  return { clinic, own, timeZone, view, date: state.date ?? todayIn(timeZone) };
}
