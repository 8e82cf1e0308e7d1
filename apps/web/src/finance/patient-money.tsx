import { useQuery } from '@apollo/client/react';
import { useId } from 'react';
import { Link } from 'react-router';
import { PatientMoneyQueryDocument } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { useMoney } from './money';
import './finance.css';

/** What the patient owes and on which open invoices; nothing for someone who may not read invoices. */
export function PatientMoney({ patientId }: { patientId: string }) {
  const { t, nameOf } = useLocale();
  const money = useMoney();
  const id = useId();
  const { data } = useQuery(PatientMoneyQueryDocument, { variables: { patientId } });
  const patient = data?.node?.__typename === 'Patient' ? data.node : null;
  const currency = data?.invoices[0]?.currency;
  if (!data || !patient || patient.balance === null || !currency) return null;
  return (
    <section className="panel patient-money" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('openInvoices')}</h2>
      <dl className="facts facts-inline">
        <dt>{t('patientBalance')}</dt>
        <dd>{money(patient.balance, currency)}</dd>
      </dl>
      <ul className="plain-list">
          {data.invoices.map((invoice) => (
            <li key={invoice.id}>
              <Link to={`/invoices/${encodeURIComponent(invoice.id)}`}>{t('openInvoiceLink', { number: invoice.number })}</Link>
              {' — '}
              {nameOf(invoice.package)}, {t('invoiceBalance')}: {money(invoice.balance, invoice.currency)}
            </li>
          ))}
      </ul>
    </section>
  );
}
