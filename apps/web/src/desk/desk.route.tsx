import { useSuspenseQuery } from '@apollo/client/react';
import { Suspense, useDeferredValue, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { StatusActions } from '../appointments/status-actions';
import { StatusBadge } from '../appointments/status-badge';
import { DeskClinicsQueryDocument, DeskTodayQueryDocument, type DeskTodayQuery } from '../graphql/generated';
import { addDays, todayIn, zonedToInstant } from '../i18n/clinic-time';
import { useLocale } from '../i18n/locale';
import { EmptyState, Loading, PageHeading } from '../layout/states';
import './desk.css';

type DeskAppointment = DeskTodayQuery['appointments']['edges'][number]['node'];

/** Letters and digits only, lower case: "+966 50-123" finds "0501234567"'s digits, "mrn-0042" finds "MRN0042". */
const folded = (text: string) => text.toLowerCase().replace(/[\s\-+().]/g, '');

/** Whether an appointment matches what was typed: the patient's name (either language), MRN or phone. */
export function matchesSearch(appointment: Pick<DeskAppointment, 'patient'>, query: string): boolean {
  const wanted = folded(query);
  if (wanted === '') return true;
  const { nameEn, nameAr, mrn, phone } = appointment.patient;
  // A local number ("050...") is the international one ("+966 50...") without its trunk zero.
  const local = /^0\d{6,}$/.test(wanted) ? wanted.slice(1) : null;
  return [nameEn, nameAr ?? '', mrn].some((value) => folded(value).includes(wanted)) || (phone !== null && phone !== undefined && [wanted, local].some((q) => q !== null && folded(phone).includes(q)));
}

/**
 * /today: the front desk's day in one clinic: every appointment of the day in time order, the
 * one-step status changes the server offers for each (confirm, arrived, start, complete...), late
 * arrivals and no-shows marked, and a search by name, MRN or phone.
 */
export function DeskRoute() {
  const { t, nameOf, formatDate } = useLocale();
  const [params, setParams] = useSearchParams();
  const { data } = useSuspenseQuery(DeskClinicsQueryDocument);
  const clinic = data.clinics.find((c) => c.id === params.get('clinic')) ?? data.clinics[0];
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  if (!clinic) return <EmptyState>{t('notFound')}</EmptyState>;
  const today = todayIn(clinic.timeZone);

  return (
    <section className="desk-page">
      <PageHeading>{t('deskTitle')}</PageHeading>
      <p className="desk-date">{formatDate(today)}</p>
      <div className="desk-controls">
        <div className="field">
          <label htmlFor="desk-clinic">{t('clinic')}</label>
          <select id="desk-clinic" value={clinic.id} onChange={(e) => setParams({ clinic: e.target.value }, { replace: true })}>
            {data.clinics.map((c) => (
              <option key={c.id} value={c.id}>
                {nameOf(c)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="desk-search">{t('deskSearch')}</label>
          <input id="desk-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} aria-describedby="desk-search-hint" />
          <p className="hint" id="desk-search-hint">
            {t('deskSearchHint')}
          </p>
        </div>
      </div>
      <Suspense fallback={<Loading />}>
        <DeskDay clinicId={clinic.id} timeZone={clinic.timeZone} day={today} search={deferred} />
      </Suspense>
    </section>
  );
}

function DeskDay({ clinicId, timeZone, day, search }: { clinicId: string; timeZone: string; day: string; search: string }) {
  const { t, nameOf, formatTime } = useLocale();
  const [notice, setNotice] = useState<string | null>(null);
  const { data } = useSuspenseQuery(DeskTodayQueryDocument, {
    variables: { filter: { from: zonedToInstant(day, '00:00', timeZone), to: zonedToInstant(addDays(day, 1), '00:00', timeZone) } },
    fetchPolicy: 'cache-and-network',
  });
  const now = Date.now();
  const ofClinic = data.appointments.edges.map((edge) => edge.node).filter((a) => a.clinic.id === clinicId);
  const shown = ofClinic.filter((a) => matchesSearch(a, search));

  return (
    <>
      {/* An empty day says so once, in the box below. */}
      <p className="desk-count" aria-live="polite">
        {search.trim() ? t('deskFound', { count: shown.length, total: ofClinic.length }) : ofClinic.length > 0 ? t('deskCount', { count: ofClinic.length }) : null}
      </p>
      <div aria-live="polite">{notice ? <p className="state" role="status">{notice}</p> : null}</div>
      {shown.length === 0 ? (
        <EmptyState>{search.trim() ? t('deskNoMatch') : t('deskNone')}</EmptyState>
      ) : (
        <ul className="desk-list" aria-label={t('deskListLabel')}>
          {shown.map((a) => {
            const patient = nameOf(a.patient);
            const late = (a.status === 'BOOKED' || a.status === 'CONFIRMED') && Date.parse(a.startsAt) < now;
            const session =
              a.sessionNumberInPackage != null && a.packagePurchase
                ? ` · ${t('calendarSession', { code: a.service.code, n: a.sessionNumberInPackage, total: a.packagePurchase.totalSessions })}`
                : '';
            return (
              <li key={a.id} className={`desk-item${late ? ' desk-late' : ''}${a.status === 'NO_SHOW' ? ' desk-no-show' : ''}`} aria-label={patient}>
                <div className="desk-when">
                  <span className="desk-time">{formatTime(a.startsAt, timeZone)}</span>
                  <StatusBadge status={a.status} />
                  {late ? <span className="badge desk-late-badge">{t('deskLate')}</span> : null}
                </div>
                <div className="desk-who">
                  <Link to={`/patients/${encodeURIComponent(a.patient.id)}`} className="desk-patient">
                    {patient}
                  </Link>
                  <span className="desk-ids">
                    <bdi>{a.patient.mrn}</bdi>
                    {a.patient.phone ? (
                      <>
                        {' · '}
                        <bdi dir="ltr">{a.patient.phone}</bdi>
                      </>
                    ) : null}
                  </span>
                  <span className="desk-what">
                    {nameOf({ nameEn: a.provider.name, nameAr: a.provider.nameAr })} · {nameOf(a.service)}
                    {session} ·{' '}
                    <Link to={`/appointments/${encodeURIComponent(a.id)}`}>{a.number}</Link>
                  </span>
                </div>
                <StatusActions
                  appointmentId={a.id}
                  allowedTransitions={a.allowedTransitions}
                  rowLabel={t('deskActionsFor', { patient })}
                  onChanged={(message) => setNotice(`${patient}: ${message}`)}
                />
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
