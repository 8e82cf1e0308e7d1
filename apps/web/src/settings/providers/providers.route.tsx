import { useMutation, useSuspenseQuery } from '@apollo/client/react';
import { Suspense, useId, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  AddTimeOffSettingsMutationDocument,
  CreateProviderSettingsMutationDocument,
  ProvidersSettingsQueryDocument,
  ProviderSettingsQueryDocument,
  RemoveTimeOffSettingsMutationDocument,
  SetWorkingHoursSettingsMutationDocument,
  ShortenTimeOffSettingsMutationDocument,
  type ProviderSettingsAppointmentFragment,
  type ProviderSettings_ProviderFragment,
  type ProvidersSettingsQuery,
} from '../../graphql/generated';
import { EditProvider } from '../catalogue/edit-provider';
import { useLocale } from '../../i18n/locale';
import { userErrorText } from '../../i18n/user-error-text';
import { EmptyState, ErrorNotice, FieldError, FormErrors, Loading, PageHeading, fieldErrors, invalidFieldProps, otherErrors } from '../../layout/states';
import { WEEKDAYS, lastLocalDay, leaveEndAfter, leaveInstants, localDay, rangesByDay, type Range } from './leave-dates';
import './providers.css';

type ProviderRow = ProviderSettings_ProviderFragment;
type Clinic = ProvidersSettingsQuery['clinics'][number];
type ProviderClinic = ProviderRow['clinics'][number];
type TimeOffRow = ProviderRow['timeOff'][number];

/**
 * Providers (ADMIN): who sees patients, in which clinics, their weekly hours per clinic and their
 * time off. A change never moves a booked appointment: those it touches are listed to be moved.
 */
export function ProvidersRoute() {
  const { t, nameOf } = useLocale();
  const { data } = useSuspenseQuery(ProvidersSettingsQueryDocument, { fetchPolicy: 'cache-and-network' });
  const [params, setParams] = useSearchParams();
  const headingId = useId();
  const listId = useId();
  const chosen = data.providers.find((provider) => provider.id === params.get('provider')) ?? null;
  const choose = (id: string) => setParams({ provider: id });
  return (
    <section aria-labelledby={headingId}>
      <PageHeading id={headingId}>{t('settingsProviders')}</PageHeading>
      <p className="hint">{t('providersIntro')}</p>
      <AddProvider clinics={data.clinics} onCreated={choose} />
      <h2 id={listId}>{t('providersList')}</h2>
      {data.providers.length === 0 ? (
        <EmptyState>{t('providersNone')}</EmptyState>
      ) : (
        <ul className="providers-list" aria-labelledby={listId}>
          {data.providers.map((provider) => (
            <li key={provider.id}>
              <Link
                to={`?provider=${encodeURIComponent(provider.id)}`}
                aria-current={chosen?.id === provider.id ? 'true' : undefined}
                aria-label={t('providerManageOf', { name: nameOf(provider) })}
              >
                {nameOf(provider)}
              </Link>{' '}
              <span className="hint">{provider.clinics.map((clinic) => nameOf(clinic)).join(', ')}</span>
            </li>
          ))}
        </ul>
      )}
      {chosen ? (
        <Suspense fallback={<Loading />}>
          <ProviderDetail key={chosen.id} providerId={chosen.id} />
        </Suspense>
      ) : null}
    </section>
  );
}

