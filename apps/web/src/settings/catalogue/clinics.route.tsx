import { useMutation, useSuspenseQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { ClinicsRouteQueryDocument, CreateClinicMutationDocument, UpdateClinicMutationDocument, type ClinicsRouteQuery } from '../../graphql/generated';
import { useLocale } from '../../i18n/locale';
import type { Column } from '../../layout/data-table';
import { FieldError, fieldErrors } from '../../layout/states';
import { CatalogueForm, CatalogueScreen, NameFields } from './catalogue-screen';

type Clinic = ClinicsRouteQuery['clinics'][number];

/**
 * Clinics (ADMIN): their names in both languages and their IANA time zone, picked from the
 * server's list (a searchable field). Adding and editing share one form.
 */
export function ClinicsRoute() {
  const { t } = useLocale();
  const { data } = useSuspenseQuery(ClinicsRouteQueryDocument, { fetchPolicy: 'cache-and-network' });
  const columns: Column<Clinic>[] = [
    { key: 'nameEn', header: t('catalogueNameEn'), cell: (clinic) => clinic.nameEn, rowHeader: true, dir: 'ltr' },
    { key: 'nameAr', header: t('catalogueNameAr'), cell: (clinic) => clinic.nameAr, dir: 'rtl', lang: 'ar' },
    { key: 'timeZone', header: t('clinicTimeZone'), cell: (clinic) => clinic.timeZone, dir: 'ltr' },
  ];
  return (
    <CatalogueScreen
      title="settingsClinics"
      intro="clinicsIntro"
      listTitle="clinicsList"
      none="clinicsNone"
      items={data.clinics}
      columns={columns}
      form={(clinic, onDone) => <ClinicForm clinic={clinic} zones={data.timeZones} onDone={onDone} />}
    />
  );
}

function ClinicForm({ clinic, zones, onDone }: { clinic: Clinic | null; zones: readonly string[]; onDone: () => void }) {
  const { t } = useLocale();
  const id = useId();
  const [nameEn, setNameEn] = useState(clinic?.nameEn ?? '');
  const [nameAr, setNameAr] = useState(clinic?.nameAr ?? '');
  const [timeZone, setTimeZone] = useState(clinic?.timeZone ?? 'Asia/Riyadh');
  const refetch = { refetchQueries: ['ClinicsRouteQuery'], awaitRefetchQueries: true };
  const [create, created] = useMutation(CreateClinicMutationDocument, refetch);
  const [update, updated] = useMutation(UpdateClinicMutationDocument, refetch);
  const state = clinic ? updated : created;
  const errors = (clinic ? updated.data?.updateClinic.userErrors : created.data?.createClinic.userErrors) ?? [];
  const errorsOf = (field: string) => fieldErrors(errors, field);
  const unknownZone = timeZone !== '' && !zones.includes(timeZone);

  const submit = async () => {
    if (clinic) {
      const result = await update({ variables: { input: { clinicId: clinic.id, nameEn, nameAr, timeZone } } }).catch(() => null);
      if (result?.data?.updateClinic.clinic) onDone();
    } else {
      const result = await create({ variables: { input: { nameEn, nameAr, timeZone } } }).catch(() => null);
      if (result?.data?.createClinic.clinic) {
        setNameEn('');
        setNameAr('');
      }
    }
  };

  return (
    <CatalogueForm
      editing={clinic}
      addTitle="clinicAdd"
      createLabel="clinicCreate"
      errors={errors}
      fields={['nameEn', 'nameAr', 'timeZone']}
      saving={state.loading}
      created={created.data?.createClinic.clinic}
      error={state.error}
      onSubmit={submit}
      onCancel={onDone}
    >
      <NameFields id={id} nameEn={nameEn} nameAr={nameAr} onNameEn={setNameEn} onNameAr={setNameAr} errorsOf={errorsOf} />
      <div className="field">
        <label htmlFor={`${id}-zone`}>{t('clinicTimeZone')}</label>
        <input
          id={`${id}-zone`}
          dir="ltr"
          list={`${id}-zones`}
          required
          autoComplete="off"
          spellCheck={false}
          value={timeZone}
          onChange={(e) => setTimeZone(e.target.value)}
          aria-describedby={errorsOf('timeZone').length ? `${id}-zone-error` : `${id}-zone-hint`}
          aria-invalid={errorsOf('timeZone').length > 0 || unknownZone}
        />
        <datalist id={`${id}-zones`}>
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <p className="hint" id={`${id}-zone-hint`}>
          {unknownZone ? t('clinicZoneUnknown') : t('clinicZoneHint')}
        </p>
        <FieldError id={`${id}-zone-error`} errors={errorsOf('timeZone')} />
      </div>
    </CatalogueForm>
  );
}
