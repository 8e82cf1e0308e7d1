import { useMutation, useQuery, useSuspenseQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  AvailablePackagesQueryDocument,
  BookAppointmentMutationDocument,
  BookAppointmentPatientQueryDocument,
  BookAppointmentRouteQueryDocument,
  FirstAvailableSlotsQueryDocument,
  PatientsRouteQueryDocument,
} from '../graphql/generated';
import { localDateOf, todayIn } from '../i18n/clinic-time';
import { useLocale } from '../i18n/locale';
import { invalidFieldProps, ErrorNotice, FieldError, FormErrors, Loading, otherErrors, PageHeading, fieldErrors } from '../layout/states';
import { canBook, useViewer } from '../layout/viewer';
import { SlotPicker } from './slot-picker';
import { JoinWaitlistLink } from '../scheduler/waitlist-link';
import './appointments.css';

const FIELDS = ['patientId', 'providerId', 'serviceId', 'startsAt', 'packagePurchaseId'];

export function BookAppointmentRoute() {
  const { t } = useLocale();
  const viewer = useViewer();
  if (canBook(viewer)) return <BookAppointment />;
  // A clinician (or finance) reaching this address: say so rather than offer a form the API refuses.
  return (
    <section>
      <PageHeading>{t('bookTitle')}</PageHeading>
      <p className="state state-warning">{t('bookNotAllowed')}</p>
    </section>
  );
}