function AddProvider({ clinics, onCreated }: { clinics: readonly Clinic[]; onCreated: (id: string) => void }) {
  const { t, nameOf } = useLocale();
  const id = useId();
  const [name, setName] = useState('');
  const [nameAr, setNameAr] = useState('');
  const [clinicIds, setClinicIds] = useState<string[]>([]);
  const [create, state] = useMutation(CreateProviderSettingsMutationDocument, { refetchQueries: ['ProvidersSettingsQuery', 'ProviderSettingsQuery'], awaitRefetchQueries: true });
  const errors = state.data?.createProvider.userErrors ?? [];
  const errorsOf = (field: string) => fieldErrors(errors, field);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create({ variables: { input: { name, nameAr: nameAr || null, clinicIds } } }).catch(() => null);
    const created = result?.data?.createProvider.provider;
    if (created) {
      setName('');
      setNameAr('');
      setClinicIds([]);
      onCreated(created.id);
    }
  };
  const clinicErrors = errors.filter((e) => e.field?.includes('clinicIds'));
  return (
    <form className="panel settings-form" aria-labelledby={`${id}-heading`} onSubmit={(e) => void submit(e)}>
      <h2 id={`${id}-heading`}>{t('providerAdd')}</h2>
      <FormErrors errors={otherErrors(errors, ['name', 'nameAr']).filter((e) => !e.field?.includes('clinicIds'))} />
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('providerName')}</label>
        <input id={`${id}-name`} required value={name} onChange={(e) => setName(e.target.value)} {...invalidFieldProps(`${id}-name-error`, errorsOf('name'))} />
        <FieldError id={`${id}-name-error`} errors={errorsOf('name')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-name-ar`}>{t('providerNameAr')}</label>
        <input id={`${id}-name-ar`} dir="rtl" lang="ar" value={nameAr} onChange={(e) => setNameAr(e.target.value)} />
      </div>
      <fieldset className="field" aria-describedby={clinicErrors.length ? `${id}-clinics-error` : undefined}>
        <legend>{t('providerClinics')}</legend>
        {clinics.map((clinic) => (
          <label key={clinic.id} className="checkbox">
            <input
              type="checkbox"
              checked={clinicIds.includes(clinic.id)}
              onChange={(e) => setClinicIds((ids) => (e.target.checked ? [...ids, clinic.id] : ids.filter((x) => x !== clinic.id)))}
            />{' '}
            {nameOf(clinic)}
          </label>
        ))}
        <FieldError id={`${id}-clinics-error`} errors={clinicErrors} />
      </fieldset>
      <div className="form-actions">
        <button type="submit" disabled={state.loading}>
          {t('providerCreate')}
        </button>
      </div>
      {state.error ? <ErrorNotice error={state.error} /> : null}
    </form>
  );
}

function ProviderDetail({ providerId }: { providerId: string }) {
  const { t, nameOf } = useLocale();
  const id = useId();
  const { data } = useSuspenseQuery(ProviderSettingsQueryDocument, { variables: { id: providerId }, fetchPolicy: 'cache-and-network' });
  const provider = data.node?.__typename === 'Provider' ? data.node : null;
  if (!provider) return null;
  return (
    <section className="provider-detail" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{nameOf(provider)}</h2>
      {/* Not keyed by its clinics: a save that adds or leaves one keeps the form, and its "Saved" notice, in place. */}
      <EditProvider provider={provider} />
      {provider.clinics.map((clinic) => (
        <WeeklyHours
          key={clinic.id}
          providerId={provider.id}
          clinic={clinic}
          initial={provider.workingHours.filter((range) => range.clinic.id === clinic.id)}
          outside={provider.appointmentsOutsideHours.filter((appointment) => appointment.clinic.id === clinic.id)}
        />
      ))}
      <TimeOffSection provider={provider} />
      <p className="hint">{t('providerNothingMoved')}</p>
    </section>
  );
}

interface EditedRange extends Range {
  key: number;
}

let nextKey = 1;
const keyed = (range: Range): EditedRange => ({ ...range, key: nextKey++ });

/** A clinic's weekly hours: several ranges a day; saving replaces the week in that clinic. */
function WeeklyHours({
  providerId,
  clinic,
  initial,
  outside,
}: {
  providerId: string;
  clinic: ProviderClinic;
  initial: readonly Range[];
  outside: readonly ProviderSettingsAppointmentFragment[];
}) {
  const { t, nameOf, intlLocale } = useLocale();
  const id = useId();
  const [ranges, setRanges] = useState<EditedRange[]>(() => [...rangesByDay(initial).values()].flat().map(keyed));
  const [saved, setSaved] = useState(false);
  const [save, state] = useMutation(SetWorkingHoursSettingsMutationDocument, { refetchQueries: ['ProvidersSettingsQuery', 'ProviderSettingsQuery'], awaitRefetchQueries: true });
  const errors = state.data?.setWorkingHours.userErrors ?? [];
  const dayName = (weekday: number) => new Intl.DateTimeFormat(intlLocale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2023, 0, 1 + weekday)));
  const update = (key: number, change: Partial<Range>) => {
    setSaved(false);
    setRanges((all) => all.map((range) => (range.key === key ? { ...range, ...change } : range)));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const input = { providerId, clinicId: clinic.id, ranges: ranges.map(({ weekday, startTime, endTime }) => ({ weekday, startTime, endTime })) };
    const result = await save({ variables: { input } }).catch(() => null);
    if (result?.data?.setWorkingHours.workingHours) setSaved(true);
  };
  const errorsOfRange = (index: number) => errors.filter((e) => e.field?.[2] === String(index));
  return (
    <form className="panel settings-form" aria-labelledby={`${id}-heading`} onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-heading`}>{t('providerHoursIn', { clinic: nameOf(clinic) })}</h3>
      <p className="hint">{t('providerHoursHint', { zone: clinic.timeZone })}</p>
      <FormErrors errors={errors.filter((e) => e.field?.[1] !== 'ranges' || e.field.length < 3)} />
      <div className="weekly-hours">
        {WEEKDAYS.map((weekday) => {
          const day = dayName(weekday);
          const ofDay = ranges.filter((range) => range.weekday === weekday);
          return (
            <fieldset key={weekday} className="weekday">
              <legend>{day}</legend>
              {ofDay.length === 0 ? <p className="hint">{t('providerDayOff')}</p> : null}
              {ofDay.map((range) => {
                const index = ranges.indexOf(range);
                const rangeErrors = errorsOfRange(index);
                const errorId = `${id}-${range.key}-error`;
                return (
                  <div key={range.key} className="hours-range">
                    <label>
                      {t('providerFrom')}{' '}
                      <input
                        type="time"
                        required
                        value={range.startTime}
                        aria-label={t('providerStartOf', { day })}
                        onChange={(e) => update(range.key, { startTime: e.target.value })}
                        {...invalidFieldProps(errorId, rangeErrors)}
                      />
                    </label>
                    <label>
                      {t('providerTo')}{' '}
                      <input
                        type="time"
                        required
                        value={range.endTime}
                        aria-label={t('providerEndOf', { day })}
                        onChange={(e) => update(range.key, { endTime: e.target.value })}
                        {...invalidFieldProps(errorId, rangeErrors)}
                      />
                    </label>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={t('providerRemoveRangeOf', { day, from: range.startTime, to: range.endTime })}
                      onClick={() => {
                        setSaved(false);
                        setRanges((all) => all.filter((r) => r.key !== range.key));
                      }}
                    >
                      {t('providerRemoveRange')}
                    </button>
                    {rangeErrors.length ? (
                      <p className="field-error" id={errorId}>
                        {rangeErrors.map((e) => userErrorText(t, e)).join(' ')}
                      </p>
                    ) : null}
                  </div>
                );
              })}
              <button
                type="button"
                className="secondary"
                aria-label={t('providerAddRangeOf', { day })}
                onClick={() => {
                  setSaved(false);
                  const last = ofDay.at(-1);
                  setRanges((all) => [...all, keyed(last ? { weekday, startTime: last.endTime, endTime: '23:59' } : { weekday, startTime: '09:00', endTime: '17:00' })]);
                }}
              >
                {t('providerAddRange')}
              </button>
            </fieldset>
          );
        })}
      </div>
      <div className="form-actions">
        <button type="submit" disabled={state.loading}>
          {t('providerSaveHours')}
        </button>
      </div>
      {saved ? (
        <p role="status" className="state state-success">
          {t('providerHoursSaved')}
        </p>
      ) : null}
      <h4 id={`${id}-outside`}>{t('providerOutsideHours', { count: outside.length })}</h4>
      {outside.length ? <AppointmentList appointments={outside} /> : null}
      {state.error ? <ErrorNotice error={state.error} /> : null}
    </form>
  );
}

