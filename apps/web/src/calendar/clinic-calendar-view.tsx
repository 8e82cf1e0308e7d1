import { DateTime, FixedOffsetZone, IANAZone, Settings, type Zone } from 'luxon';
import { useEffect, useMemo, useState, type HTMLAttributes, type ReactNode, type SyntheticEvent } from 'react';
import { Calendar, luxonLocalizer, type DateRange, type EventProps, type Formats, type SlotInfo } from 'react-big-calendar';
import * as dragAndDrop from 'react-big-calendar/lib/addons/dragAndDrop';
import { type EventInteractionArgs } from 'react-big-calendar/lib/addons/dragAndDrop';
import 'react-big-calendar/lib/css/react-big-calendar.css';
import 'react-big-calendar/lib/addons/dragAndDrop/styles.css';
import './calendar.css';
import { type AppointmentStatus, type CalendarRouteQuery } from '../graphql/generated';
import { deskEn } from '../i18n/catalog/desk';
import { useLocale } from '../i18n/locale';
import { type MessageKey } from '../i18n/messages';
import { type CalendarViewName } from './calendar-url';

export type CalendarData = CalendarRouteQuery['clinicCalendar'];

/** The time column's width (calendar.css gives it as 5rem). */
const GUTTER_PX = 80;

/**
 * The time grid's `width` (its time column's): given, the grid does not measure the column after its
 * first render and draw itself a second time. The calendar hands it to its view; its types omit it.
 */
const TIME_GRID_WIDTH: object = { width: GUTTER_PX };

/** A week starts on Sunday in the clinics (luxon counts Sunday as 7). */
const localizer = luxonLocalizer(DateTime, { firstDayOfWeek: 7 });

interface AppointmentEntry {
  kind: 'APPOINTMENT';
  id: string;
  resourceId: string;
  start: Date;
  end: Date;
  title: string;
  patient: string;
  detail: string;
  status: AppointmentStatus;
  inThisClinic: boolean;
  canReschedule: boolean;
}

interface UnavailableEntry {
  kind: 'TIME_OFF' | 'NOT_WORKING_DAY' | 'CLOSED';
  id: string;
  resourceId: string;
  start: Date;
  end: Date;
  title: string;
}

type Entry = AppointmentEntry | UnavailableEntry;

/**
 * The addon ships as CommonJS only: the production bundle hands over its exports object as the
 * default (so the function is its `default`), the test runner the function itself.
 */
type WithDragAndDrop = typeof dragAndDrop.default;
const withDragAndDrop: WithDragAndDrop = (dragAndDrop.default as unknown as { default?: WithDragAndDrop }).default ?? dragAndDrop.default;

/** The library's grid with its drag-and-drop addon (moves only: an appointment lasts as long as its service). */
const DragAndDropCalendar = withDragAndDrop<Entry, { id: string; title: string }>(Calendar);

/** A move the person asked for by dragging. */
export interface CalendarMove {
  appointmentId: string;
  providerId: string;
  startsAt: string;
}

/** Where an appointment is drawn while its move is saved, and after the server took it. */
interface Placement {
  resourceId: string;
  start: Date;
  end: Date;
}

export interface ClinicCalendarViewProps {
  calendar: CalendarData;
  view: CalendarViewName;
  /** The clinic-local day shown (or a day of the week shown). */
  date: string;
  /** The provider columns to show, in the calendar's order. */
  providerIds: readonly string[];
  /** Empty times can be chosen to book (the front desk); null for those who cannot book. */
  onBook: ((booking: { providerId: string; startsAt: string }) => void) | null;
  /**
   * Save a dragged appointment's new time and provider: resolves to null when the server took it,
   * else the code of its refusal ('NETWORK' when it could not be asked). Null for those who cannot reschedule.
   */
  onMove?: ((move: CalendarMove) => Promise<string | null>) | null;
  onOpenAppointment(appointmentId: string): void;
  onNavigate(date: string, view: CalendarViewName): void;
}

/**
 * react-big-calendar's luxon localizer reads luxon's default zone: while the calendar is shown,
 * that zone is the clinic's, so the grid's hours are the clinic's wall clock wherever the browser is.
 */
