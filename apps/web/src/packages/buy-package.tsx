import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMoney } from '../finance/money';
import {
  BuyPackageCatalogueQueryDocument,
  PatientMoneyQueryDocument,
  PayInvoiceMutationDocument,
  PurchasePackageMutationDocument,
} from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { invalidFieldProps, ErrorNotice, FieldError, FormErrors, Loading, otherErrors, fieldErrors } from '../layout/states';

/**
 * Sell a package: choose it from the catalogue, issue the invoice, then record the payment.
 * A package the patient already has an open invoice for is not invoiced again: the open one is
 * shown, to be paid (the server refuses a second with OPEN_INVOICE_EXISTS).
 */
export function BuyPackage({ patientId }: { patientId: string }) {
  const { t, nameOf, formatNumber } = useLocale();
  const [open, setOpen] = useState(false);
  const [packageId, setPackageId] = useState('');
  const statusRef = useRef<HTMLDivElement>(null);
  const selectId = useId();
  const catalogue = useQuery(BuyPackageCatalogueQueryDocument, { skip: !open });
  const openInvoices = useQuery(PatientMoneyQueryDocument, { variables: { patientId }, skip: !open });
  const currencyMoney = useMoney();
  const [purchase, purchaseState] = useMutation(PurchasePackageMutationDocument);
  const [pay, payState] = useMutation(PayInvoiceMutationDocument);
  const invoice = purchaseState.data?.purchasePackage.invoice ?? null;
  const paidInvoice = payState.data?.payInvoice.invoice ?? null;
  const money = (amount: string) => formatNumber(Number(amount));

  const focusStatus = () => setTimeout(() => statusRef.current?.focus(), 0);

  const issue = async (event: FormEvent) => {
    event.preventDefault();
    payState.reset();
    await purchase({
      variables: { input: { patientId, packageId } },
      refetchQueries: ['PatientMoneyQuery'],
    }).catch(() => null);
    focusStatus();
  };

  const markPaid = async () => {
    if (!invoice) return;
    await pay({
      variables: { input: { invoiceId: invoice.id } },
      refetchQueries: ['PatientRouteQuery', 'PatientMoneyQuery'],
      awaitRefetchQueries: true,
    }).catch(() => null);
    focusStatus();
  };

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('buyPackage')}
      </button>
    );
  }

  const purchaseErrors = purchaseState.data?.purchasePackage.userErrors;
  const packageErrors = fieldErrors(purchaseErrors, 'packageId');
  const alreadyOpen = openInvoices.data?.invoices.find((item) => item.package.id === packageId && item.id !== invoice?.id) ?? null;

  return (
    <section className="panel buy-package" aria-labelledby={`${selectId}-heading`}>
      <h3 id={`${selectId}-heading`}>{t('buyPackage')}</h3>
      {catalogue.loading ? <Loading /> : null}
      {catalogue.error ? <ErrorNotice error={catalogue.error} onRetry={() => void catalogue.refetch()} /> : null}
      {catalogue.data ? (
        <form onSubmit={(e) => void issue(e)}>
          <FormErrors errors={otherErrors(purchaseErrors, ['packageId'])} />
          <div className="field">
            <label htmlFor={selectId}>{t('catalogue')}</label>
            <select
              id={selectId}
              required
              value={packageId}
              onChange={(e) => setPackageId(e.target.value)}
              {...invalidFieldProps(`${selectId}-error`, packageErrors)}
            >
              <option value="">{t('choosePackage')}</option>
              {catalogue.data.packages.map((item) => (
                <option key={item.id} value={item.id}>
                  {t('packageOption', { name: nameOf(item), sessions: item.totalSessions, days: item.validityDays, price: money(item.price) })}
                </option>
              ))}
            </select>
            <FieldError id={`${selectId}-error`} errors={packageErrors} />
          </div>
          {alreadyOpen ? (
            <div className="notice" role="status">
              <p>{t('openInvoiceExists', { number: alreadyOpen.number, balance: currencyMoney(alreadyOpen.balance, alreadyOpen.currency) })}</p>
              <Link className="button" to={`/invoices/${encodeURIComponent(alreadyOpen.id)}`}>
                {t('openInvoiceLink', { number: alreadyOpen.number })}
              </Link>
            </div>
          ) : null}
          <div className="form-actions">
            <button type="submit" disabled={!packageId || alreadyOpen !== null || purchaseState.loading || (invoice !== null && !paidInvoice)}>
              {t('issueInvoice')}
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              {t('close')}
            </button>
          </div>
        </form>
      ) : null}
      <div ref={statusRef} tabIndex={-1} role="status" className="buy-status">
        {purchaseState.error ? <ErrorNotice error={purchaseState.error} /> : null}
        {invoice && !paidInvoice ? (
          <div className="notice">
            <p>{t('invoiceIssued', { number: invoice.number, total: currencyMoney(invoice.total, invoice.currency) })}</p>
            <button type="button" disabled={payState.loading} onClick={() => void markPaid()}>
              {t('markPaid')}
            </button>{' '}
            <Link className="button secondary" to={`/invoices/${encodeURIComponent(invoice.id)}`}>
              {t('takePayment')}
            </Link>
          </div>
        ) : null}
        {payState.data ? <FormErrors errors={payState.data.payInvoice.userErrors} /> : null}
        {payState.error ? <ErrorNotice error={payState.error} /> : null}
        {paidInvoice ? <p className="notice notice-success">{t('invoicePaid', { number: paidInvoice.number })}</p> : null}
      </div>
    </section>
  );
}
