import { useSuspenseQuery } from '@apollo/client/react';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { InvoiceRouteQueryDocument } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { DataTable } from '../layout/data-table';
import { NotFoundError } from '../layout/route-error';
import { EmptyState, PageHeading } from '../layout/states';
import { useViewer } from '../layout/viewer';
import { InvoiceTotals } from './invoice-totals';
import { useMoney } from './money';
import { TakePayment } from './take-payment';
import { VoidInvoice } from './void-invoice';
import './finance.css';

/** /invoices/:id: what is owed and paid, its payments, taking a payment, voiding, the receipt. */
export function InvoiceRoute() {
  const { invoiceId = '' } = useParams();
  const { t, nameOf, formatDateTime } = useLocale();
  const money = useMoney();
  const viewer = useViewer();
  const { data } = useSuspenseQuery(InvoiceRouteQueryDocument, { variables: { id: invoiceId } });
  const invoice = data.node;
  if (!invoice || invoice.__typename !== 'Invoice') throw new NotFoundError(invoiceId);
  const timeZone = invoice.package.clinic.timeZone;
  const may = (permission: string) => viewer.permissions.includes(permission);
  const [notice, setNotice] = useState('');
  const noticeRef = useRef<HTMLDivElement>(null);
  const announce = (text: string) => {
    setNotice(text);
    setTimeout(() => noticeRef.current?.focus(), 0);
  };

  return (
    <section>
      <PageHeading>{t('invoiceTitle', { number: invoice.number })}</PageHeading>
      <dl className="facts facts-inline">
        <dt>{t('invoiceStatus')}</dt>
        <dd>
          <span className={`badge invoice-${invoice.status.toLowerCase()}`}>{t(`invoice_${invoice.status}`)}</span>
        </dd>
        <dt>{t('invoicePatient')}</dt>
        <dd>
          <Link to={`/patients/${encodeURIComponent(invoice.patient.id)}`}>{nameOf(invoice.patient)}</Link>
        </dd>
        <dt>{t('issuedOn')}</dt>
        <dd>{formatDateTime(invoice.issuedAt, timeZone)}</dd>
        {invoice.paidAt ? (
          <>
            <dt>{t('invoicePaidOn')}</dt>
            <dd>{formatDateTime(invoice.paidAt, timeZone)}</dd>
          </>
        ) : null}
      </dl>
      <div ref={noticeRef} tabIndex={-1} role="status" className="invoice-notice">
        {notice ? <p className="notice notice-success">{notice}</p> : null}
      </div>
      <div className="money-grid">
        <div className="panel">
          <h2>{nameOf(invoice.package)}</h2>
          <InvoiceTotals invoice={invoice} />
          {invoice.status !== 'VOID' ? (
            <div className="card-actions">
              <Link className="button secondary" to={`/invoices/${encodeURIComponent(invoice.id)}/receipt`}>
                {t('viewReceipt')}
              </Link>
            </div>
          ) : null}
        </div>
        <div>
          {invoice.status === 'ISSUED' && may('recordPayment') ? <TakePayment invoice={invoice} onRecorded={announce} /> : null}
          {invoice.canVoid ? <VoidInvoice invoice={invoice} onVoided={announce} /> : null}
        </div>
      </div>
      <h2>{t('paymentsTitle')}</h2>
      {invoice.payments.length === 0 ? (
        <EmptyState>{t('noPayments')}</EmptyState>
      ) : (
        <DataTable
          rows={invoice.payments}
          rowKey={(payment) => payment.id}
          columns={[
            { key: 'received', header: t('paymentReceived'), cell: (payment) => formatDateTime(payment.receivedAt, timeZone) },
            { key: 'method', header: t('paymentMethod'), cell: (payment) => t(`method_${payment.method}`) },
            { key: 'reference', header: t('paymentReference'), cell: (payment) => payment.reference ?? '—', dir: 'auto' },
            { key: 'amount', header: t('paymentAmount'), className: 'amount', cell: (payment) => money(payment.amount, invoice.currency) },
          ]}
        />
      )}
    </section>
  );
}
