import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { Observable } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocaleProvider, type Locale } from '../i18n/locale';
import { preloadFirstPage } from '../apollo/first-page';
import { AppRoutes } from '../router';
import { renderWithProviders } from '../testing/render';
import { readCalendarState, rangeOf, resolveCalendarView, stepDate, writeCalendarState } from './calendar-url';
import { ClinicCalendarView, gridZoneOf, type CalendarData } from './clinic-calendar-view';
import { prerender as prerenderCalendar, signedIn as calendarPaintedSignedIn } from './calendar.prerender';

afterEach(cleanup);

const hours = (date: string) => [
  { __typename: 'CalendarInterval' as const, date, startsAt: `${date}T05:00:00.000Z`, endsAt: `${date}T09:00:00.000Z` },
  { __typename: 'CalendarInterval' as const, date, startsAt: `${date}T10:00:00.000Z`, endsAt: `${date}T13:00:00.000Z` },
];

/** The API's answer for Monday 30 November 2026 in Riyadh: Huda works, Omar is on leave, Nada does not work Mondays. */
const calendar: CalendarData = {
  __typename: 'ClinicCalendar',
  timeZone: 'Asia/Riyadh',
  from: '2026-11-30',
  to: '2026-11-30',
  providers: [
    {
      __typename: 'CalendarProvider',
      provider: { __typename: 'Provider', id: 'huda', name: 'Huda Al-Otaibi', nameAr: 'هدى العتيبي' },
      working: hours('2026-11-30'),
      unavailable: [],
    },
    {
      __typename: 'CalendarProvider',
      provider: { __typename: 'Provider', id: 'omar', name: 'Omar Haddad', nameAr: 'عمر حداد' },
      working: [],
      unavailable: [
        { __typename: 'UnavailableInterval', date: '2026-11-30', startsAt: '2026-11-29T21:00:00.000Z', endsAt: '2026-11-30T21:00:00.000Z', kind: 'TIME_OFF', reason: 'Annual leave' },
      ],
    },
    {
      __typename: 'CalendarProvider',
      provider: { __typename: 'Provider', id: 'nada', name: 'Nada Al-Shammari', nameAr: null },
      working: [],
      unavailable: [
        { __typename: 'UnavailableInterval', date: '2026-11-30', startsAt: '2026-11-29T21:00:00.000Z', endsAt: '2026-11-30T21:00:00.000Z', kind: 'NOT_WORKING_DAY', reason: null },
      ],
    },
  ],
  appointments: [
    {
      __typename: 'CalendarAppointment',
      appointmentId: 'apt-1',
      providerId: 'huda',
      startsAt: '2026-11-30T06:00:00.000Z',
      endsAt: '2026-11-30T06:45:00.000Z',
      status: 'CONFIRMED',
      patientNameEn: 'Sara Al-Harbi',
      patientNameAr: 'سارة الحربي',
      serviceCode: 'SLP',
      serviceNameEn: 'Speech therapy session',
      serviceNameAr: 'جلسة علاج النطق',
      sessionNumber: 4,
      sessionTotal: 10,
      inThisClinic: true,
      canReschedule: true,
    },
    {
      __typename: 'CalendarAppointment',
      appointmentId: 'apt-2',
      providerId: 'huda',
      startsAt: '2026-11-30T10:00:00.000Z',
      endsAt: '2026-11-30T10:45:00.000Z',
      status: 'BOOKED',
      patientNameEn: 'Omar Said',
      patientNameAr: null,
      serviceCode: 'SLP-THERAPY',
      serviceNameEn: 'Speech therapy session',
      serviceNameAr: 'جلسة علاج النطق',
      sessionNumber: null,
      sessionTotal: null,
      inThisClinic: true,
      canReschedule: true,
    },
  ],
};

function renderDay(locale: Locale = 'en', providerIds = ['huda', 'omar', 'nada']) {
  const onOpenAppointment = vi.fn();
  const view = renderWithProviders(
    <ClinicCalendarView
      calendar={calendar}
      view="day"
      date="2026-11-30"
      providerIds={providerIds}
      onBook={vi.fn()}
      onOpenAppointment={onOpenAppointment}
      onNavigate={vi.fn()}
    />,
    { locale },
  );
  return { ...view, onOpenAppointment };
}

const appointments = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('.rbc-event.cal-appointment')];

