import { useMutation, useQuery, useSuspenseQuery } from '@apollo/client/react';
import { Suspense, useId, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import {
  AcceptWaitlistOfferMutationDocument,
  DeclineWaitlistOfferMutationDocument,
  JoinWaitlistMutationDocument,
  WaitlistJoinQueryDocument,
  WaitlistPatientSearchQueryDocument,
  WaitlistRouteQueryDocument,
  type JoinWaitlistInput,
  type WaitlistRouteQuery,
} from '../graphql/generated';
import { todayIn } from '../i18n/clinic-time';
import { useLocale } from '../i18n/locale';
import { userErrorText } from '../i18n/user-error-text';
import { EmptyState, FieldError, FormErrors, invalidFieldProps, Loading, otherErrors, PageHeading, type FieldUserError, fieldErrors } from '../layout/states';
import { AtRiskPackages } from './at-risk';
import './waitlist.css';

type Entry = WaitlistRouteQuery['waitlist'][number];

const FIELDS = ['serviceId', 'providerIds', 'from', 'to', 'timeWindow'];

/**
 * /waitlist: the desk's view of who waits for an earlier slot (offers held for them first, with
 * accept and decline) and of the packages at risk of expiring. With `?patientId=`, a form adds
 * that patient to the waitlist. What is offered, to whom and in which order is the server's.
 */
export function WaitlistRoute() {
  const { t, nameOf } = useLocale();
  const [params, setParams] = useSearchParams();
  const { data, refetch } = useSuspenseQuery(WaitlistRouteQueryDocument, {
    variables: { clinicId: params.get('clinic') },
    fetchPolicy: 'cache-and-network',
  });
  const clinicId = params.get('clinic');
  const patientId = params.get('patientId');
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <section className="waitlist-page">
      <PageHeading>{t('waitlistTitle')}</PageHeading>
      <div className="field waitlist-clinic">
        <label htmlFor="waitlist-clinic">{t('waitlistClinic')}</label>
        <select
          id="waitlist-clinic"
          value={clinicId ?? ''}
          onChange={(e) => {
            const next = new URLSearchParams(params);
            if (e.target.value) next.set('clinic', e.target.value);
            else next.delete('clinic');
            setParams(next, { replace: true });
          }}
        >
          <option value="">{t('waitlistAllClinics')}</option>
          {data.clinics.map((c) => (
            <option key={c.id} value={c.id}>
              {nameOf(c)}
            </option>
          ))}
        </select>
      </div>
      <p role="status" className="waitlist-notice">
        {notice}
      </p>
      {patientId ? (
        <Suspense fallback={<Loading />}>
          <JoinForm
            patientId={patientId}
            prefill={{ serviceId: params.get('serviceId'), providerId: params.get('providerId'), date: params.get('date') }}
            onJoined={(status) => {
              setNotice(status === 'OFFERED' ? t('waitlistJoined_OFFERED') : t('waitlistJoined_WAITING'));
              void refetch();
            }}
          />
        </Suspense>
      ) : (
        <PatientSearch
          onChoose={(id) => {
            const next = new URLSearchParams(params);
            next.set('patientId', id);
            setParams(next);
          }}
        />
      )}
      <WaitlistTable entries={data.waitlist} onChange={(message) => { setNotice(message); void refetch(); }} />
      <Suspense fallback={<Loading />}>
        <AtRiskPackages clinicId={clinicId} />
      </Suspense>
    </section>
  );
}

