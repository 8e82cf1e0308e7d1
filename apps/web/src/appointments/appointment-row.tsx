import { type FragmentType } from '@apollo/client';
import { useFragment } from '@apollo/client/react';
import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';
import { AppointmentRow_AppointmentFragmentDoc } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { StatusBadge } from './status-badge';

export type AppointmentColumn = 'session' | 'number' | 'when' | 'patient' | 'provider' | 'service' | 'package' | 'status';

/** One appointment as a table row; the columns shown depend on the table. */
export function AppointmentRow({
  appointment,
  columns,
}: {
  appointment: FragmentType<typeof AppointmentRow_AppointmentFragmentDoc>;
  columns: readonly AppointmentColumn[];
}) {
  const { t, nameOf, formatDateTime } = useLocale();
  const { data: a, complete } = useFragment({ fragment: AppointmentRow_AppointmentFragmentDoc, from: appointment });
  if (!complete) return null;
  const url = `/appointments/${encodeURIComponent(a.id)}`;
  const cells: Record<AppointmentColumn, () => ReactNode> = {
    session: () => (
      <th scope="row">
        <Link to={url}>{t('sessionN', { n: a.sessionNumberInPackage ?? 0 })}</Link>
      </th>
    ),
    number: () => (
      <th scope="row" dir="ltr">
        <Link to={url}>{a.number}</Link>
      </th>
    ),
    when: () => <td className="nowrap">{formatDateTime(a.startsAt, a.clinic.timeZone)}</td>,
    patient: () => (
      <td>
        <Link to={`/patients/${encodeURIComponent(a.patient.id)}`}>{nameOf(a.patient)}</Link>
      </td>
    ),
    provider: () => <td>{nameOf(a.provider)}</td>,
    service: () => <td>{nameOf(a.service)}</td>,
    package: () => (
      <td>
        {a.packagePurchase && a.sessionNumberInPackage ? (
          <Link to={`/purchases/${encodeURIComponent(a.packagePurchase.id)}`}>
            {t('packageLabel', {
              name: nameOf(a.packagePurchase.package),
              n: a.sessionNumberInPackage,
              total: a.packagePurchase.totalSessions,
            })}
          </Link>
        ) : (
          '—'
        )}
      </td>
    ),
    status: () => (
      <td>
        <StatusBadge status={a.status} />
      </td>
    ),
  };
  return (
    <tr>
      {columns.map((c) => (
        <Fragment key={c}>{cells[c]()}</Fragment>
      ))}
    </tr>
  );
}
