import { useMutation, useSuspenseQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { CreateServiceMutationDocument, ServicesRouteQueryDocument, UpdateServiceMutationDocument, type ServicesRouteQuery } from '../../graphql/generated';
import { useLocale } from '../../i18n/locale';
import type { Column } from '../../layout/data-table';
import { FieldError, fieldErrors, invalidFieldProps } from '../../layout/states';
import { CatalogueForm, CatalogueScreen, NameFields } from './catalogue-screen';

type Service = ServicesRouteQuery['services'][number];
type Clinic = ServicesRouteQuery['clinics'][number];

/** Services (ADMIN): what a clinic delivers, its code (unique), names, length and price. */
export function ServicesRoute() {
  const { t, nameOf, formatNumber } = useLocale();
  const { data } = useSuspenseQuery(ServicesRouteQueryDocument, { fetchPolicy: 'cache-and-network' });
  const columns: Column<Service>[] = [
    { key: 'code', header: t('serviceCode'), cell: (service) => service.code, rowHeader: true, dir: 'ltr' },
    { key: 'name', header: t('catalogueName'), cell: (service) => nameOf(service) },
    { key: 'clinic', header: t('closureClinic'), cell: (service) => nameOf(service.clinic) },
    { key: 'duration', header: t('serviceDuration'), cell: (service) => t('serviceMinutes', { count: service.durationMinutes }) },
    { key: 'price', header: t('cataloguePrice'), cell: (service) => formatNumber(Number(service.price)), dir: 'ltr' },
  ];
  return (
    <CatalogueScreen
      title="settingsServices"
      intro="servicesIntro"
      listTitle="servicesList"
      none="servicesNone"
      items={data.services}
      columns={columns}
      form={(service, onDone) => <ServiceForm service={service} clinics={data.clinics} onDone={onDone} />}
    />
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
  const errorsOf = (field: string) => fieldErrors(errors, field);

  const submit = async () => {
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
    <CatalogueForm
      editing={service}
      addTitle="serviceAdd"
      createLabel="serviceCreate"
      errors={errors}
      fields={['clinicId', 'code', 'nameEn', 'nameAr', 'durationMinutes', 'price']}
      saving={state.loading}
      created={created.data?.createService.service}
      error={state.error}
      onSubmit={submit}
      onCancel={onDone}
    >
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
      <NameFields id={id} nameEn={nameEn} nameAr={nameAr} onNameEn={setNameEn} onNameAr={setNameAr} errorsOf={errorsOf} />
    </CatalogueForm>
  );
}
