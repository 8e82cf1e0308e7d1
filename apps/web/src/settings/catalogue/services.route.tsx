import { useMutation, useSuspenseQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { CreateServiceMutationDocument, ServicesRouteQueryDocument, UpdateServiceMutationDocument, type ServicesRouteQuery } from '../../graphql/generated';
import { useLocale } from '../../i18n/locale';
import { EmptyState, ErrorNotice, FieldError, FormErrors, PageHeading, fieldErrors, invalidFieldProps, otherErrors } from '../../layout/states';
import './catalogue.css';

type Service = ServicesRouteQuery['services'][number];
type Clinic = ServicesRouteQuery['clinics'][number];

/** Services (ADMIN): what a clinic delivers, its code (unique), names, length and price. */
export function ServicesRoute() {
  const { t, nameOf, formatNumber } = useLocale();
  const { data } = useSuspenseQuery(ServicesRouteQueryDocument, { fetchPolicy: 'cache-and-network' });
  const [editing, setEditing] = useState<Service | null>(null);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <PageHeading id={headingId}>{t('settingsServices')}</PageHeading>
      <p className="hint">{t('servicesIntro')}</p>
      <ServiceForm key={editing?.id ?? 'new'} service={editing} clinics={data.clinics} onDone={() => setEditing(null)} />
      <h2 id={`${headingId}-list`}>{t('servicesList')}</h2>
      {data.services.length === 0 ? (
        <EmptyState>{t('servicesNone')}</EmptyState>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table catalogue-table" aria-labelledby={`${headingId}-list`}>
            <thead>
              <tr>
                <th scope="col">{t('serviceCode')}</th>
                <th scope="col">{t('catalogueName')}</th>
                <th scope="col">{t('closureClinic')}</th>
                <th scope="col">{t('serviceDuration')}</th>
                <th scope="col">{t('cataloguePrice')}</th>
                <th scope="col">{t('staffActions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.services.map((service) => (
                <tr key={service.id}>
                  <th scope="row" dir="ltr">{service.code}</th>
                  <td>{nameOf(service)}</td>
                  <td>{nameOf(service.clinic)}</td>
                  <td>{t('serviceMinutes', { count: service.durationMinutes })}</td>
                  <td dir="ltr">{formatNumber(Number(service.price))}</td>
                  <td>
                    <button type="button" className="secondary" aria-label={t('catalogueEditOf', { name: nameOf(service) })} onClick={() => setEditing(service)}>
                      {t('catalogueEdit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ServiceForm({ service, clinics, onDone }: { service: Service | null; clinics: readonly Clinic[]; onDone: () => void }) {
  const { t, nameOf } = useLocale();
  const id = useId();
  const [clinicId, setClinicId] = useState(service?.clinic.id ?? clinics[0]?.id ?? '');
  const [code, setCode] = useState(service?.code ?? '');
  const [nameEn, setNameEn] = useState(service?.nameEn ?? '');
  const [nameAr, setNameAr] = useState(service?.nameAr ?? '');
  const [duration, setDuration] = useState(String(service?.durationMinutes ?? 45));
  const [price, setPrice] = useState(service?.price ?? '');
  const refetch = { refetchQueries: ['ServicesRouteQuery'], awaitRefetchQueries: true };
  const [create, created] = useMutation(CreateServiceMutationDocument, refetch);
  const [update, updated] = useMutation(UpdateServiceMutationDocument, refetch);
  const state = service ? updated : created;
  const errors = (service ? updated.data?.updateService.userErrors : created.data?.createService.userErrors) ?? [];
  const done = service ? null : created.data?.createService.service;
  const errorsOf = (field: string) => fieldErrors(errors, field);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields = { code, nameEn, nameAr, durationMinutes: Number(duration), price };
    if (service) {
      const result = await update({ variables: { input: { serviceId: service.id, ...fields } } }).catch(() => null);
      if (result?.data?.updateService.service) onDone();
    } else {
      const result = await create({ variables: { input: { clinicId, ...fields } } }).catch(() => null);
      if (result?.data?.createService.service) {
        setCode('');
        setNameEn('');
        setNameAr('');
        setPrice('');
      }
    }
  };

  return (
    <form className="panel settings-form" aria-labelledby={`${id}-heading`} onSubmit={(e) => void submit(e)}>
      <h2 id={`${id}-heading`}>{service ? t('catalogueEditOf', { name: nameOf(service) }) : t('serviceAdd')}</h2>
      <FormErrors errors={otherErrors(errors, ['clinicId', 'code', 'nameEn', 'nameAr', 'durationMinutes', 'price'])} />
      <div className="field">
        <label htmlFor={`${id}-clinic`}>{t('closureClinic')}</label>
        <select
          id={`${id}-clinic`}
          value={clinicId}
          disabled={Boolean(service)}
          onChange={(e) => setClinicId(e.target.value)}
          {...invalidFieldProps(`${id}-clinic-error`, errorsOf('clinicId'))}
          aria-describedby={service ? `${id}-clinic-hint` : errorsOf('clinicId').length ? `${id}-clinic-error` : undefined}
        >
          {clinics.map((clinic) => (
            <option key={clinic.id} value={clinic.id}>
              {nameOf(clinic)}
            </option>
          ))}
        </select>
        {service ? (
          <p className="hint" id={`${id}-clinic-hint`}>
            {t('serviceClinicFixed')}
          </p>
        ) : null}
        <FieldError id={`${id}-clinic-error`} errors={errorsOf('clinicId')} />
      </div>
      <div className="inline-fields">
        <div className="field">
          <label htmlFor={`${id}-code`}>{t('serviceCode')}</label>
          <input id={`${id}-code`} dir="ltr" required maxLength={30} value={code} onChange={(e) => setCode(e.target.value)} {...invalidFieldProps(`${id}-code-error`, errorsOf('code'))} />
          <FieldError id={`${id}-code-error`} errors={errorsOf('code')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-duration`}>{t('serviceDurationMinutes')}</label>
          <input id={`${id}-duration`} type="number" inputMode="numeric" min={5} max={720} step={5} required value={duration} onChange={(e) => setDuration(e.target.value)} {...invalidFieldProps(`${id}-duration-error`, errorsOf('durationMinutes'))} />
          <FieldError id={`${id}-duration-error`} errors={errorsOf('durationMinutes')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-price`}>{t('cataloguePrice')}</label>
          <input id={`${id}-price`} dir="ltr" inputMode="decimal" required pattern="\d{1,10}(\.\d{1,2})?" value={price} placeholder="300.00" onChange={(e) => setPrice(e.target.value)} {...invalidFieldProps(`${id}-price-error`, errorsOf('price'))} />
          <FieldError id={`${id}-price-error`} errors={errorsOf('price')} />
        </div>
      </div>
      <div className="inline-fields">
        <div className="field">
          <label htmlFor={`${id}-en`}>{t('catalogueNameEn')}</label>
          <input id={`${id}-en`} dir="ltr" lang="en" required maxLength={200} value={nameEn} onChange={(e) => setNameEn(e.target.value)} {...invalidFieldProps(`${id}-en-error`, errorsOf('nameEn'))} />
          <FieldError id={`${id}-en-error`} errors={errorsOf('nameEn')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-ar`}>{t('catalogueNameAr')}</label>
          <input id={`${id}-ar`} dir="rtl" lang="ar" required maxLength={200} value={nameAr} onChange={(e) => setNameAr(e.target.value)} {...invalidFieldProps(`${id}-ar-error`, errorsOf('nameAr'))} />
          <FieldError id={`${id}-ar-error`} errors={errorsOf('nameAr')} />
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" disabled={state.loading}>
          {service ? t('catalogueSave') : t('serviceCreate')}
        </button>
        {service ? (
          <button type="button" className="secondary" onClick={onDone}>
            {t('staffCancel')}
          </button>
        ) : null}
      </div>
      <div role="status">{done ? <p className="notice notice-success">{t('catalogueSaved', { name: nameOf(done) })}</p> : null}</div>
      {state.error ? <ErrorNotice error={state.error} /> : null}
    </form>
  );
}
