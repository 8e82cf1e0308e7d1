import { useMutation } from '@apollo/client/react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { RecordPaymentMutationDocument, type PaymentMethod } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { ErrorNotice, fieldErrors, FieldError, FormErrors, invalidFieldProps, otherErrors } from '../layout/states';
import { amountInput, useMoney } from './money';

const METHODS: PaymentMethod[] = ['CASH', 'CARD', 'BANK_TRANSFER', 'OTHER'];

interface PayableInvoice {
  id: string;
  currency: string;
  balance: string;
}

/** Money received against an invoice: all of the balance, or a part; the server refuses more. */
export function TakePayment({ invoice, onRecorded }: { invoice: PayableInvoice; onRecorded: (notice: string) => void }) {
  const { t } = useLocale();
  const money = useMoney();
  const id = useId();
  const statusRef = useRef<HTMLDivElement>(null);
  const [amount, setAmount] = useState(invoice.balance);
  const [method, setMethod] = useState<PaymentMethod>('CASH');
  const [reference, setReference] = useState('');
  const [record, state] = useMutation(RecordPaymentMutationDocument);
  const userErrors = state.data?.recordPayment.userErrors ?? [];
  const amountErrors = fieldErrors(userErrors, 'amount');
  const referenceErrors = fieldErrors(userErrors, 'reference');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const paid = amountInput(amount);
    const result = await record({
      variables: { input: { invoiceId: invoice.id, amount: paid, method, reference: reference.trim() || null } },
      refetchQueries: ['InvoicesRouteQuery', 'PatientRouteQuery'],
    }).catch(() => null);
    const after = result?.data?.recordPayment;
    if (after?.invoice && after.userErrors.length === 0) {
      const shown = money(paid, invoice.currency);
      onRecorded(
        after.invoice.status === 'PAID'
          ? t('paymentSettled', { amount: shown })
          : t('paymentRecorded', { amount: shown, balance: money(after.invoice.balance, invoice.currency) }),
      );
      setAmount(after.invoice.balance);
      setReference('');
      return;
    }
    setTimeout(() => statusRef.current?.focus(), 0);
  };

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('takePayment')}</h2>
      <p id={`${id}-hint`}>{t('takePaymentHint', { balance: money(invoice.balance, invoice.currency) })}</p>
      <form onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={`${id}-amount`}>
            {t('paymentAmount')} ({invoice.currency})
          </label>
          <input
            id={`${id}-amount`}
            inputMode="decimal"
            autoComplete="off"
            required
            dir="ltr"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            {...invalidFieldProps(`${id}-amount-error`, amountErrors.map((e) => e.code))}
            aria-describedby={amountErrors.length ? `${id}-amount-error` : `${id}-hint`}
          />
          <FieldError id={`${id}-amount-error`} errors={amountErrors} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-method`}>{t('paymentMethod')}</label>
          <select id={`${id}-method`} value={method} onChange={(e) => setMethod(e.target.value as PaymentMethod)}>
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`method_${m}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-reference`}>{t('paymentReference')}</label>
          <input
            id={`${id}-reference`}
            maxLength={200}
            dir="auto"
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            {...invalidFieldProps(`${id}-reference-error`, referenceErrors.map((e) => e.code))}
          />
          <FieldError id={`${id}-reference-error`} errors={referenceErrors} />
        </div>
        <div className="form-actions">
          <button type="submit" disabled={state.loading}>
            {t('recordPayment')}
          </button>
        </div>
      </form>
      <div ref={statusRef} tabIndex={-1} role="status">
        <FormErrors errors={otherErrors(userErrors, ['amount', 'reference'])} />
        {state.error ? <ErrorNotice error={state.error} /> : null}
      </div>
    </section>
  );
}
