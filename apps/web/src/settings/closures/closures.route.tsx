import { useMutation, useSuspenseQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import {
  ClosuresRouteQueryDocument,
  CreateClosureMutationDocument,
  DeleteClosureMutationDocument,
  type ClosureAppointmentFragment,
  type ClosuresRouteQuery,
} from '../../graphql/generated';
import { useLocale } from '../../i18n/locale';
import './closures.css';
import { may, useViewer } from '../../layout/viewer';
import { EmptyState, ErrorNotice, FieldError, FormErrors, PageHeading, fieldErrors, invalidFieldProps, otherErrors } from '../../layout/states';

type ClosureRow = ClosuresRouteQuery['closures'][number];
type Clinic = ClosuresRouteQuery['clinics'][number];

/**
 * Closures: a clinic, or every clinic, closed on dates with a reason. Creating one answers the
 * appointments already inside it; nothing is moved, the desk moves them. The desk reads them;
 * only a person the server lets manage clinics (`manageClinics`) adds or reopens one.
 */
export function ClosuresRoute() {
  const { t } = useLocale();
  const editable = may(useViewer(), 'manageClinics');
  const { data } = useSuspenseQuery(ClosuresRouteQueryDocument, { fetchPolicy: 'cache-and-network' });
  const headingId = useId();
  const listId = useId();
  return (
    <section aria-labelledby={headingId}>
      <PageHeading id={headingId}>{t('settingsClosures')}</PageHeading>
      <p className="hint">{t('closuresIntro')}</p>
      {editable ? <AddClosure clinics={data.clinics} /> : <p className="hint">{t('closuresReadOnly')}</p>}
      <h2 id={listId}>{t('closuresList')}</h2>
      {data.closures.length === 0 ? (
        <EmptyState>{t('closuresNone')}</EmptyState>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table closures-table" aria-labelledby={listId}>
            <thead>
              <tr>
                <th scope="col">{t('closureDates')}</th>
                <th scope="col">{t('closureClinic')}</th>
                <th scope="col">{t('closureReason')}</th>
                <th scope="col">{t('closureAppointments')}</th>
                {editable ? <th scope="col">{t('staffActions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {data.closures.map((closure) => (
                <ClosureTableRow key={closure.id} closure={closure} editable={editable} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function DateRange({ startDate, endDate }: { startDate: string; endDate: string }) {
  const { t, formatDate } = useLocale();
  return <>{startDate === endDate ? formatDate(startDate) : t('closureRange', { from: formatDate(startDate), to: formatDate(endDate) })}</>;
}

function ClosureTableRow({ closure, editable }: { closure: ClosureRow; editable: boolean }) {
  const { t, nameOf } = useLocale();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [remove, state] = useMutation(DeleteClosureMutationDocument, { refetchQueries: ['ClosuresRouteQuery'], awaitRefetchQueries: true });
  const errors = state.data?.deleteClosure.userErrors ?? [];
  const where = closure.clinic ? nameOf(closure.clinic) : t('closureAllClinics');
  return (
    <tr>
      <th scope="row">
        <DateRange startDate={closure.startDate} endDate={closure.endDate} />
      </th>
      <td>{where}</td>
      <td>{closure.reason}</td>
      <td>
        <AppointmentList appointments={closure.appointmentsInside} />
      </td>
      {editable ? <td>
        {confirming ? (
          <div className="notice" role="alertdialog" aria-labelledby={`${id}-confirm`}>
            <p id={`${id}-confirm`}>{t('closureDeleteConfirm', { reason: closure.reason })}</p>
            <div className="form-actions">
              <button
                type="button"
                className="danger"
                disabled={state.loading}
                onClick={() => void remove({ variables: { input: { closureId: closure.id } } }).catch(() => null)}
              >
                {t('closureDelete')}
              </button>
              <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                {t('staffCancel')}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" className="secondary" aria-label={t('closureDeleteOf', { reason: closure.reason })} onClick={() => setConfirming(true)}>
            {t('closureDelete')}
          </button>
        )}
        <FormErrors errors={errors} />
        {state.error ? <ErrorNotice error={state.error} /> : null}
      </td> : null}
    </tr>
  );
}

/** The appointments inside a closure: who, when, with whom, each a link to move it. */
function AppointmentList({ appointments }: { appointments: readonly ClosureAppointmentFragment[] }) {
  const { t, nameOf, formatDateTime } = useLocale();
  if (appointments.length === 0) return <span className="hint">{t('closureNoAppointments')}</span>;
  return (
    <ul className="closure-appointments">
      {appointments.map((appointment) => (
        <li key={appointment.id}>
          <Link to={`/appointments/${encodeURIComponent(appointment.id)}`}>
            {formatDateTime(appointment.startsAt, appointment.clinic.timeZone)}, {nameOf(appointment.patient)}
          </Link>{' '}
          <span className="hint">
            ({nameOf({ name: appointment.provider.name, nameAr: appointment.provider.nameAr })}, {t(`appt_${appointment.status}`)})
          </span>
        </li>
      ))}
    </ul>
  );
}

function AddClosure({ clinics }: { clinics: readonly Clinic[] }) {
  const { t } = useLocale();
  const id = useId();
  const [clinicId, setClinicId] = useState('');
  const [startDate, setStartDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const [reason, setReason] = useState('');
  const [create, state] = useMutation(CreateClosureMutationDocument, { refetchQueries: ['ClosuresRouteQuery'], awaitRefetchQueries: true });
  const answer = state.data?.createClosure;
  const errors = answer?.userErrors ?? [];
  const errorsOf = (field: string) => fieldErrors(errors, field);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create({
      variables: { input: { clinicId: clinicId || null, startDate, endDate: endDate || startDate, reason } },
    }).catch(() => null);
    if (result?.data?.createClosure.closure) {
      setStartDate('');
      setEndDate('');
      setReason('');
    }
  };

  return (
    <form className="panel settings-form" aria-labelledby={`${id}-heading`} onSubmit={(e) => void submit(e)}>
      <h2 id={`${id}-heading`}>{t('closureAdd')}</h2>
      <FormErrors errors={otherErrors(errors, ['clinicId', 'startDate', 'endDate', 'reason'])} />
      <div className="field">
        <label htmlFor={`${id}-clinic`}>{t('closureClinic')}</label>
        <select id={`${id}-clinic`} value={clinicId} onChange={(e) => setClinicId(e.target.value)} {...invalidFieldProps(`${id}-clinic-error`, errorsOf('clinicId'))}>
          <option value="">{t('closureAllClinics')}</option>
          {clinics.map((clinic) => (
            <ClinicOption key={clinic.id} clinic={clinic} />
          ))}
        </select>
        <FieldError id={`${id}-clinic-error`} errors={errorsOf('clinicId')} />
      </div>
      <div className="inline-fields">
        <div className="field">
          <label htmlFor={`${id}-start`}>{t('closureFirstDay')}</label>
          <input
            id={`${id}-start`}
            type="date"
            required
            value={startDate}
            onChange={(e) => setStartDate(e.target.value)}
            {...invalidFieldProps(`${id}-start-error`, errorsOf('startDate'))}
          />
          <FieldError id={`${id}-start-error`} errors={errorsOf('startDate')} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-end`}>{t('closureLastDay')}</label>
          <input
            id={`${id}-end`}
            type="date"
            value={endDate}
            min={startDate || undefined}
            onChange={(e) => setEndDate(e.target.value)}
            aria-describedby={errorsOf('endDate').length ? `${id}-end-error` : `${id}-end-hint`}
            aria-invalid={errorsOf('endDate').length > 0}
          />
          <p className="hint" id={`${id}-end-hint`}>
            {t('closureLastDayHint')}
          </p>
          <FieldError id={`${id}-end-error`} errors={errorsOf('endDate')} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('closureReason')}</label>
        <input
          id={`${id}-reason`}
          required
          maxLength={200}
          value={reason}
          placeholder={t('closureReasonExample')}
          onChange={(e) => setReason(e.target.value)}
          {...invalidFieldProps(`${id}-reason-error`, errorsOf('reason'))}
        />
        <FieldError id={`${id}-reason-error`} errors={errorsOf('reason')} />
      </div>
      <div className="form-actions">
        <button type="submit" disabled={state.loading}>
          {t('closureCreate')}
        </button>
      </div>
      <div role="status">
        {answer?.closure ? (
          <div className={answer.affectedAppointments.length ? 'notice' : 'notice notice-success'}>
            <p>
              <strong>
                {t('closureCreated', { reason: answer.closure.reason })}{' '}
                {t('closureAffected', { count: answer.affectedAppointments.length })}
              </strong>
            </p>
            <AppointmentList appointments={answer.affectedAppointments} />
          </div>
        ) : null}
      </div>
      {state.error ? <ErrorNotice error={state.error} /> : null}
    </form>
  );
}

function ClinicOption({ clinic }: { clinic: Clinic }) {
  const { nameOf } = useLocale();
  return <option value={clinic.id}>{nameOf(clinic)}</option>;
}