function BookAppointment() {
  const { t, nameOf, formatDate } = useLocale();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const patientId = params.get('patientId') ?? '';
  const { data: setup } = useSuspenseQuery(BookAppointmentRouteQueryDocument);
  // From the calendar, an empty time chosen there arrives in the address: clinic, provider, service, day and time.
  const [clinicId, setClinicId] = useState(params.get('clinicId') ?? (setup.clinics.length === 1 ? (setup.clinics[0]?.id ?? '') : ''));
  const [providerId, setProviderId] = useState(params.get('providerId') ?? '');
  const [serviceId, setServiceId] = useState(params.get('serviceId') ?? '');
  const clinic = setup.clinics.find((c) => c.id === clinicId);
  const timeZone = clinic?.timeZone ?? 'Asia/Riyadh';
  const [date, setDate] = useState(() => params.get('date') ?? todayIn(timeZone));
  const [slot, setSlot] = useState<string | null>(params.get('startsAt'));
  const [purchaseId, setPurchaseId] = useState(params.get('purchaseId') ?? '');
  const patient = useQuery(BookAppointmentPatientQueryDocument, { variables: { id: patientId }, skip: !patientId });
  const packages = useQuery(AvailablePackagesQueryDocument, { variables: { patientId }, skip: !patientId });
  const [book, { data, loading, error }] = useMutation(BookAppointmentMutationDocument);

  // Booking from a package card: the clinic and service follow from the package, the service
  // being that of the session the server would book next (after "1 assessment", the therapy sessions).
  useEffect(() => {
    const chosen = packages.data?.availablePackages.find((p) => p.id === purchaseId);
    const nextServiceId = chosen?.nextSession?.service.id;
    const service = setup.services.find((s) => s.id === nextServiceId);
    // Also when the clinic is already chosen (a tenant with one clinic chooses it at once).
    if (service && !serviceId) {
      setClinicId(service.clinic.id);
      setServiceId(service.id);
    }
  }, [packages.data, purchaseId, setup.services, serviceId]);

  // The patient's package is preselected (once, so "No package" stays a choice): the first the
  // server lists that pays for the chosen service; with no service chosen yet (an empty time of the
  // calendar), the first of this clinic, with the service of the session it would book next.
  const [preselectedFor, setPreselectedFor] = useState(params.get('purchaseId') ? patientId : '');
  useEffect(() => {
    if (preselectedFor === patientId || packages.loading || !packages.data || !clinicId) return;
    const available = packages.data.availablePackages;
    const forService = serviceId ? available.find((p) => p.package.services.some((line) => line.service.id === serviceId)) : undefined;
    const inClinic = serviceId
      ? undefined
      : available.find((p) => setup.services.some((s) => s.id === p.nextSession?.service.id && s.clinic.id === clinicId));
    const chosen = forService ?? inClinic;
    if (chosen) {
      setPurchaseId(chosen.id);
      if (!serviceId && chosen.nextSession) setServiceId(chosen.nextSession.service.id);
    }
    setPreselectedFor(patientId);
  }, [preselectedFor, patientId, packages.loading, packages.data, clinicId, serviceId, setup.services]);

  const providers = setup.providers.filter((p) => p.clinics.some((c) => c.id === clinicId));
  const services = setup.services.filter((s) => s.clinic.id === clinicId);
  const usablePackages = (packages.data?.availablePackages ?? []).filter((p) =>
    p.package.services.some((line) => line.service.id === serviceId),
  );
  const userErrors = data?.bookAppointment.userErrors;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!slot) return;
    const usable = usablePackages.some((p) => p.id === purchaseId);
    const result = await book({
      variables: { input: { patientId, providerId, serviceId, startsAt: slot, packagePurchaseId: usable ? purchaseId : null } },
    }).catch(() => null);
    const booked = result?.data?.bookAppointment.appointment;
    if (booked) await navigate(`/appointments/${encodeURIComponent(booked.id)}`);
  };

  const fieldProps = (name: string) => invalidFieldProps(`book-${name}-error`, fieldErrors(userErrors, name));

  return (
    <section>
      <PageHeading>{t('bookTitle')}</PageHeading>
      <div className="panel">
        <h2>{t('choosePatient')}</h2>
        {patientId ? (
          patient.loading ? (
            <Loading />
          ) : patient.data?.node?.__typename === 'Patient' ? (
            <p>
              <Link to={`/patients/${encodeURIComponent(patientId)}`}>{nameOf(patient.data.node)}</Link>{' '}
              <span dir="ltr" className="mrn-inline">({patient.data.node.mrn})</span>{' '}
              <button type="button" className="link-button" onClick={() => setParams(withParam(params, 'patientId', null))}>
                {t('cancel')}
              </button>
            </p>
          ) : (
            <ErrorNotice error={patient.error ?? t('notFound')} />
          )
        ) : (
          <PatientFinder onChoose={(id) => setParams(withParam(params, 'patientId', id))} />
        )}
        <FieldError id="book-patientId-error" errors={fieldErrors(userErrors, 'patientId')} />
      </div>
      {patientId ? (
        <form className="panel" onSubmit={(e) => void submit(e)}>
          {error ? <ErrorNotice error={error} /> : null}
          <FormErrors errors={otherErrors(userErrors, FIELDS)} />
          <div className="inline-fields">
            <div className="field">
              <label htmlFor="book-clinic">{t('clinic')}</label>
              <select
                id="book-clinic"
                required
                value={clinicId}
                onChange={(e) => {
                  setClinicId(e.target.value);
                  setProviderId('');
                  setServiceId('');
                  setSlot(null);
                }}
              >
                <option value="">{t('chooseClinic')}</option>
                {setup.clinics.map((c) => (
                  <option key={c.id} value={c.id}>
                    {nameOf(c)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="book-provider">{t('provider')}</label>
              <select
                id="book-provider"
                required
                value={providerId}
                onChange={(e) => {
                  setProviderId(e.target.value);
                  setSlot(null);
                }}
                {...fieldProps('providerId')}
              >
                <option value="">{t('chooseProvider')}</option>
                {providers.map((p) => (
                  <option key={p.id} value={p.id}>
                    {nameOf(p)}
                  </option>
                ))}
              </select>
              <FieldError id="book-providerId-error" errors={fieldErrors(userErrors, 'providerId')} />
            </div>
            <div className="field">
              <label htmlFor="book-service">{t('service')}</label>
              <select
                id="book-service"
                required
                value={serviceId}
                onChange={(e) => {
                  setServiceId(e.target.value);
                  setSlot(null);
                }}
                {...fieldProps('serviceId')}
              >
                <option value="">{t('chooseService')}</option>
                {services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {nameOf(s)}
                  </option>
                ))}
              </select>
              <FieldError id="book-serviceId-error" errors={fieldErrors(userErrors, 'serviceId')} />
            </div>
            <div className="field">
              <label htmlFor="book-date">{t('day')}</label>
              <input
                id="book-date"
                type="date"
                required
                value={date}
                onChange={(e) => {
                  setDate(e.target.value);
                  setSlot(null);
                }}
              />
            </div>
          </div>
          {clinicId && serviceId ? (
            <FirstAvailable
              clinicId={clinicId}
              serviceId={serviceId}
              packagePurchaseId={usablePackages.some((p) => p.id === purchaseId) ? purchaseId : null}
              timeZone={timeZone}
              chosen={slot && providerId ? `${providerId} ${slot}` : null}
              onChoose={(choice) => {
                setProviderId(choice.providerId);
                setDate(localDateOf(choice.startsAt, timeZone));
                setSlot(choice.startsAt);
              }}
            />
          ) : null}
          <SlotPicker
            name="book-slot"
            providerId={providerId}
            serviceId={serviceId}
            patientId={patientId}
            date={date}
            timeZone={timeZone}
            selected={slot}
            onSelect={setSlot}
            emptyDayAction={patientId ? <JoinWaitlistLink prefill={{ patientId, serviceId, providerId, date }} /> : null}
          />
          <FieldError id="book-startsAt-error" errors={fieldErrors(userErrors, 'startsAt')} />
          {serviceId ? (
            <fieldset className="packages-choice">
              <legend>{t('usePackage')}</legend>
              {packages.loading ? <Loading /> : null}
              {packages.error ? <ErrorNotice error={packages.error} /> : null}
              <label className="field-check">
                <input type="radio" name="book-package" checked={!usablePackages.some((p) => p.id === purchaseId)} onChange={() => setPurchaseId('')} />
                {t('noPackage')}
              </label>
              {usablePackages.map((p) => (
                <label className="field-check" key={p.id}>
                  <input type="radio" name="book-package" checked={purchaseId === p.id} onChange={() => setPurchaseId(p.id)} />
                  {t('packageRemains', {
                    name: nameOf(p.package),
                    remaining: p.sessionsRemaining,
                    unscheduled: p.sessionsUnscheduled,
                    date: formatDate(p.expiryDate),
                  })}
                </label>
              ))}
              {!packages.loading && usablePackages.length === 0 ? <p className="hint">{t('noAvailablePackages')}</p> : null}
              <FieldError id="book-packagePurchaseId-error" errors={fieldErrors(userErrors, 'packagePurchaseId')} />
            </fieldset>
          ) : null}
          <div className="form-actions">
            <button type="submit" disabled={!slot || loading}>
              {t('book')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/**
 * "First available": the earliest free times across the providers of the clinic for the service,
 * as the server finds them; choosing one fills in the provider, the day and the time. With a
 * package chosen, the server leaves out the days that package cannot be booked on (its pauses,
 * after its expiry).
 */
function FirstAvailable({
  clinicId,
  serviceId,
  packagePurchaseId,
  timeZone,
  chosen,
  onChoose,
}: {
  clinicId: string;
  serviceId: string;
  packagePurchaseId: string | null;
  timeZone: string;
  chosen: string | null;
  onChoose(choice: { providerId: string; startsAt: string }): void;
}) {
  const { t, nameOf, formatDateTime } = useLocale();
  const [open, setOpen] = useState(false);
  const { data, loading, error, refetch } = useQuery(FirstAvailableSlotsQueryDocument, {
    variables: { clinicId, serviceId, first: 6, packagePurchaseId },
    skip: !open,
    fetchPolicy: 'network-only',
  });
  const slots = data?.firstAvailableSlots ?? [];
  return (
    <section className="first-available" aria-labelledby="book-first-available">
      <h3 id="book-first-available">{t('firstAvailable')}</h3>
      {!open ? (
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          {t('firstAvailableShow')}
        </button>
      ) : loading ? (
        <Loading />
      ) : error ? (
        <ErrorNotice error={error} onRetry={() => void refetch()} />
      ) : slots.length === 0 ? (
        <p className="hint">{t('firstAvailableNone')}</p>
      ) : (
        <>
          <p className="hint">{t('firstAvailableHint')}</p>
          <ul className="choice-list first-available-list">
            {slots.map((slot) => (
              <li key={`${slot.provider.id} ${slot.startsAt}`}>
                <button
                  type="button"
                  className="link-button"
                  aria-pressed={chosen === `${slot.provider.id} ${slot.startsAt}`}
                  onClick={() => onChoose({ providerId: slot.provider.id, startsAt: slot.startsAt })}
                >
                  {t('firstAvailableChoose', { provider: isolated(nameOf(slot.provider)), when: isolated(formatDateTime(slot.startsAt, timeZone)) })}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Text set apart from its neighbours' direction (a Latin name beside Arabic digits keeps its order). */
const isolated = (text: string) => `\u2068${text}\u2069`;

/** The address with one parameter set (or removed), the others kept. */
function withParam(params: URLSearchParams, name: string, value: string | null): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value === null) next.delete(name);
  else next.set(name, value);
  return next;
}

function PatientFinder({ onChoose }: { onChoose(id: string): void }) {
  const { t, nameOf } = useLocale();
  const [search, setSearch] = useState('');
  const [submitted, setSubmitted] = useState<string | null>(null);
  const { data, loading, error } = useQuery(PatientsRouteQueryDocument, {
    variables: { search: submitted, first: 10 },
    skip: submitted === null,
  });
  return (
    <div>
      <form
        className="search-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(search);
        }}
      >
        <label htmlFor="book-patient-search">{t('findPatient')}</label>
        <div className="inline-fields">
          <input id="book-patient-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          <button type="submit">{t('search')}</button>
        </div>
      </form>
      {loading ? <Loading /> : null}
      {error ? <ErrorNotice error={error} /> : null}
      {data ? (
        data.patients.length === 0 ? (
          <p>{t('noPatients')}</p>
        ) : (
          <ul className="choice-list">
            {data.patients.map((p) => (
              <li key={p.id}>
                <button type="button" className="link-button" onClick={() => onChoose(p.id)}>
                  {nameOf(p)} <span dir="ltr">({p.mrn})</span>
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
