import { type FragmentType } from '@apollo/client';
import { useFragment } from '@apollo/client/react';
import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';
import { AppointmentRow_AppointmentFragmentDoc } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import type { MessageKey } from '../i18n/messages';
import './appointments.css';
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

const HEADERS = {
  session: 'session',
  number: 'number',
  when: 'when',
  patient: 'patient',
  provider: 'provider',
  service: 'service',
  package: 'packageColumn',
  status: 'statusLabel',
} as const satisfies Record<AppointmentColumn, MessageKey>;

/**
 * A list of appointments, a row each, in the columns given. Put the status second: on a phone
 * (`appointment-table`: no cell wraps) each row stays one line with its status in view, and the
 * columns after it scroll inside the table, never the page.
 */
export function AppointmentTable({
  appointments,
  columns,
  caption,
}: {
  appointments: readonly (FragmentType<typeof AppointmentRow_AppointmentFragmentDoc> & { id: string })[];
  columns: readonly AppointmentColumn[];
  caption?: ReactNode;
}) {
  const { t } = useLocale();
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="data-table appointment-table">
        {caption !== undefined ? <caption>{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {t(HEADERS[c])}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {appointments.map((a) => (
            <AppointmentRow key={a.id} appointment={a} columns={columns} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