function WaitlistTable({ entries, onChange }: { entries: readonly Entry[]; onChange: (message: string) => void }) {
  const { t, nameOf, formatDate, formatDateTime, formatTime } = useLocale();
  const headingId = useId();
  const [accept] = useMutation(AcceptWaitlistOfferMutationDocument);
  const [decline] = useMutation(DeclineWaitlistOfferMutationDocument);
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<readonly FieldUserError[]>([]);

  const act = async (entry: Entry, what: 'accept' | 'decline') => {
    setBusy(entry.id);
    setErrors([]);
    const variables = { input: { waitlistEntryId: entry.id } };
    if (what === 'accept') {
      const result = await accept({ variables }).catch(() => null);
      const payload = result?.data?.acceptWaitlistOffer;
      if (payload?.appointment) onChange(t('waitlistAccepted', { number: payload.appointment.number }));
      else setErrors(payload?.userErrors ?? []);
    } else {
      const result = await decline({ variables }).catch(() => null);
      const payload = result?.data?.declineWaitlistOffer;
      if (payload?.entry) onChange(t('waitlistDeclined'));
      else setErrors(payload?.userErrors ?? []);
    }
    setBusy(null);
  };

  return (
    <section aria-labelledby={headingId} className="waitlist-section">
      <h2 id={headingId}>{t('waitlistHeading')}</h2>
      {errors.length ? (
        <div className="state state-error" role="alert">
          {errors.map((e) => (
            <p key={`${e.code}${e.reason ?? ''}`}>{userErrorText(t, e)}</p>
          ))}
        </div>
      ) : null}
      {entries.length === 0 ? (
        <EmptyState>{t('waitlistEmpty')}</EmptyState>
      ) : (
        <ul className="waitlist-list">
          {entries.map((entry) => {
            const zone = entry.clinic.timeZone;
            const atRisk = entry.packagePurchase && entry.packagePurchase.expiryRisk.level !== 'NONE';
            return (
              <li key={entry.id} className={`waitlist-entry waitlist-${entry.status.toLowerCase()}`} data-testid="waitlist-entry">
                <div className="waitlist-who">
                  <strong>{nameOf(entry.patient)}</strong> <span dir="ltr">{entry.patient.mrn}</span>
                  <span className="waitlist-status">{t(`waitlistStatus_${entry.status}`)}</span>
                </div>
                <div>
                  {nameOf(entry.service)} · {t('waitlistDateRange', { span: entry.from === entry.to ? 'day' : 'range', from: formatDate(entry.from), to: formatDate(entry.to) })}
                  {entry.windowFrom && entry.windowTo ? ` · ${t('waitlistWindow', { from: entry.windowFrom, to: entry.windowTo })}` : ''}
                  {atRisk ? <span className="risk-badge risk-at_risk">{t('waitlistAtRiskTag')}</span> : null}
                </div>
                {entry.status === 'OFFERED' && entry.offeredStartsAt && entry.offerExpiresAt ? (
                  <div className="waitlist-offer">
                    <p>
                      {t('waitlistOffer', {
                        time: formatDateTime(entry.offeredStartsAt, zone),
                        provider: entry.offeredProvider ? nameOf(entry.offeredProvider) : '',
                        until: formatTime(entry.offerExpiresAt, zone),
                      })}
                    </p>
                    <div className="waitlist-actions">
                      <button type="button" disabled={busy === entry.id} aria-label={t('waitlistAcceptFor', { name: nameOf(entry.patient) })} onClick={() => void act(entry, 'accept')}>
                        {t('waitlistAccept')}
                      </button>
                      <button type="button" className="secondary" disabled={busy === entry.id} aria-label={t('waitlistDeclineFor', { name: nameOf(entry.patient) })} onClick={() => void act(entry, 'decline')}>
                        {t('waitlistDecline')}
                      </button>
                    </div>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** `prefill` comes from a link (the booking screen's empty day, the patient's page): service, provider and day. */
function JoinForm({
  patientId,
  prefill,
  onJoined,
}: {
  patientId: string;
  prefill: { serviceId: string | null; providerId: string | null; date: string | null };
  onJoined: (status: string) => void;
}) {
  const { t, nameOf } = useLocale();
  const headingId = useId();
  const { data } = useSuspenseQuery(WaitlistJoinQueryDocument, { variables: { patientId } });
  const clinics = useQuery(WaitlistRouteQueryDocument, { variables: { clinicId: null }, fetchPolicy: 'cache-first' });
  const [join, joining] = useMutation(JoinWaitlistMutationDocument);
  const [serviceId, setServiceId] = useState(() => data.services.find((s) => s.id === prefill.serviceId)?.id ?? data.services[0]?.id ?? '');
  const service = data.services.find((s) => s.id === serviceId);
  const zone = clinics.data?.clinics.find((c) => c.id === service?.clinic.id)?.timeZone ?? 'UTC';
  const [providerId, setProviderId] = useState(prefill.providerId ?? '');
  const [from, setFrom] = useState(() => prefill.date ?? todayIn(zone));
  const [to, setTo] = useState(() => prefill.date ?? todayIn(zone));
  const [windowFrom, setWindowFrom] = useState('');
  const [windowTo, setWindowTo] = useState('');
  const [userErrors, setUserErrors] = useState<readonly FieldUserError[]>([]);
  const patient = data.node?.__typename === 'Patient' ? data.node : null;
  if (!patient) return null;
  const providers = data.providers.filter((p) => p.clinics.some((c) => c.id === service?.clinic.id));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input: JoinWaitlistInput = { patientId, serviceId, from, to };
    if (providerId) input.providerIds = [providerId];
    if (windowFrom || windowTo) input.timeWindow = { from: windowFrom, to: windowTo };
    const result = await join({ variables: { input } }).catch(() => null);
    const payload = result?.data?.joinWaitlist;
    setUserErrors(payload?.userErrors ?? []);
    if (payload?.entry) onJoined(payload.entry.status);
  };

  return (
    <form className="panel waitlist-join" aria-labelledby={headingId} onSubmit={(e) => void submit(e)} noValidate>
      <h2 id={headingId}>{t('waitlistJoinHeading', { name: nameOf(patient) })}</h2>
      <FormErrors errors={otherErrors(userErrors, FIELDS)} />
      <div className="waitlist-fields">
        <div className="field">
          <label htmlFor="wl-service">{t('waitlistService')}</label>
          <select id="wl-service" value={serviceId} onChange={(e) => setServiceId(e.target.value)} {...invalidFieldProps('wl-service-error', fieldErrors(userErrors, 'serviceId'))}>
            {data.services.map((s) => (
              <option key={s.id} value={s.id}>
                {nameOf(s)}
              </option>
            ))}
          </select>
          <FieldError id="wl-service-error" errors={fieldErrors(userErrors, 'serviceId')} />
        </div>
        <div className="field">
          <label htmlFor="wl-provider">{t('waitlistJoinProvider')}</label>
          <select id="wl-provider" value={providerId} onChange={(e) => setProviderId(e.target.value)}>
            <option value="">{t('waitlistAnyProvider')}</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {nameOf(p)}
              </option>
            ))}
          </select>
          <FieldError id="wl-provider-error" errors={fieldErrors(userErrors, 'providerIds')} />
        </div>
        <div className="field">
          <label htmlFor="wl-from">{t('waitlistFrom')}</label>
          <input id="wl-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} {...invalidFieldProps('wl-from-error', fieldErrors(userErrors, 'from'))} />
          <FieldError id="wl-from-error" errors={fieldErrors(userErrors, 'from')} />
        </div>
        <div className="field">
          <label htmlFor="wl-to">{t('waitlistTo')}</label>
          <input id="wl-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} {...invalidFieldProps('wl-to-error', fieldErrors(userErrors, 'to'))} />
          <FieldError id="wl-to-error" errors={fieldErrors(userErrors, 'to')} />
        </div>
        <div className="field">
          <label htmlFor="wl-window-from">{t('waitlistWindowFrom')}</label>
          <input id="wl-window-from" type="time" value={windowFrom} onChange={(e) => setWindowFrom(e.target.value)} {...invalidFieldProps('wl-window-error', fieldErrors(userErrors, 'timeWindow'))} />
        </div>
        <div className="field">
          <label htmlFor="wl-window-to">{t('waitlistWindowTo')}</label>
          <input id="wl-window-to" type="time" value={windowTo} onChange={(e) => setWindowTo(e.target.value)} />
          <FieldError id="wl-window-error" errors={fieldErrors(userErrors, 'timeWindow')} />
        </div>
      </div>
      <button type="submit" disabled={joining.loading}>
        {t('waitlistJoin')}
      </button>
    </form>
  );
}

/** Whom to add: a search by name, MRN or phone; choosing one opens the form. */
function PatientSearch({ onChoose }: { onChoose: (patientId: string) => void }) {
  const { t, nameOf } = useLocale();
  const [search, setSearch] = useState('');
  const wanted = search.trim();
  const found = useQuery(WaitlistPatientSearchQueryDocument, { variables: { search: wanted }, skip: wanted.length < 2 });
  return (
    <div className="panel waitlist-search">
      <div className="field">
        <label htmlFor="wl-patient-search">{t('waitlistFindPatient')}</label>
        <input id="wl-patient-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      {wanted.length >= 2 && found.data ? (
        <ul className="waitlist-found">
          {found.data.patients.map((p) => (
            <li key={p.id}>
              <button type="button" className="link-button" onClick={() => onChoose(p.id)}>
                {nameOf(p)} <span dir="ltr">{p.mrn}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
