import { useMutation, useSuspenseQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { CreatePatientFormMutationDocument, EditPatientRouteQueryDocument, UpdatePatientFormMutationDocument, type Language } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { NotFoundError } from '../layout/route-error';
import { ErrorNotice, FieldError, fieldErrors, FormErrors, invalidFieldProps, otherErrors, PageHeading, type FieldUserError } from '../layout/states';
import { deskEn } from '../i18n/catalog/desk';
import { type MessageKey } from '../i18n/messages';
import { userErrorText } from '../i18n/user-error-text';

interface PatientFields {
  mrn: string;
  nameEn: string;
  nameAr: string;
  dateOfBirth: string;
  phone: string;
  email: string;
  preferredLanguage: Language;
  remindersByEmail: boolean;
  remindersBySms: boolean;
}

/** What the patient receives, in the input both mutations take. */
const contactOf = (fields: PatientFields) => ({
  email: fields.email || null,
  preferredLanguage: fields.preferredLanguage,
  remindersByEmail: fields.remindersByEmail,
  remindersBySms: fields.remindersBySms,
});

const FIELDS = ['mrn', 'nameEn', 'nameAr', 'dateOfBirth', 'phone'] as const;
const CONTACT_FIELDS = ['email', 'preferredLanguage', 'remindersByEmail', 'remindersBySms'] as const;

/** /patients/new: register a patient (the server validates; a taken MRN is refused). */
export function NewPatientRoute() {
  const { t } = useLocale();
  const navigate = useNavigate();
  const [create, { data, loading, error }] = useMutation(CreatePatientFormMutationDocument);
  const submit = async (fields: PatientFields) => {
    const result = await create({
      variables: { input: { mrn: fields.mrn, nameEn: fields.nameEn, nameAr: fields.nameAr || null, dateOfBirth: fields.dateOfBirth || null, phone: fields.phone || null, ...contactOf(fields) } },
    }).catch(() => null);
    const patient = result?.data?.createPatient.patient;
    if (patient) void navigate(`/patients/${encodeURIComponent(patient.id)}`);
  };
  return (
    <section>
      <PageHeading>{t('patientRegister')}</PageHeading>
      <PatientForm
        initial={{ mrn: '', nameEn: '', nameAr: '', dateOfBirth: '', phone: '', email: '', preferredLanguage: 'EN', remindersByEmail: false, remindersBySms: false }}
        submitLabel={t('patientRegisterSubmit')}
        busy={loading}
        error={error}
        userErrors={data?.createPatient.userErrors}
        onSubmit={submit}
        cancelTo="/patients"
      />
    </section>
  );
}

/** /patients/:patientId/edit: correct a patient's registration. */
export function EditPatientRoute() {
  const { patientId = '' } = useParams();
  const { t, nameOf } = useLocale();
  const navigate = useNavigate();
  const { data: loaded } = useSuspenseQuery(EditPatientRouteQueryDocument, { variables: { id: patientId } });
  const [update, { data, loading, error }] = useMutation(UpdatePatientFormMutationDocument);
  const patient = loaded.node;
  if (!patient || patient.__typename !== 'Patient') throw new NotFoundError(patientId);
  const submit = async (fields: PatientFields) => {
    const result = await update({
      variables: {
        input: { patientId, mrn: fields.mrn, nameEn: fields.nameEn, nameAr: fields.nameAr || null, dateOfBirth: fields.dateOfBirth || null, phone: fields.phone || null, ...contactOf(fields) },
      },
    }).catch(() => null);
    if (result?.data?.updatePatient.patient) void navigate(`/patients/${encodeURIComponent(patientId)}`);
  };
  return (
    <section>
      <PageHeading>{t('patientEditTitle', { name: nameOf(patient) })}</PageHeading>
      <PatientForm
        initial={{
          mrn: patient.mrn,
          nameEn: patient.nameEn,
          nameAr: patient.nameAr ?? '',
          dateOfBirth: patient.dateOfBirth ?? '',
          phone: patient.phone ?? '',
          email: patient.email ?? '',
          preferredLanguage: patient.preferredLanguage,
          remindersByEmail: patient.remindersByEmail,
          remindersBySms: patient.remindersBySms,
        }}
        submitLabel={t('patientEditSubmit')}
        busy={loading}
        error={error}
        userErrors={data?.updatePatient.userErrors}
        onSubmit={submit}
        cancelTo={`/patients/${encodeURIComponent(patientId)}`}
      />
    </section>
  );
}

function PatientForm({
  initial,
  submitLabel,
  busy,
  error,
  userErrors,
  onSubmit,
  cancelTo,
}: {
  initial: PatientFields;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  userErrors: readonly FieldUserError[] | undefined;
  onSubmit(fields: PatientFields): Promise<void>;
  cancelTo: string;
}) {
  const { t } = useLocale();
  const [fields, setFields] = useState(initial);
  // A field's refusal in the form's own words (which rule), else the code's general words.
  const errors = (userErrors ?? []).map((e) => {
    const key = `patientError_${e.field?.at(-1) ?? ''}_${e.code}`;
    return { ...e, message: key in deskEn ? t(key as MessageKey) : userErrorText(t, e) };
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSubmit(fields);
  };
  const labels: Record<(typeof FIELDS)[number], string> = {
    mrn: t('mrn'),
    nameEn: t('patientNameEn'),
    nameAr: t('patientNameAr'),
    dateOfBirth: t('dateOfBirth'),
    phone: t('phone'),
  };
  return (
    <form className="panel patient-form" onSubmit={submit} noValidate>
      {error ? <ErrorNotice error={error} /> : null}
      <FormErrors errors={otherErrors(errors, [...FIELDS, ...CONTACT_FIELDS])} />
      {FIELDS.map((name) => {
        const own = fieldErrors(errors, name);
        const errorId = `patient-${name}-error`;
        return (
          <div className="field" key={name}>
            <label htmlFor={`patient-${name}`}>
              {labels[name]}
              {name === 'mrn' || name === 'nameEn' ? <span aria-hidden="true"> *</span> : null}
            </label>
            <input
              id={`patient-${name}`}
              type={name === 'dateOfBirth' ? 'date' : name === 'phone' ? 'tel' : 'text'}
              dir={name === 'nameAr' ? 'rtl' : name === 'nameEn' ? undefined : 'ltr'}
              required={name === 'mrn' || name === 'nameEn'}
              autoComplete="off"
              value={fields[name]}
              onChange={(e) => setFields({ ...fields, [name]: e.target.value })}
              {...invalidFieldProps(errorId, own)}
            />
            {/* Already in the form's own words (see `errors` above). */}
            <FieldError id={errorId} messages={own.map((e) => e.message)} />
          </div>
        );
      })}
      <ContactFields fields={fields} onChange={setFields} errors={errors} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        <Link to={cancelTo} className="button secondary">
          {t('patientFormCancel')}
        </Link>
      </div>
    </form>
  );
}

/** E-mail, the language of messages and consent to reminders per channel (when and by whom is recorded by the server). */
function ContactFields({ fields, onChange, errors }: { fields: PatientFields; onChange(fields: PatientFields): void; errors: readonly FieldUserError[] }) {
  const { t } = useLocale();
  const emailErrors = fieldErrors(errors, 'email');
  return (
    <>
      <div className="field">
        <label htmlFor="patient-email">{t('patientEmail')}</label>
        <input
          id="patient-email"
          type="email"
          dir="ltr"
          autoComplete="off"
          value={fields.email}
          onChange={(e) => onChange({ ...fields, email: e.target.value })}
          {...invalidFieldProps('patient-email-error', emailErrors)}
        />
        <FieldError id="patient-email-error" messages={emailErrors.map((e) => e.message)} />
      </div>
      <div className="field">
        <label htmlFor="patient-preferredLanguage">{t('patientPreferredLanguage')}</label>
        <select
          id="patient-preferredLanguage"
          value={fields.preferredLanguage}
          onChange={(e) => onChange({ ...fields, preferredLanguage: e.target.value as Language })}
        >
          <option value={'EN'}>{t('patientLanguage_EN')}</option>
          <option value={'AR'}>{t('patientLanguage_AR')}</option>
        </select>
      </div>
      <fieldset className="field patient-consent">
        <legend>{t('patientRemindersConsent')}</legend>
        <label className="checkbox">
          <input type="checkbox" id="patient-remindersByEmail" checked={fields.remindersByEmail} onChange={(e) => onChange({ ...fields, remindersByEmail: e.target.checked })} />{' '}
          {t('patientRemindersByEmail')}
        </label>
        <label className="checkbox">
          <input type="checkbox" id="patient-remindersBySms" checked={fields.remindersBySms} onChange={(e) => onChange({ ...fields, remindersBySms: e.target.checked })} />{' '}
          {t('patientRemindersBySms')}
        </label>
      </fieldset>
    </>
  );
}
