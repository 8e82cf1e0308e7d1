import { useMutation, useSuspenseQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { EditProviderClinicsQueryDocument, UpdateProviderMutationDocument } from '../../graphql/generated';
import { useLocale } from '../../i18n/locale';
import { ErrorNotice, FieldError, FormErrors, fieldErrors, invalidFieldProps, otherErrors } from '../../layout/states';
import './catalogue.css';

interface EditedProvider {
  id: string;
  name: string;
  nameAr?: string | null;
  clinics: ReadonlyArray<{ id: string }>;
}

/**
 * A provider's names and clinics (ADMIN). Leaving a clinic where appointments lie ahead is
 * refused by the server with those appointments, listed here for the desk to move first.
 */
export function EditProvider({ provider }: { provider: EditedProvider }) {
  const { t, nameOf, formatDateTime } = useLocale();
  const id = useId();
  const { data } = useSuspenseQuery(EditProviderClinicsQueryDocument);
  const [name, setName] = useState(provider.name);
  const [nameAr, setNameAr] = useState(provider.nameAr ?? '');
  const [clinicIds, setClinicIds] = useState<string[]>(provider.clinics.map((clinic) => clinic.id));
  const [save, state] = useMutation(UpdateProviderMutationDocument, { refetchQueries: ['ProvidersSettingsQuery', 'ProviderSettingsQuery'], awaitRefetchQueries: true });
  const answer = state.data?.updateProvider;
  const errors = answer?.userErrors ?? [];
  const clinicErrors = errors.filter((error) => error.field?.[1] === 'clinicIds');
  const inTheWay = answer?.appointmentsInTheWay ?? [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await save({ variables: { input: { providerId: provider.id, name, nameAr, clinicIds } } }).catch(() => null);
  };

  return (
    <form className="panel settings-form" aria-labelledby={`${id}-heading`} onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-heading`}>{t('providerEdit')}</h3>
      <FormErrors errors={otherErrors(errors, ['name', 'nameAr']).filter((error) => error.field?.[1] !== 'clinicIds')} />
      <div className="inline-fields">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('providerName')}</label>
          <input id={`${id}-name`} required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} {...invalidFieldProps(`${id}-name-error`, fieldErrors(errors, 'name'))} />
          <FieldError id={`${id}-name-error`} errors={fieldErrors(errors, 'name')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-ar`}>{t('providerNameAr')}</label>
          <input id={`${id}-ar`} dir="rtl" lang="ar" maxLength={200} value={nameAr} onChange={(e) => setNameAr(e.target.value)} {...invalidFieldProps(`${id}-ar-error`, fieldErrors(errors, 'nameAr'))} />
          <FieldError id={`${id}-ar-error`} errors={fieldErrors(errors, 'nameAr')} />
        </div>
      </div>
      <fieldset className="field" aria-describedby={clinicErrors.length ? `${id}-clinics-error` : `${id}-clinics-hint`}>
        <legend>{t('providerClinics')}</legend>
        <p className="hint" id={`${id}-clinics-hint`}>
          {t('providerClinicsHint')}
        </p>
        {data.clinics.map((clinic) => (
          <div className="field-check" key={clinic.id}>
            <input
              type="checkbox"
              id={`${id}-clinic-${clinic.id}`}
              checked={clinicIds.includes(clinic.id)}
              onChange={(e) => setClinicIds((all) => (e.target.checked ? [...all, clinic.id] : all.filter((other) => other !== clinic.id)))}
            />
            <label htmlFor={`${id}-clinic-${clinic.id}`}>{nameOf(clinic)}</label>
          </div>
        ))}
        <FieldError id={`${id}-clinics-error`} errors={clinicErrors} />
      </fieldset>
      {inTheWay.length ? (
        <div className="notice" role="alert">
          <p>{t('providerAppointmentsInTheWay', { count: inTheWay.length })}</p>
          <ul className="provider-appointments">
            {inTheWay.map((appointment) => (
              <li key={appointment.id}>
                <Link to={`/appointments/${encodeURIComponent(appointment.id)}`}>
                  {formatDateTime(appointment.startsAt, appointment.clinic.timeZone)}, {nameOf(appointment.patient)}
                </Link>{' '}
                <span className="hint">
                  ({nameOf(appointment.clinic)}, {t(`appt_${appointment.status}`)})
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" disabled={state.loading}>
          {t('catalogueSave')}
        </button>
      </div>
      <div role="status">{answer?.provider ? <p className="notice notice-success">{t('catalogueSaved', { name: nameOf(answer.provider) })}</p> : null}</div>
      {state.error ? <ErrorNotice error={state.error} /> : null}
    </form>
  );
}
