import { type FragmentType } from '@apollo/client';
import { useFragment, useMutation, useQuery } from '@apollo/client/react';
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import {
  ExpiryAfterFreezeQueryDocument,
  ExtendPackagePurchaseMutationDocument,
  FreezePackagePurchaseMutationDocument,
  PurchaseLife_PurchaseFragmentDoc,
  TransferPackagePurchaseMutationDocument,
  TransferPatientsQueryDocument,
  type PackagePurchaseAction,
} from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { ErrorNotice, fieldErrors, FieldError, FormErrors, invalidFieldProps, otherErrors, type FieldUserError } from '../layout/states';

const REFETCH = ['PatientRouteQuery', 'PackageProgressRouteQuery'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Named = { nameEn: string; nameAr: string | null };

/**
 * A purchase's life beyond use, on its card: its pauses, where its sessions went or came from,
 * and freezing, extending or transferring it, each offered only when the server lists it in
 * `allowedActions`, after a confirmation that states the consequence.
 */
export function PurchaseLife({ purchase }: { purchase: FragmentType<typeof PurchaseLife_PurchaseFragmentDoc> }) {
  const { t, nameOf, formatDate } = useLocale();
  const [notice, setNotice] = useState('');
  const { data, complete } = useFragment({ fragment: PurchaseLife_PurchaseFragmentDoc, from: purchase });
  if (!complete) return null;
  const offered = (action: PackagePurchaseAction) => data.allowedActions.includes(action);

  return (
    <div className="purchase-life">
      {data.frozenDays > 0 ? (
        <div className="purchase-freezes">
          <p className="purchase-frozen">{t('frozenDaysTotal', { days: data.frozenDays })}</p>
          <ul>
            {data.freezes.map((freeze) => (
              <li key={freeze.startDate}>
                {t('freezePeriod', { from: formatDate(freeze.startDate), to: formatDate(freeze.endDate), days: freeze.days })}
                {' '}
                <span dir="auto">({freeze.reason})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {data.transferredTo ? (
        <p className="purchase-transfer">
          {t('transferredToLabel')}{' '}
          <Link to={`/patients/${encodeURIComponent(data.transferredTo.patient.id)}`}>{nameOf(data.transferredTo.patient)}</Link>
        </p>
      ) : null}
      {data.transferredFrom ? (
        <p className="purchase-transfer">
          {t('transferredFromLabel')}{' '}
          <Link to={`/patients/${encodeURIComponent(data.transferredFrom.patient.id)}`}>{nameOf(data.transferredFrom.patient)}</Link>
        </p>
      ) : null}
      <div role="status" className="purchase-life-notice">
        {notice ? <p className="notice notice-success">{notice}</p> : null}
      </div>
      {offered('FREEZE') || offered('EXTEND') || offered('TRANSFER') ? (
        <div className="card-actions">
          {offered('FREEZE') ? (
            <FreezeDialog purchaseId={data.id} packageName={data.package} expiryDate={data.expiryDate} timeZone={data.package.clinic.timeZone} onDone={setNotice} />
          ) : null}
          {offered('EXTEND') ? <ExtendDialog purchaseId={data.id} packageName={data.package} expiryDate={data.expiryDate} onDone={setNotice} /> : null}
          {offered('TRANSFER') ? (
            <TransferDialog
              purchaseId={data.id}
              packageName={data.package}
              fromPatientId={data.patient.id}
              sessions={data.sessionsRemaining}
              expiryDate={data.expiryDate}
              onDone={setNotice}
            />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** A button that opens a modal dialog with a form; focus goes back to the button on close. */
function ActionDialog({
  label,
  title,
  consequence,
  children,
  onOpen,
  onSubmit,
}: {
  label: string;
  title: string;
  consequence: ReactNode;
  children: (close: () => void) => ReactNode;
  onOpen: () => void;
  onSubmit: (event: FormEvent, close: () => void) => void;
}) {
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const close = () => {
    dialogRef.current?.close();
    openerRef.current?.focus();
  };
  return (
    <>
      <button
        ref={openerRef}
        type="button"
        className="secondary"
        onClick={() => {
          onOpen();
          dialogRef.current?.showModal();
        }}
      >
        {label}
      </button>
      <dialog ref={dialogRef} className="money-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-consequence`} onClose={() => openerRef.current?.focus()}>
        <form onSubmit={(event) => onSubmit(event, close)}>
          <h2 id={`${id}-title`}>{title}</h2>
          <div id={`${id}-consequence`} className="notice consequence">
            {consequence}
          </div>
          {children(close)}
        </form>
      </dialog>
    </>
  );
}

function ReasonField({ value, onChange, errors }: { value: string; onChange: (value: string) => void; errors: readonly FieldUserError[] }) {
  const { t } = useLocale();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={`${id}-reason`}>{t('lifeReason')}</label>
      <textarea
        id={`${id}-reason`}
        required
        maxLength={2000}
        dir="auto"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...invalidFieldProps(`${id}-reason-error`, errors.map((e) => e.code))}
      />
      <FieldError id={`${id}-reason-error`} errors={errors} />
    </div>
  );
}

function DateField({ label, value, onChange, errors }: { label: string; value: string; onChange: (value: string) => void; errors: readonly FieldUserError[] }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={`${id}-date`}>{label}</label>
      <input
        id={`${id}-date`}
        type="date"
        required
        dir="ltr"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...invalidFieldProps(`${id}-date-error`, errors.map((e) => e.code))}
      />
      <FieldError id={`${id}-date-error`} errors={errors} />
    </div>
  );
}

function Buttons({ confirm, disabled, close }: { confirm: string; disabled: boolean; close: () => void }) {
  const { t } = useLocale();
  return (
    <div className="form-actions">
      <button type="submit" className="danger" disabled={disabled}>
        {confirm}
      </button>
      <button type="button" className="secondary" onClick={close}>
        {t('goBackMoney')}
      </button>
    </div>
  );
}

/** The appointments a refused freeze names, each with its time in the clinic's zone. */
function AppointmentsInFreeze({ error, timeZone }: { error: FieldUserError; timeZone: string }) {
  const { t, formatDateTime } = useLocale();
  const param = (name: string) => error.params?.find((p) => p.name === name)?.value ?? '';
  const numbers = param('appointments').split(', ').filter(Boolean);
  const starts = param('startsAt').split(', ');
  return (
    <div className="state state-error" role="alert">
      <p>{t('error_APPOINTMENTS_IN_FREEZE')}</p>
      <ul>
        {numbers.map((number, index) => (
          <li key={number}>
            {starts[index] ? t('appointmentInFreeze', { number, when: formatDateTime(starts[index], timeZone) }) : number}
          </li>
        ))}
      </ul>
    </div>
  );
}

function FreezeDialog({
  purchaseId,
  packageName,
  expiryDate,
  timeZone,
  onDone,
}: {
  purchaseId: string;
  packageName: Named;
  expiryDate: string;
  timeZone: string;
  onDone: (notice: string) => void;
}) {
  const { t, nameOf, formatDate } = useLocale();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [freeze, state] = useMutation(FreezePackagePurchaseMutationDocument);
  const datesTyped = DATE.test(from) && DATE.test(to);
  // The server says what the expiry would become: the web app computes no rule of its own.
  const preview = useQuery(ExpiryAfterFreezeQueryDocument, { variables: { id: purchaseId, from, to }, skip: !datesTyped, fetchPolicy: 'network-only' });
  const node = preview.data?.node;
  const newExpiry = datesTyped && node?.__typename === 'PackagePurchase' ? node.expiryAfterFreeze : null;
  const userErrors = state.data?.freezePackagePurchase.userErrors ?? [];
  const inFreeze = userErrors.find((e) => e.code === 'APPOINTMENTS_IN_FREEZE');

  const submit = async (event: FormEvent, close: () => void) => {
    event.preventDefault();
    const result = await freeze({ variables: { input: { packagePurchaseId: purchaseId, from, to, reason } }, refetchQueries: REFETCH }).catch(() => null);
    const after = result?.data?.freezePackagePurchase;
    if (after?.packagePurchase && after.userErrors.length === 0) {
      close();
      onDone(t('frozenNotice', { from: formatDate(from), to: formatDate(to), expiry: formatDate(after.packagePurchase.expiryDate) }));
    }
  };

  return (
    <ActionDialog
      label={t('freezePackage')}
      title={t('freezeTitle', { name: nameOf(packageName) })}
      onOpen={() => state.reset()}
      onSubmit={(event, close) => void submit(event, close)}
      consequence={
        <>
          <p>{t('freezeConsequence')}</p>
          <p>
            {newExpiry
              ? t('freezeNewExpiry', { current: formatDate(expiryDate), expiry: formatDate(newExpiry) })
              : t('freezeCurrentExpiry', { current: formatDate(expiryDate) })}
          </p>
        </>
      }
    >
      {(close) => (
        <>
          <DateField label={t('freezeFrom')} value={from} onChange={setFrom} errors={fieldErrors(userErrors, 'from').filter((e) => e !== inFreeze)} />
          <DateField label={t('freezeTo')} value={to} onChange={setTo} errors={fieldErrors(userErrors, 'to')} />
          <ReasonField value={reason} onChange={setReason} errors={fieldErrors(userErrors, 'reason')} />
          {inFreeze ? <AppointmentsInFreeze error={inFreeze} timeZone={timeZone} /> : null}
          <FormErrors errors={otherErrors(userErrors, ['from', 'to', 'reason'])} />
          {state.error ? <ErrorNotice error={state.error} /> : null}
          <Buttons confirm={t('confirmFreeze')} disabled={state.loading || !reason.trim() || !datesTyped} close={close} />
        </>
      )}
    </ActionDialog>
  );
}

function ExtendDialog({ purchaseId, packageName, expiryDate, onDone }: { purchaseId: string; packageName: Named; expiryDate: string; onDone: (notice: string) => void }) {
  const { t, nameOf, formatDate } = useLocale();
  const [expiry, setExpiry] = useState('');
  const [reason, setReason] = useState('');
  const [extend, state] = useMutation(ExtendPackagePurchaseMutationDocument);
  const userErrors = state.data?.extendPackagePurchase.userErrors ?? [];

  const submit = async (event: FormEvent, close: () => void) => {
    event.preventDefault();
    const result = await extend({ variables: { input: { packagePurchaseId: purchaseId, expiryDate: expiry, reason } }, refetchQueries: REFETCH }).catch(() => null);
    const after = result?.data?.extendPackagePurchase;
    if (after?.packagePurchase && after.userErrors.length === 0) {
      close();
      onDone(t('extendedNotice', { expiry: formatDate(after.packagePurchase.expiryDate) }));
    }
  };

  return (
    <ActionDialog
      label={t('extendPackage')}
      title={t('extendTitle', { name: nameOf(packageName) })}
      onOpen={() => state.reset()}
      onSubmit={(event, close) => void submit(event, close)}
      consequence={
        <p>
          {DATE.test(expiry)
            ? t('extendConsequence', { current: formatDate(expiryDate), expiry: formatDate(expiry) })
            : t('freezeCurrentExpiry', { current: formatDate(expiryDate) })}
        </p>
      }
    >
      {(close) => (
        <>
          <DateField label={t('extendNewExpiry')} value={expiry} onChange={setExpiry} errors={fieldErrors(userErrors, 'expiryDate')} />
          <ReasonField value={reason} onChange={setReason} errors={fieldErrors(userErrors, 'reason')} />
          <FormErrors errors={otherErrors(userErrors, ['expiryDate', 'reason'])} />
          {state.error ? <ErrorNotice error={state.error} /> : null}
          <Buttons confirm={t('confirmExtend')} disabled={state.loading || !reason.trim() || !DATE.test(expiry)} close={close} />
        </>
      )}
    </ActionDialog>
  );
}

function TransferDialog({
  purchaseId,
  packageName,
  fromPatientId,
  sessions,
  expiryDate,
  onDone,
}: {
  purchaseId: string;
  packageName: Named;
  fromPatientId: string;
  sessions: number;
  expiryDate: string;
  onDone: (notice: string) => void;
}) {
  const { t, nameOf, formatDate } = useLocale();
  const id = useId();
  const [search, setSearch] = useState('');
  const [toPatientId, setToPatientId] = useState('');
  const [reason, setReason] = useState('');
  const [opened, setOpened] = useState(false);
  const patients = useQuery(TransferPatientsQueryDocument, { variables: { search: search.trim() || null }, skip: !opened });
  const candidates = (patients.data?.patients ?? []).filter((patient) => patient.id !== fromPatientId);
  const [transfer, state] = useMutation(TransferPackagePurchaseMutationDocument);
  const userErrors = state.data?.transferPackagePurchase.userErrors ?? [];
  const patientErrors = fieldErrors(userErrors, 'toPatientId');

  const submit = async (event: FormEvent, close: () => void) => {
    event.preventDefault();
    const result = await transfer({ variables: { input: { packagePurchaseId: purchaseId, toPatientId, reason } }, refetchQueries: REFETCH }).catch(() => null);
    const after = result?.data?.transferPackagePurchase;
    if (after?.to && after.userErrors.length === 0) {
      close();
      onDone(t('transferredNotice', { count: sessions, name: nameOf(after.to.patient) }));
    }
  };

  return (
    <ActionDialog
      label={t('transferPackage')}
      title={t('transferTitle', { name: nameOf(packageName) })}
      onOpen={() => {
        state.reset();
        setOpened(true);
      }}
      onSubmit={(event, close) => void submit(event, close)}
      consequence={<p>{t('transferConsequence', { count: sessions, expiry: formatDate(expiryDate) })}</p>}
    >
      {(close) => (
        <>
          <div className="field">
            <label htmlFor={`${id}-search`}>{t('transferFindPatient')}</label>
            <input id={`${id}-search`} type="search" dir="auto" autoComplete="off" value={search} onChange={(e) => setSearch(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-patient`}>{t('transferToPatient')}</label>
            <select
              id={`${id}-patient`}
              required
              value={toPatientId}
              onChange={(e) => setToPatientId(e.target.value)}
              {...invalidFieldProps(`${id}-patient-error`, patientErrors.map((e) => e.code))}
            >
              <option value="">{t('transferChoosePatient')}</option>
              {candidates.map((patient) => (
                <option key={patient.id} value={patient.id}>
                  {nameOf(patient)} · {patient.mrn}
                </option>
              ))}
            </select>
            <FieldError id={`${id}-patient-error`} errors={patientErrors} />
          </div>
          <ReasonField value={reason} onChange={setReason} errors={fieldErrors(userErrors, 'reason')} />
          <FormErrors errors={otherErrors(userErrors, ['toPatientId', 'reason'])} />
          {state.error ? <ErrorNotice error={state.error} /> : null}
          <Buttons confirm={t('confirmTransfer')} disabled={state.loading || !reason.trim() || !toPatientId} close={close} />
        </>
      )}
    </ActionDialog>
  );
}
