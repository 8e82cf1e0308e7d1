import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { VoidInvoiceMutationDocument } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { ErrorNotice, fieldErrors, FieldError, FormErrors, invalidFieldProps, otherErrors } from '../layout/states';
import { useMoney } from './money';

interface VoidableInvoice {
  id: string;
  number: string;
  currency: string;
  total: string;
}

/** Void an unpaid invoice with a reason, after a confirmation that states what it means. */
export function VoidInvoice({ invoice, onVoided }: { invoice: VoidableInvoice; onVoided: (notice: string) => void }) {
  const { t } = useLocale();
  const money = useMoney();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [voidInvoice, state] = useMutation(VoidInvoiceMutationDocument);
  const userErrors = state.data?.voidInvoice.userErrors ?? [];
  const reasonErrors = fieldErrors(userErrors, 'reason');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await voidInvoice({
      variables: { input: { invoiceId: invoice.id, reason } },
      refetchQueries: ['InvoicesRouteQuery', 'PatientRouteQuery'],
    }).catch(() => null);
    const after = result?.data?.voidInvoice;
    if (after?.invoice && after.userErrors.length === 0) onVoided(t('invoiceVoided', { number: invoice.number }));
  };

  if (!open) {
    return (
      <div className="form-actions no-print">
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          {t('voidInvoice')}
        </button>
      </div>
    );
  }

  return (
    <section className="panel consequence" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('voidInvoice')}</h2>
      <p id={`${id}-consequence`}>{t('voidConsequence', { number: invoice.number, total: money(invoice.total, invoice.currency) })}</p>
      <form onSubmit={(e) => void submit(e)} aria-describedby={`${id}-consequence`}>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('voidReason')}</label>
          <textarea
            id={`${id}-reason`}
            required
            maxLength={500}
            dir="auto"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            {...invalidFieldProps(`${id}-reason-error`, reasonErrors.map((e) => e.code))}
          />
          <FieldError id={`${id}-reason-error`} errors={reasonErrors} />
        </div>
        <FormErrors errors={otherErrors(userErrors, ['reason'])} />
        {state.error ? <ErrorNotice error={state.error} /> : null}
        <div className="form-actions">
          <button type="submit" className="danger" disabled={state.loading || !reason.trim()}>
            {t('confirmVoid')}
          </button>
          <button type="button" className="secondary" onClick={() => setOpen(false)}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
