import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { InvoiceKind, InvoiceStatus } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { DataTable, type Column } from '../layout/data-table';
import { useMoney } from './money';
import './finance.css';

interface Named {
  id: string;
  nameEn: string;
  nameAr: string | null;
}

/** What a row shows; a column reads only its own fields, so a list fetches what its columns show. */
export interface InvoiceTableRow {
  id: string;
  number: string;
  status: InvoiceStatus;
  issuedAt: string;
  currency: string;
  total: string;
  balance: string;
  amountPaid?: string;
  kind?: InvoiceKind;
  patient?: Named;
  package: Named & { clinic: { timeZone: string } };
}

/**
 * `number` links to the invoice; `package` names the package, `purpose` says too when the
 * invoice is a fee (a late cancellation, a no-show) charged on it.
 */
export type InvoiceColumn = 'number' | 'issued' | 'patient' | 'package' | 'purpose' | 'status' | 'total' | 'paid' | 'balance';

/** A list of invoices, in the columns the screen asks for, each number linked to its invoice. */
export function InvoiceTable({
  invoices,
  columns,
  caption,
  className,
  headers = {},
}: {
  invoices: readonly InvoiceTableRow[];
  columns: readonly InvoiceColumn[];
  caption?: ReactNode;
  className: string;
  /** Headers in other words than the invoices screen's (e.g. a plain "Status" inside a patient's invoices). */
  headers?: Partial<Record<InvoiceColumn, string>>;
}) {
  const { t, nameOf, formatDateTime } = useLocale();
  const money = useMoney();
  const all: Record<InvoiceColumn, Column<InvoiceTableRow>> = {
    number: {
      key: 'number',
      header: t('invoiceNumber'),
      rowHeader: true,
      cell: (invoice) => (
        <Link to={`/invoices/${encodeURIComponent(invoice.id)}`} dir="ltr">
          {invoice.number}
        </Link>
      ),
    },
    issued: { key: 'issued', header: t('issuedOn'), cellClassName: 'nowrap', cell: (invoice) => formatDateTime(invoice.issuedAt, invoice.package.clinic.timeZone) },
    patient: {
      key: 'patient',
      header: t('invoicePatient'),
      cell: (invoice) => (invoice.patient ? <Link to={`/patients/${encodeURIComponent(invoice.patient.id)}`}>{nameOf(invoice.patient)}</Link> : null),
    },
    package: { key: 'package', header: t('invoicePackage'), cell: (invoice) => nameOf(invoice.package) },
    purpose: {
      key: 'purpose',
      header: t('patientInvoiceFor'),
      cell: (invoice) => (invoice.kind === 'FEE' ? t('patientInvoiceFee', { package: nameOf(invoice.package) }) : nameOf(invoice.package)),
    },
    status: {
      key: 'status',
      header: t('invoiceStatus'),
      cell: (invoice) => <span className={`badge invoice-${invoice.status.toLowerCase()}`}>{t(`invoice_${invoice.status}`)}</span>,
    },
    total: { key: 'total', header: t('invoiceTotal'), className: 'amount', cell: (invoice) => money(invoice.total, invoice.currency) },
    paid: { key: 'paid', header: t('invoicePaidAmount'), className: 'amount', cell: (invoice) => (invoice.amountPaid === undefined ? null : money(invoice.amountPaid, invoice.currency)) },
    balance: { key: 'balance', header: t('invoiceBalance'), className: 'amount', cell: (invoice) => money(invoice.balance, invoice.currency) },
  };
  return <DataTable rows={invoices} rowKey={(invoice) => invoice.id} columns={columns.map((column) => ({ ...all[column], header: headers[column] ?? all[column].header }))} caption={caption} className={className} />;
}