function TimeOffSection({ provider }: { provider: ProviderRow }) {
  const { t, formatDate } = useLocale();
  const id = useId();
  const zone = provider.clinics[0]?.timeZone ?? 'UTC';
  const [firstDay, setFirstDay] = useState('');
  const [lastDay, setLastDay] = useState('');
  const [reason, setReason] = useState('');
  const [shortened, setShortened] = useState('');
  const [add, state] = useMutation(AddTimeOffSettingsMutationDocument, { refetchQueries: ['ProvidersSettingsQuery', 'ProviderSettingsQuery'], awaitRefetchQueries: true });
  const answer = state.data?.addTimeOff;
  const errors = answer?.userErrors ?? [];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const instants = leaveInstants(firstDay, lastDay, zone);
    if (!instants) return;
    setShortened('');
    const result = await add({ variables: { input: { providerId: provider.id, ...instants, reason: reason || null } } }).catch(() => null);
    if (result?.data?.addTimeOff.timeOff) {
      setFirstDay('');
      setLastDay('');
      setReason('');
    }
  };
  const added = answer?.timeOff;
  return (
    <div className="panel">
      <h3 id={`${id}-heading`}>{t('providerTimeOff')}</h3>
      <form className="settings-form" aria-labelledby={`${id}-add`} onSubmit={(e) => void submit(e)}>
        <h4 id={`${id}-add`}>{t('providerAddTimeOff')}</h4>
        <p className="hint">{t('providerTimeOffHint', { zone })}</p>
        <FormErrors errors={otherErrors(errors, ['endsAt'])} />
        <div className="inline-fields">
          <div className="field">
            <label htmlFor={`${id}-first`}>{t('providerFirstDay')}</label>
            <input id={`${id}-first`} type="date" required value={firstDay} onChange={(e) => setFirstDay(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-last`}>{t('providerLastDay')}</label>
            <input
              id={`${id}-last`}
              type="date"
              value={lastDay}
              onChange={(e) => setLastDay(e.target.value)}
              {...invalidFieldProps(`${id}-last-error`, fieldErrors(errors, 'endsAt'))}
            />
            <FieldError id={`${id}-last-error`} errors={fieldErrors(errors, 'endsAt')} />
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('providerReason')}</label>
          <input id={`${id}-reason`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        </div>
        <div className="form-actions">
          <button type="submit" disabled={state.loading}>
            {t('providerRecordTimeOff')}
          </button>
        </div>
        {added ? (
          <div role="status" className="state state-success">
            <p>{t('providerTimeOffAffected', { count: added.appointmentsInside.length })}</p>
            <AppointmentList appointments={added.appointmentsInside} />
          </div>
        ) : null}
        {state.error ? <ErrorNotice error={state.error} /> : null}
      </form>
      {/* Said here rather than in the item: a leave shortened to a past day leaves the list. */}
      <div role="status" className={shortened ? 'state state-success' : undefined}>
        {shortened}
      </div>
      {provider.timeOff.length === 0 ? (
        <EmptyState>{t('providerNoTimeOff')}</EmptyState>
      ) : (
        <ul className="time-off-list" aria-labelledby={`${id}-heading`}>
          {provider.timeOff.map((row) => (
            <TimeOffItem key={row.id} row={row} zone={zone} formatDate={formatDate} onShortened={setShortened} />
          ))}
        </ul>
      )}
    </div>
  );
}

function TimeOffItem({
  row,
  zone,
  formatDate,
  onShortened,
}: {
  row: TimeOffRow;
  zone: string;
  formatDate: (date: string) => string;
  onShortened: (notice: string) => void;
}) {
  const { t } = useLocale();
  const [remove, state] = useMutation(RemoveTimeOffSettingsMutationDocument, { refetchQueries: ['ProvidersSettingsQuery', 'ProviderSettingsQuery'], awaitRefetchQueries: true });
  const from = localDay(row.startsAt, zone);
  const to = lastLocalDay(row.endsAt, zone);
  const daysOf = (first: string, last: string) => (first === last ? formatDate(first) : t('providerLeaveRange', { from: formatDate(first), to: formatDate(last) }));
  const dates = daysOf(from, to);
  const reason = row.reason ?? t('providerNoReason');
  return (
    <li>
      <strong>{dates}</strong> — {reason}
      <AppointmentList appointments={row.appointmentsInside} />
      <div className="time-off-actions">
        <ShortenTimeOff
          key={to}
          row={row}
          zone={zone}
          lastDay={to}
          label={t('providerShortenTimeOffOf', { dates, reason })}
          onShortened={(timeOff) => onShortened(t('providerTimeOffShortened', { dates: daysOf(localDay(timeOff.startsAt, zone), lastLocalDay(timeOff.endsAt, zone)), reason }))}
        />
        <button
          type="button"
          className="secondary"
          disabled={state.loading}
          aria-label={t('providerRemoveTimeOffOf', { dates, reason })}
          onClick={() => {
            onShortened('');
            void remove({ variables: { input: { timeOffId: row.id } } }).catch(() => null);
          }}
        >
          {t('providerRemoveTimeOff')}
        </button>
      </div>
      <FormErrors errors={state.data?.removeTimeOff.userErrors ?? []} />
      {state.error ? <ErrorNotice error={state.error} /> : null}
    </li>
  );
}

/**
 * A leave made shorter: a new last day (whole clinic-local days, as recorded); the start stays.
 * The server decides whether the new end lies inside the old times, and offers the days it frees
 * to the waitlist; its refusal is shown at the field in the user's language.
 */
function ShortenTimeOff({
  row,
  zone,
  lastDay: initialLastDay,
  label,
  onShortened,
}: {
  row: TimeOffRow;
  zone: string;
  lastDay: string;
  label: string;
  onShortened: (timeOff: { startsAt: string; endsAt: string }) => void;
}) {
  const { t } = useLocale();
  const id = useId();
  const [lastDay, setLastDay] = useState(initialLastDay);
  const [shorten, state] = useMutation(ShortenTimeOffSettingsMutationDocument, { refetchQueries: ['ProviderSettingsQuery'], awaitRefetchQueries: true });
  const errors = state.data?.shortenTimeOff.userErrors ?? [];
  const errorId = `${id}-error`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const endsAt = leaveEndAfter(lastDay, zone);
    if (!endsAt) return;
    const result = await shorten({ variables: { input: { timeOffId: row.id, startsAt: row.startsAt, endsAt } } }).catch(() => null);
    const timeOff = result?.data?.shortenTimeOff.timeOff;
    if (timeOff) onShortened(timeOff);
  };
  return (
    <form className="shorten-time-off" aria-label={label} onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor={`${id}-last`}>{t('providerNewLastDay')}</label>
        <input id={`${id}-last`} type="date" required value={lastDay} onChange={(e) => setLastDay(e.target.value)} {...invalidFieldProps(errorId, errors)} />
      </div>
      <button type="submit" className="secondary" disabled={state.loading}>
        {t('providerShortenTimeOff')}
      </button>
      {errors.length ? (
        <p className="field-error" id={errorId} role="alert">
          {errors.map((e) => userErrorText(t, e)).join(' ')}
        </p>
      ) : null}
      {state.error ? <ErrorNotice error={state.error} /> : null}
    </form>
  );
}

/** The booked appointments a change touches, each a link to move it from its page. */
function AppointmentList({ appointments }: { appointments: readonly ProviderSettingsAppointmentFragment[] }) {
  const { t, nameOf, formatDateTime } = useLocale();
  if (appointments.length === 0) return <p className="hint">{t('providerNoAppointmentsInside')}</p>;
  return (
    <ul className="provider-appointments" aria-label={t('providerAppointmentsInside', { count: appointments.length })}>
      {appointments.map((appointment) => (
        <li key={appointment.id}>
          <Link to={`/appointments/${encodeURIComponent(appointment.id)}`}>
            {formatDateTime(appointment.startsAt, appointment.clinic.timeZone)}, {nameOf(appointment.patient)}
          </Link>{' '}
          <span className="hint">({t(`appt_${appointment.status}`)})</span>
        </li>
      ))}
    </ul>
  );
}