describe('the clinic calendar', () => {
  it('has a column per provider, the leave with its reason and the day not worked', () => {
    const { container } = renderDay();
    const headers = [...container.querySelectorAll('.rbc-time-header .rbc-row-resource .rbc-header')].map((h) => h.textContent);
    expect(headers).toEqual(['Huda Al-Otaibi', 'Omar Haddad', 'Nada Al-Shammari']);
    const unavailable = [...container.querySelectorAll('.rbc-background-event')].map((e) => [
      e.className.includes('cal-time-off') ? 'off' : 'rest',
      e.querySelector('.rbc-event-content')?.textContent,
    ]);
    expect(unavailable).toEqual([
      ['off', 'Away: Annual leave'],
      ['rest', 'Not working'],
    ]);
  });

  it('shows each appointment with its patient, session n/total or service, and status, coloured by status', () => {
    const { container } = renderDay();
    const [session, single] = appointments(container);
    expect(session?.textContent).toContain('Sara Al-Harbi');
    expect(session?.textContent).toContain('SLP 4/10');
    expect(session?.textContent).toContain('Confirmed');
    expect(session?.className).toContain('cal-status-confirmed');
    expect(single?.textContent).toContain('Speech therapy session');
    expect(single?.className).toContain('cal-status-booked');
  });

  it('shades the hours outside work, per provider', () => {
    const { container } = renderDay();
    const [huda, omar] = [...container.querySelectorAll('.rbc-time-content .rbc-day-slot')];
    expect(huda?.querySelectorAll('.cal-slot-working').length).toBe(28); // 08:00-12:00 and 13:00-16:00 in quarters
    expect(omar?.querySelectorAll('.cal-slot-working').length).toBe(0);
  });

  it('opens an appointment by click, and by keyboard from its focusable block', () => {
    const { container, onOpenAppointment } = renderDay();
    const [session, single] = appointments(container);
    expect(session?.getAttribute('tabindex')).toBe('0');
    expect(session?.getAttribute('role')).toBe('button');
    fireEvent.click(session!);
    expect(onOpenAppointment).toHaveBeenLastCalledWith('apt-1');
    fireEvent.keyDown(single!, { key: 'Enter' });
    expect(onOpenAppointment).toHaveBeenLastCalledWith('apt-2');
  });

  it('shows only the providers asked for', () => {
    const { container } = renderDay('en', ['omar']);
    expect([...container.querySelectorAll('.rbc-time-header .rbc-row-resource .rbc-header')].map((h) => h.textContent)).toEqual(['Omar Haddad']);
    expect(appointments(container)).toHaveLength(0);
  });

  it('reads right to left in Arabic, with Arabic names and numbers', () => {
    const { container } = renderDay('ar');
    expect(container.querySelector('.rbc-calendar.rbc-rtl')).not.toBeNull();
    expect(within(container).getByText('هدى العتيبي')).toBeTruthy();
    const [session] = appointments(container);
    expect(session?.textContent).toContain('سارة الحربي');
    const digits = new Intl.NumberFormat('ar');
    expect(session?.textContent).toContain(`SLP ${digits.format(4)}/${digits.format(10)}`);
    expect(screen.getByText('غائب: Annual leave')).toBeTruthy();
  });
});

