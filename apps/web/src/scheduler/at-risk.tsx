import { useSuspenseQuery } from '@apollo/client/react';
import { useId } from 'react';
import { Link } from 'react-router';
import { AtRiskQueryDocument } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { EmptyState } from '../layout/states';

/** The desk's list of purchases that may not be delivered before they expire, soonest first, with the numbers behind each. */
export function AtRiskPackages({ clinicId }: { clinicId: string | null }) {
  const { t, nameOf, formatDate } = useLocale();
  const headingId = useId();
  const { data } = useSuspenseQuery(AtRiskQueryDocument, { variables: { clinicId }, fetchPolicy: 'cache-and-network' });
  const rows = data.atRiskPackages;
  return (
    <section aria-labelledby={headingId} className="waitlist-section">
      <h2 id={headingId}>{t('atRiskHeading')}</h2>
      {rows.length === 0 ? (
        <EmptyState>{t('atRiskEmpty')}</EmptyState>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table" aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col">{t('atRiskPatient')}</th>
                <th scope="col">{t('atRiskPackage')}</th>
                <th scope="col">{t('atRiskLevel')}</th>
                <th scope="col">{t('atRiskExpires')}</th>
                <th scope="col">{t('atRiskNumbers')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-testid="at-risk-row">
                  <td>
                    <Link to={`/purchases/${encodeURIComponent(row.id)}`}>{nameOf(row.patient)}</Link> <span dir="ltr">{row.patient.mrn}</span>
                  </td>
                  <td>{nameOf(row.package)}</td>
                  <td>
                    <span className={`risk-badge risk-${row.expiryRisk.level.toLowerCase()}`}>{t(`risk_${row.expiryRisk.level}`)}</span>
                  </td>
                  <td>{formatDate(row.expiryDate)}</td>
                  <td>
                    {t('riskNumbers', {
                      toPlace: row.expiryRisk.sessionsToPlace,
                      days: row.expiryRisk.daysLeft,
                      free: row.expiryRisk.freeSlotsBeforeExpiry,
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
