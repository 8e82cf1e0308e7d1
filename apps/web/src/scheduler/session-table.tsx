import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useLocale } from '../i18n/locale';
import { DataTable, type Column } from '../layout/data-table';

interface PersonName {
  name: string;
  nameAr: string | null;
}

/** One session of a plan, a schedule's result or a series move. */
export interface SessionTableRow {
  sessionNumber: number;
  startsAt: string;
  provider: PersonName;
  /** Why the planner chose this slot (EARLIEST_FREE, WEEKLY_SLOT, WEEKLY_SLOT_TAKEN). */
  reason?: string;
  /** The booked appointment's id: the session links to it. */
  appointmentId?: string;
  /** A series move: where the session is now, and whether it moves. */
  now?: { startsAt: string; provider: PersonName };
  moves?: boolean;
}

/** The calendar day of an instant in a time zone (YYYY-MM-DD). */
export function localDateIn(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/** `now` and `then`: a series move's before and after, each as "date time, provider". */
export type SessionColumn = 'session' | 'date' | 'time' | 'provider' | 'reason' | 'now' | 'then';

const REASONS = { EARLIEST_FREE: 'reason_EARLIEST_FREE', WEEKLY_SLOT: 'reason_WEEKLY_SLOT', WEEKLY_SLOT_TAKEN: 'reason_WEEKLY_SLOT_TAKEN' } as const;
const reasonKey = (reason: string) => REASONS[reason as keyof typeof REASONS] ?? REASONS.EARLIEST_FREE;

/** The sessions of a schedule, in the clinic's time zone, in the columns the screen asks for. */
export function SessionTable({
  sessions,
  columns,
  timeZone,
  caption,
  scroll,
}: {
  sessions: readonly SessionTableRow[];
  columns: readonly SessionColumn[];
  timeZone: string;
  caption: ReactNode;
  scroll?: boolean;
}) {
  const { t, nameOf, formatDate, formatTime } = useLocale();
  const date = (instant: string) => formatDate(localDateIn(instant, timeZone));
  const slot = (instant: string, provider: PersonName) => (
    <>
      {date(instant)} {formatTime(instant, timeZone)}, {nameOf(provider)}
    </>
  );
  const all: Record<SessionColumn, Column<SessionTableRow>> = {
    session: {
      key: 'session',
      header: t('session'),
      cell: (s) => {
        const label = t('sessionN', { n: s.sessionNumber });
        return s.appointmentId ? <Link to={`/appointments/${encodeURIComponent(s.appointmentId)}`}>{label}</Link> : label;
      },
    },
    date: { key: 'date', header: t('date'), cell: (s) => date(s.startsAt) },
    time: { key: 'time', header: t('time'), cell: (s) => formatTime(s.startsAt, timeZone) },
    provider: { key: 'provider', header: t('provider'), cell: (s) => nameOf(s.provider) },
    reason: { key: 'reason', header: t('whyThisSlot'), cell: (s) => (s.reason ? t(reasonKey(s.reason)) : null) },
    now: { key: 'now', header: t('seriesNow'), cell: (s) => (s.now ? slot(s.now.startsAt, s.now.provider) : null) },
    then: { key: 'then', header: t('seriesThen'), cell: (s) => (s.moves === false ? t('seriesStays') : slot(s.startsAt, s.provider)) },
  };
  return (
    <DataTable
      rows={sessions}
      rowKey={(s) => s.appointmentId ?? s.sessionNumber}
      columns={columns.map((column) => all[column])}
      caption={caption}
      scroll={scroll}
    />
  );
}