describe('the calendar address', () => {
  it('keeps clinic, view, day, providers and service, and ignores what is not a date', () => {
    const state = { clinicId: 'c1', view: 'week' as const, date: '2026-11-30', providerIds: ['a', 'b'], serviceId: 's1' };
    expect(readCalendarState(writeCalendarState(state))).toEqual(state);
    expect(readCalendarState(new URLSearchParams('date=2026-13-45&view=month'))).toMatchObject({ date: null, view: null, providerIds: null });
  });

  it('opens on the address, else the clinician\'s own clinic (or the first), a day on a phone, today in the clinic', () => {
    const setup = {
      clinics: [
        { id: 'c1', timeZone: 'Asia/Riyadh' },
        { id: 'c2', timeZone: 'Asia/Dubai' },
      ],
      providers: [{ id: 'p2', clinics: [{ id: 'c2' }] }],
    };
    const open = readCalendarState(new URLSearchParams());
    const now = new Date('2026-11-30T21:30:00Z'); // already 1 December in Riyadh and Dubai
    vi.useFakeTimers({ now, toFake: ['Date'] });
    try {
      expect(resolveCalendarView(setup, open, null, false)).toMatchObject({ clinic: { id: 'c1' }, view: 'week', date: '2026-12-01' });
      expect(resolveCalendarView(setup, open, 'p2', true)).toMatchObject({ clinic: { id: 'c2' }, own: { id: 'p2' }, view: 'day', timeZone: 'Asia/Dubai' });
      const given = readCalendarState(new URLSearchParams('clinic=c1&view=week&date=2026-11-24'));
      expect(resolveCalendarView(setup, given, 'p2', true)).toMatchObject({ clinic: { id: 'c1' }, view: 'week', date: '2026-11-24' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('covers Sunday to Saturday in a week, and steps a day or a week', () => {
    expect(rangeOf('week', '2026-12-02')).toEqual({ from: '2026-11-29', to: '2026-12-05' });
    expect(rangeOf('day', '2026-12-02')).toEqual({ from: '2026-12-02', to: '2026-12-02' });
    expect(stepDate('week', '2026-12-02', -1)).toBe('2026-11-25');
    expect(stepDate('day', '2026-12-02', 1)).toBe('2026-12-03');
  });
});

describe("the grid's zone", () => {
  it('is a fixed offset when the clinic keeps one clock over the days shown, else the named zone', () => {
    const riyadh = gridZoneOf('Asia/Riyadh', '2026-11-29', '2026-12-05');
    expect(riyadh.type).toBe('fixed');
    expect(riyadh.offset(Date.parse('2026-11-30T06:00:00Z'))).toBe(180);
    // London's clocks go back on 25 October 2026: that week keeps the named zone.
    expect(gridZoneOf('Europe/London', '2026-10-25', '2026-10-31').type).toBe('iana');
    expect(gridZoneOf('Europe/London', '2026-10-19', '2026-10-23').type).toBe('fixed');
  });
});

describe('the calendar opened directly', () => {
  const answers: Record<string, unknown> = {
    AppShellQuery: {
      viewer: {
        __typename: 'User',
        id: 'u1',
        name: 'Amal',
        email: 'reception@example.test',
        role: 'RECEPTIONIST',
        permissions: ['bookAppointment'],
        provider: null,
      },
    },
    CalendarSetupQuery: {
      viewer: { __typename: 'User', id: 'u1', provider: null },
      clinics: [{ __typename: 'Clinic', id: 'c1', nameEn: 'Speech', nameAr: 'النطق', timeZone: 'Asia/Riyadh' }],
      providers: [{ __typename: 'Provider', id: 'huda', clinics: [{ __typename: 'Clinic', id: 'c1' }] }],
    },
    CalendarRouteQuery: { services: [], clinicCalendar: calendar },
  };

  it('asks for the viewer and its clinics as the app loads, for its week once the clinics are known, each once', async () => {
    // A server that answers only when the test says so.
    const asked: Array<{ name: string; variables: Record<string, unknown> }> = [];
    const waiting = new Map<string, () => void>();
    const client = new ApolloClient({
      cache: new InMemoryCache(),
      link: new ApolloLink(
        (operation) =>
          new Observable((observer) => {
            const name = operation.operationName ?? '';
            asked.push({ name, variables: operation.variables });
            waiting.set(name, () => {
              observer.next({ data: answers[name] as Record<string, unknown> });
              observer.complete();
            });
          }),
      ),
    });
    const answer = (name: string) => waiting.get(name)?.();
    window.history.replaceState(null, '', '/calendar?clinic=c1&view=day&date=2026-11-30');
    try {
      // As the app's code loads, before its first render.
      preloadFirstPage(client, window.location);
      const { container } = render(
        <LocaleProvider initialLocale="en">
          <ApolloProvider client={client}>
            <AppRoutes />
          </ApolloProvider>
        </LocaleProvider>,
      );
      await vi.waitFor(() => expect(asked.map((a) => a.name)).toEqual(['AppShellQuery', 'CalendarSetupQuery']));
      answer('CalendarSetupQuery');
      // The week is asked for before the viewer is known (so before the screen renders).
      await vi.waitFor(() => expect(asked.map((a) => a.name)).toContain('CalendarRouteQuery'), { timeout: 5000 });
      expect(asked.at(-1)?.variables).toEqual({ clinicId: 'c1', from: '2026-11-30', to: '2026-11-30' });
      answer('AppShellQuery');
      answer('CalendarRouteQuery');
      await vi.waitFor(() => expect(container.querySelector('.rbc-time-view')).not.toBeNull(), { timeout: 5000 });
      expect(asked.map((a) => a.name).sort()).toEqual(['AppShellQuery', 'CalendarRouteQuery', 'CalendarSetupQuery']);
    } finally {
      window.history.replaceState(null, '', '/');
    }
  });
});

describe('the calendar painted by the server', () => {
  it("is its first view without data, in each language: the header's frame, the toolbar and the booking hint, every control disabled, for signed-in callers only", () => {
    expect(calendarPaintedSignedIn).toBe(true);
    const english = prerenderCalendar('en');
    expect(english).toContain('<h1 tabindex="-1">Calendar</h1>');
    expect(english).toContain('<p class="hint">Choose an empty time in a provider’s column to book it.</p>');
    expect(english).toContain('class="cal-toolbar" role="group" aria-label="Calendar controls"');
    expect(english.match(/<(button|select) /g)).toHaveLength(7); // menu, previous, today, next, day, week; the clinic
    expect(english.match(/<(button|select) disabled="" /g)).toHaveLength(7);
    const arabic = prerenderCalendar('ar');
    expect(arabic).toContain('<h1 tabindex="-1">التقويم</h1>');
    expect(arabic).toContain('<p class="hint">اختر وقتًا فارغًا في عمود المعالج لحجزه.</p>');
  });
});
