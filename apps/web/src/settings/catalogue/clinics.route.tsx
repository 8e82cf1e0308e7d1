import { useMutation, useSuspenseQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { ClinicsRouteQueryDocument, CreateClinicMutationDocument, UpdateClinicMutationDocument, type ClinicsRouteQuery } from '../../graphql/generated';
import { useLocale } from '../../i18n/locale';
import { EmptyState, ErrorNotice, FieldError, FormErrors, PageHeading, fieldErrors, invalidFieldProps, otherErrors } from '../../layout/states';
import './catalogue.css';

type Clinic = ClinicsRouteQuery['clinics'][number];

/**
 * Clinics (ADMIN): their names in both languages and their IANA time zone, picked from the
 * server's list (a searchable field). Adding and editing share one form.
 */
export function ClinicsRoute() {
  const { t, nameOf } = useLocale();
  const { data } = useSuspenseQuery(ClinicsRouteQueryDocument, { fetchPolicy: 'cache-and-network' });
  const [editing, setEditing] = useState<Clinic | null>(null);
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <PageHeading id={headingId}>{t('settingsClinics')}</PageHeading>
      <p className="hint">{t('clinicsIntro')}</p>
      <ClinicForm key={editing?.id ?? 'new'} clinic={editing} zones={data.timeZones} onDone={() => setEditing(null)} />
      <h2 id={`${headingId}-list`}>{t('clinicsList')}</h2>
      {data.clinics.length === 0 ? (
        <EmptyState>{t('clinicsNone')}</EmptyState>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table catalogue-table" aria-labelledby={`${headingId}-list`}>
            <thead>
              <tr>
                <th scope="col">{t('catalogueNameEn')}</th>
                <th scope="col">{t('catalogueNameAr')}</th>
                <th scope="col">{t('clinicTimeZone')}</th>
                <th scope="col">{t('staffActions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.clinics.map((clinic) => (
                <tr key={clinic.id}>
                  <th scope="row" dir="ltr">{clinic.nameEn}</th>
                  <td dir="rtl" lang="ar">{clinic.nameAr}</td>
                  <td dir="ltr">{clinic.timeZone}</td>
                  <td>
                    <button type="button" className="secondary" aria-label={t('catalogueEditOf', { name: nameOf(clinic) })} onClick={() => setEditing(clinic)}>
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

function ClinicForm({ clinic, zones, onDone }: { clinic: Clinic | null; zones: readonly string[]; onDone: () => void }) {
  const { t, nameOf } = useLocale();
  const id = useId();
  const [nameEn, setNameEn] = useState(clinic?.nameEn ?? '');
  const [nameAr, setNameAr] = useState(clinic?.nameAr ?? '');
  const [timeZone, setTimeZone] = useState(clinic?.timeZone ?? 'Asia/Riyadh');
  const refetch = { refetchQueries: ['ClinicsRouteQuery'], awaitRefetchQueries: true };
  const [create, created] = useMutation(CreateClinicMutationDocument, refetch);
  const [update, updated] = useMutation(UpdateClinicMutationDocument, refetch);
  const state = clinic ? updated : created;
  const errors = (clinic ? updated.data?.updateClinic.userErrors : created.data?.createClinic.userErrors) ?? [];
  const done = clinic ? updated.data?.updateClinic.clinic : created.data?.createClinic.clinic;
  const errorsOf = (field: string) => fieldErrors(errors, field);
  const unknownZone = timeZone !== '' && !zones.includes(timeZone);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
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
    <form className="panel settings-form" aria-labelledby={`${id}-heading`} onSubmit={(e) => void submit(e)}>
      <h2 id={`${id}-heading`}>{clinic ? t('catalogueEditOf', { name: nameOf(clinic) }) : t('clinicAdd')}</h2>
      <FormErrors errors={otherErrors(errors, ['nameEn', 'nameAr', 'timeZone'])} />
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
      <div className="form-actions">
        <button type="submit" disabled={state.loading}>
          {clinic ? t('catalogueSave') : t('clinicCreate')}
        </button>
        {clinic ? (
          <button type="button" className="secondary" onClick={onDone}>
            {t('staffCancel')}
          </button>
        ) : null}
      </div>
      <div role="status">{done && !clinic ? <p className="notice notice-success">{t('catalogueSaved', { name: nameOf(done) })}</p> : null}</div>
      {state.error ? <ErrorNotice error={state.error} /> : null}
    </form>
  );
}