function useClinicZone(timeZone: string, from: string, to: string): Zone {
  const zone = useMemo(() => gridZoneOf(timeZone, from, to), [timeZone, from, to]);
  if (!Settings.defaultZone.equals(zone)) Settings.defaultZone = zone;
  useEffect(
    () => () => {
      Settings.defaultZone = 'system';
    },
    [],
  );
  return zone;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The clinic's zone for the days shown. When its offset is the same from the day before to the
 * day after (no change of clock in between: always, in a zone without summer time), the same
 * offset as a fixed zone: the grid's many date computations then need no time-zone lookup
 * (each costs a call into Intl), and every wall-clock time is the same. The offset is looked at
 * every six hours (each look is a call into Intl): no clock keeps an offset for less than that.
 */
export function gridZoneOf(timeZone: string, from: string, to: string): Zone {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) return zone;
  // Plain arithmetic on instants (the zone's offset at UTC midnight places the local one): the
  // first render of the grid runs this once, and luxon's date parsing costs a phone more.
  const midnight = (day: string) => {
    const utc = Date.parse(`${day}T00:00:00Z`);
    return utc - zone.offset(utc) * 60_000;
  };
  const first = midnight(from) - DAY_MS;
  const last = midnight(to) + 2 * DAY_MS;
  const offset = zone.offset(first);
  for (let instant = first; instant <= last; instant += 6 * HOUR_MS) {
    if (zone.offset(instant) !== offset) return zone;
  }
  if (zone.offset(last) !== offset) return zone;
  return FixedOffsetZone.instance(offset);
}

/**
 * The hours the grid spans: an hour around the earliest start and the latest end of work, on the
 * clinic's wall clock (`zone`: the grid's, useClinicZone).
 */
function hoursOf(calendar: CalendarData, shown: ReadonlySet<string>, zone: Zone): { first: number; last: number } {
  // The wall-clock time of an instant, as the UTC fields of a Date shifted by the zone's offset.
  const local = (iso: string) => {
    const instant = Date.parse(iso);
    return new Date(instant + zone.offset(instant) * 60_000);
  };
  let first = 24;
  let last = 0;
  for (const column of calendar.providers) {
    if (!shown.has(column.provider.id)) continue;
    for (const range of column.working) {
      const start = local(range.startsAt);
      const end = local(range.endsAt);
      first = Math.min(first, start.getUTCHours());
      last = Math.max(last, end.getUTCHours() + (end.getUTCMinutes() > 0 ? 1 : 0));
    }
  }
  if (first >= last) return { first: 7, last: 17 };
  return { first: Math.max(0, first - 1), last: Math.min(24, last + 1) };
}

