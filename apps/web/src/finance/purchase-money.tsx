import { type FragmentType } from '@apollo/client';
import { useFragment, useMutation } from '@apollo/client/react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, useOutletContext } from 'react-router';
import { CancelPackagePurchaseMutationDocument, PurchaseMoney_PurchaseFragmentDoc } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { ErrorNotice, fieldErrors, FieldError, FormErrors, invalidFieldProps, otherErrors } from '../layout/states';
import { type Viewer } from '../layout/viewer';
import { amountInput, useMoney } from './money';

/**
 * The money side of a purchase on its card: what is refunded, its invoice, and cancelling it with
 * a refund (for those whose role may), after a confirmation that states the consequence.
 */
export function PurchaseMoney({ purchase }: { purchase: FragmentType<typeof PurchaseMoney_PurchaseFragmentDoc> }) {
  const { t } = useLocale();
  const money = useMoney();
  // The signed-in person, when the card is shown inside the app's shell.
  const viewer = useOutletContext<Viewer | undefined>();
  const { data, complete } = useFragment({ fragment: PurchaseMoney_PurchaseFragmentDoc, from: purchase });
  if (!complete) return null;
  const currency = data.invoice.currency;
  const mayCancel = data.status === 'ACTIVE' && (viewer?.permissions.includes('cancelPackagePurchase') ?? false);
  const refunded = data.refunded !== '0.00';

  return (
    <>
      {refunded ? (
        <p className="purchase-refunded">{t('purchaseRefunded', { amount: money(data.refunded, currency) })}</p>
      ) : null}
      {viewer?.permissions.includes('readInvoices') ? (
        <p className="no-print">
          <Link to={`/invoices/${encodeURIComponent(data.invoice.id)}`}>{t('openInvoiceLink', { number: data.invoice.number })}</Link>
        </p>
      ) : null}
      {mayCancel ? <CancelWithRefund purchaseId={data.id} packageName={data.package} liability={data.liability} currency={currency} /> : null}
    </>
  );
}

function CancelWithRefund({
  purchaseId,
  packageName,
  liability,
  currency,
}: {
  purchaseId: string;
  packageName: { nameEn: string; nameAr: string | null };
  liability: string;
  currency: string;
}) {
  const { t, nameOf } = useLocale();
  const money = useMoney();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const [refund, setRefund] = useState(liability);
  const [reason, setReason] = useState('');
  const [cancel, state] = useMutation(CancelPackagePurchaseMutationDocument);
  const userErrors = state.data?.cancelPackagePurchase.userErrors ?? [];
  const refundErrors = fieldErrors(userErrors, 'refundAmount');
  const reasonErrors = fieldErrors(userErrors, 'reason');
  const typedRefund = amountInput(refund);

  const open = () => {
    state.reset();
    setRefund(liability);
    dialogRef.current?.showModal();
  };
  const close = () => {
    dialogRef.current?.close();
    openerRef.current?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await cancel({
      variables: { input: { packagePurchaseId: purchaseId, reason, refundAmount: typedRefund || null } },
      refetchQueries: ['PatientRouteQuery', 'PackageProgressRouteQuery'],
    }).catch(() => null);
    const after = result?.data?.cancelPackagePurchase;
    if (after?.packagePurchase && after.userErrors.length === 0) dialogRef.current?.close();
  };

  return (
    <>
      <button ref={openerRef} type="button" className="secondary" onClick={open}>
        {t('cancelWithRefund')}
      </button>
      <dialog ref={dialogRef} className="money-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-consequence`} onClose={() => openerRef.current?.focus()}>
        <form onSubmit={(e) => void submit(e)}>
          <h2 id={`${id}-title`}>{t('cancelWithRefundTitle', { name: nameOf(packageName) })}</h2>
          <p id={`${id}-consequence`} className="notice consequence">
            {t('cancelConsequence', { refund: money(/^\d+(\.\d+)?$/.test(typedRefund) ? typedRefund : liability, currency), liability: money(liability, currency) })}
          </p>
          <div className="field">
            <label htmlFor={`${id}-refund`}>
              {t('refundAmount')} ({currency})
            </label>
            <input
              id={`${id}-refund`}
              inputMode="decimal"
              dir="ltr"
              autoComplete="off"
              value={refund}
              onChange={(e) => setRefund(e.target.value)}
              {...invalidFieldProps(`${id}-refund-error`, refundErrors.map((e) => e.code))}
            />
            <FieldError id={`${id}-refund-error`} errors={refundErrors} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('voidReason')}</label>
            <textarea
              id={`${id}-reason`}
              required
              maxLength={2000}
              dir="auto"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              {...invalidFieldProps(`${id}-reason-error`, reasonErrors.map((e) => e.code))}
            />
            <FieldError id={`${id}-reason-error`} errors={reasonErrors} />
          </div>
          <FormErrors errors={otherErrors(userErrors, ['refundAmount', 'reason'])} />
          {state.error ? <ErrorNotice error={state.error} /> : null}
          <div className="form-actions">
            <button type="submit" className="danger" disabled={state.loading || !reason.trim()}>
              {t('confirmCancelWithRefund')}
            </button>
            <button type="button" className="secondary" onClick={close}>
              {t('goBackMoney')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
