import { useLocale } from '../i18n/locale';
import { type CalendarViewName } from './calendar-url';

export interface CalendarToolbarProps {
  /** The clinics to choose from, and the one shown (none in the painted frame). */
  clinics?: ReadonlyArray<{ id: string; nameEn: string; nameAr: string }>;
  clinicId?: string;
  /** The view shown: its button is pressed (none in the painted frame). */
  view?: CalendarViewName;
  onClinic?(clinicId: string): void;
  onStep?(direction: -1 | 1): void;
  onToday?(): void;
  onView?(view: CalendarViewName): void;
  /** The frame the server paints before the scripts run: every control there, none working yet. */
  disabled?: boolean;
}

/**
 * The calendar's toolbar: clinic, previous / today / next, day / week. The screen
 * (calendar.route.tsx) gives it its state and handlers; the painted frame (calendar.prerender.tsx)
 * gives it none and `disabled`, so both draw the same controls with the same words.
 */
export function CalendarToolbar({ clinics = [], clinicId, view, onClinic, onStep, onToday, onView, disabled }: CalendarToolbarProps) {
  const { t, nameOf } = useLocale();
  const off = disabled || undefined;
  return (
    <div className="cal-toolbar" role="group" aria-label={t('calendarToolbar')}>
      <div className="field">
        <label htmlFor="calendar-clinic">{t('clinic')}</label>
        <select disabled={off} id="calendar-clinic" value={disabled ? undefined : (clinicId ?? '')} onChange={onClinic && ((e) => onClinic(e.target.value))}>
          {clinics.map((c) => (
            <option key={c.id} value={c.id}>
              {nameOf(c)}
            </option>
          ))}
        </select>
      </div>
      <div className="cal-nav">
        <button disabled={off} type="button" className="secondary" onClick={onStep && (() => onStep(-1))}>
          <span aria-hidden="true" className="flip">
            ←
          </span>{' '}
          {t('calendarPrevious')}
        </button>
        <button disabled={off} type="button" className="secondary" onClick={onToday && (() => onToday())}>
          {t('calendarToday')}
        </button>
        <button disabled={off} type="button" className="secondary" onClick={onStep && (() => onStep(1))}>
          {t('calendarNext')}{' '}
          <span aria-hidden="true" className="flip">
            →
          </span>
        </button>
      </div>
      <div className="cal-views" role="group" aria-label={t('calendarView')}>
        {(['day', 'week'] as const).map((name) => (
          <button
            key={name}
            disabled={off}
            type="button"
            className={view === name ? undefined : 'secondary'}
            aria-pressed={view === undefined ? undefined : view === name}
            onClick={onView && (() => onView(name))}
          >
            {t(name === 'day' ? 'calendarViewDay' : 'calendarViewWeek')}
          </button>
        ))}
      </div>
    </div>
  );
}