export function ClinicCalendarView({ calendar, view, date, providerIds, onBook, onMove = null, onOpenAppointment, onNavigate }: ClinicCalendarViewProps) {
  const { t, locale, nameOf, formatDate, formatDateTime } = useLocale();
  const zone = calendar.timeZone;
  const gridZone = useClinicZone(zone, calendar.from, calendar.to);
  // Moves being saved or saved since the calendar was last read: drawn where they were dropped.
  const [placed, setPlaced] = useState<ReadonlyMap<string, Placement>>(new Map());
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'status' | 'alert'; text: string } | null>(null);
  // A fresh answer from the server replaces the moves drawn locally (none on the first answer:
  // the state stays as it is, so the grid is not drawn a second time for nothing).
  useEffect(() => setPlaced((moves) => (moves.size === 0 ? moves : new Map())), [calendar]);
  const shown = useMemo(() => new Set(providerIds), [providerIds]);
  const columns = calendar.providers.filter((column) => shown.has(column.provider.id));
  const { first, last } = hoursOf(calendar, shown, gridZone);
  const at = (day: string, hour: number) =>
    hour >= 24 ? DateTime.fromISO(day, { zone }).endOf('day') : DateTime.fromISO(day, { zone }).set({ hour });

  // What the grid is given is made once per answer, columns shown, local moves and language:
  // a notice or a drag draws the grid again without making new events for it.
  const resources = useMemo(
    () =>
      calendar.providers
        .filter((column) => shown.has(column.provider.id))
        .map((column) => ({ id: column.provider.id, title: nameOf({ nameEn: column.provider.name, nameAr: column.provider.nameAr }) })),
    [calendar, shown, nameOf],
  );

  const appointments = useMemo((): AppointmentEntry[] => calendar.appointments
    .filter((a) => shown.has(a.providerId))
    .map((a) => {
      const patient = nameOf({ nameEn: a.patientNameEn, nameAr: a.patientNameAr });
      const detail =
        a.sessionNumber !== null && a.sessionTotal !== null
          ? t('calendarSession', { code: a.serviceCode, n: a.sessionNumber, total: a.sessionTotal })
          : nameOf({ nameEn: a.serviceNameEn, nameAr: a.serviceNameAr });
      const placement = placed.get(a.appointmentId);
      return {
        kind: 'APPOINTMENT',
        id: a.appointmentId,
        resourceId: placement?.resourceId ?? a.providerId,
        start: placement?.start ?? new Date(a.startsAt),
        end: placement?.end ?? new Date(a.endsAt),
        title: `${patient} · ${detail} · ${t(`appt_${a.status}`)}${a.inThisClinic ? '' : ` · ${t('calendarOtherClinic')}`}`,
        patient,
        detail,
        status: a.status,
        inThisClinic: a.inThisClinic,
        canReschedule: a.canReschedule,
      };
    }), [calendar, shown, placed, t, nameOf]);

  // Unavailable time, drawn within the hours the grid spans (a day off runs midnight to midnight).
  const unavailable = useMemo((): UnavailableEntry[] => calendar.providers.filter((column) => shown.has(column.provider.id)).flatMap((column) =>
    column.unavailable.flatMap((u, index) => {
      const start = DateTime.max(DateTime.fromISO(u.startsAt), at(u.date, first));
      const end = DateTime.min(DateTime.fromISO(u.endsAt), at(u.date, last));
      if (start >= end) return [];
      const title =
        u.kind === 'TIME_OFF'
          ? u.reason
            ? t('calendarAwayReason', { reason: u.reason })
            : t('calendarAway')
          : u.kind === 'CLOSED'
            ? u.reason
              ? t('calendarClosedReason', { reason: u.reason })
              : t('calendarClosed')
            : t('calendarNotWorking');
      return [{ kind: u.kind, id: `${column.provider.id}-${index}`, resourceId: column.provider.id, start: start.toJSDate(), end: end.toJSDate(), title }];
    }),
  ), [calendar, shown, first, last, t]);

  const working = useMemo(() => {
    const byProvider = new Map<string, Array<[number, number]>>();
    for (const column of calendar.providers) {
      byProvider.set(
        column.provider.id,
        column.working.map((w) => [Date.parse(w.startsAt), Date.parse(w.endsAt)]),
      );
    }
    return byProvider;
  }, [calendar]);
  const isWorking = (instant: Date, providerId: string | number | undefined, minutes = 15) => {
    const start = instant.getTime();
    const end = start + minutes * 60_000;
    return (working.get(String(providerId)) ?? []).some(([from, to]) => from <= start && end <= to);
  };

  const book = (slot: SlotInfo) => {
    if (!onBook || slot.resourceId === undefined) return;
    if (!isWorking(slot.start, slot.resourceId)) return;
    onBook({ providerId: String(slot.resourceId), startsAt: slot.start.toISOString() });
  };

  // A dragged appointment is drawn where it was dropped while the server decides; a refusal puts it back and says why.
  const move = async ({ event, start, resourceId }: EventInteractionArgs<Entry>) => {
    if (!onMove || saving || event.kind !== 'APPOINTMENT') return;
    const providerId = resourceId === undefined ? event.resourceId : String(resourceId);
    const startsAt = new Date(start);
    if (startsAt.getTime() === event.start.getTime() && providerId === event.resourceId) return;
    const placement = { resourceId: providerId, start: startsAt, end: new Date(startsAt.getTime() + event.end.getTime() - event.start.getTime()) };
    const previous = placed;
    setPlaced(new Map(placed).set(event.id, placement));
    setSaving(true);
    setNotice({ kind: 'status', text: t('calendarMoving', { patient: event.patient }) });
    const refusal = await onMove({ appointmentId: event.id, providerId, startsAt: startsAt.toISOString() });
    setSaving(false);
    if (refusal === null) {
      const provider = resources.find((r) => r.id === providerId)?.title ?? '';
      setNotice({ kind: 'status', text: t('calendarMoved', { patient: event.patient, when: formatDateTime(startsAt.toISOString(), zone), provider }) });
      return;
    }
    setPlaced(previous);
    const why = `calendarMoveWhy_${refusal}`;
    setNotice({
      kind: 'alert',
      text: t('calendarMoveRefused', { patient: event.patient, reason: why in deskEn ? t(why as MessageKey) : t('calendarMoveWhy_other') }),
    });
  };

  const open = (entry: Entry) => {
    if (entry.kind === 'APPOINTMENT') onOpenAppointment(entry.id);
  };
  const openByKey = (entry: Entry, event: SyntheticEvent) => {
    const key = (event as unknown as { key?: string }).key;
    if (entry.kind === 'APPOINTMENT' && (key === 'Enter' || key === ' ')) {
      event.preventDefault();
      onOpenAppointment(entry.id);
    }
  };

  const dayWidth = view === 'day' ? 170 : 96;
  // Each of the grid's slots is labelled with its clinic-local time: one formatter for all of them.
  const slotTime = useMemo(() => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }), [zone]);
  // The times the grid writes (hours beside it, an appointment's start and end in its tooltip) from
  // one Intl formatter, the same words as the localizer's own "t" (which builds a DateTime for each).
  // The library's toolbar is not shown: its title is not made.
  const formats = useMemo((): Formats => {
    const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: zone });
    const range = ({ start, end }: DateRange) => `${time.format(start)} – ${time.format(end)}`;
    return {
      timeGutterFormat: (instant: Date) => time.format(instant),
      eventTimeRangeFormat: range,
      eventTimeRangeStartFormat: ({ start }: DateRange) => `${time.format(start)} – `,
      eventTimeRangeEndFormat: ({ end }: DateRange) => ` – ${time.format(end)}`,
      selectRangeFormat: range,
      dayHeaderFormat: () => '',
      dayRangeHeaderFormat: () => '',
    };
  }, [locale, zone]);
  const days = view === 'day' ? 1 : 7;
  const rangeText = view === 'day' ? formatDate(date) : `${formatDate(calendar.from)} – ${formatDate(calendar.to)}`;

  if (columns.length === 0) return <p className="state">{t('calendarNoProviders')}</p>;

  return (
    <>
    {onMove ? <p className="hint">{t('calendarDragHint')}</p> : null}
    <div className="cal-move-notice" aria-live="polite">
      {notice ? (
        <p className={notice.kind === 'alert' ? 'state state-error' : 'state'} role={notice.kind}>
          {notice.text}
        </p>
      ) : null}
    </div>
    <div className="cal-scroll" role="region" tabIndex={0} aria-label={t('calendarGrid', { providers: resources.map((r) => r.title).join('، '), range: rangeText })}>
      <div className="cal-grid" style={{ minInlineSize: `${GUTTER_PX + columns.length * days * dayWidth}px` }}>
        <DragAndDropCalendar
          localizer={localizer}
          culture={locale}
          formats={formats}
          {...TIME_GRID_WIDTH}
          rtl={locale === 'ar'}
          date={DateTime.fromISO(date, { zone }).set({ hour: 12 }).toJSDate()}
          view={view}
          views={['day', 'week']}
          toolbar={false}
          onNavigate={(next) => onNavigate(DateTime.fromJSDate(next, { zone }).toISODate() ?? date, view)}
          onView={(next) => onNavigate(date, next === 'day' ? 'day' : 'week')}
          onDrillDown={(next) => onNavigate(DateTime.fromJSDate(next, { zone }).toISODate() ?? date, 'day')}
          events={appointments}
          backgroundEvents={unavailable}
          resources={resources}
          resourceIdAccessor="id"
          resourceTitleAccessor="title"
          min={at(date, first).toJSDate()}
          max={(last >= 24 ? at(date, 23).set({ minute: 59 }) : at(date, last)).toJSDate()}
          scrollToTime={at(date, first).toJSDate()}
          step={15}
          timeslots={4}
          dayLayoutAlgorithm="no-overlap"
          selectable={onBook ? true : false}
          onSelectSlot={book}
          onSelectEvent={open}
          onKeyPressEvent={openByKey}
          draggableAccessor={(entry) => onMove !== null && !saving && entry.kind === 'APPOINTMENT' && entry.canReschedule && entry.inThisClinic}
          resizable={false}
          onEventDrop={(args) => void move(args)}
          tooltipAccessor={(entry) => entry.title}
          eventPropGetter={(entry) => ({
            className:
              entry.kind === 'APPOINTMENT'
                ? `cal-appointment cal-status-${entry.status.toLowerCase()}${entry.inThisClinic ? '' : ' cal-elsewhere'}`
                : `cal-unavailable cal-${entry.kind === 'TIME_OFF' ? 'time-off' : entry.kind === 'CLOSED' ? 'closed' : 'not-working'}`,
          })}
          slotPropGetter={(slot, resourceId) =>
            // The clinic-local time of each slot, so a test (or a tool) can find "13:00" in a column.
            ({ className: isWorking(slot, resourceId) ? 'cal-slot-working' : 'cal-slot-off', 'data-time': slotTime.format(slot) }) as HTMLAttributes<HTMLDivElement>
          }
          components={{ event: EntryContent, header: ColumnLabel }}
          messages={{ allDay: t('calendarAllDay'), noEventsInRange: '', showMore: (count: number) => `+${count}` }}
        />
      </div>
    </div>
    </>
  );
}

/** A day's label over its columns: plain text (the library's own claims a table role that the grid does not have). */
function ColumnLabel({ label }: { label: string }): ReactNode {
  return <span>{label}</span>;
}

function EntryContent({ event }: EventProps<Entry>): ReactNode {
  const { t } = useLocale();
  if (event.kind !== 'APPOINTMENT') return <span className="cal-unavailable-text">{event.title}</span>;
  return (
    <span className="cal-appointment-text">
      <span className="cal-patient">{event.patient}</span> <span className="cal-detail">{event.detail}</span>{' '}
      <span className="cal-status">{t(`appt_${event.status}`)}</span>
      {event.inThisClinic ? null : <span className="cal-detail"> {t('calendarOtherClinic')}</span>}
    </span>
  );
}
