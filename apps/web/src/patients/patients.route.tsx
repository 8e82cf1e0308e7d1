import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PatientsRouteQueryDocument } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { EmptyState, ErrorNotice, Loading, PageHeading } from '../layout/states';
import { useViewer } from '../layout/viewer';
import '../appointments/appointments.css';

const PAGE_SIZE = 20;
/** Each page asks for one patient more than it shows: that one tells whether a next page exists. */
const ASK = PAGE_SIZE + 1;

export function PatientsRoute() {
  const { t, nameOf, formatDate } = useLocale();
  const viewer = useViewer();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const [draft, setDraft] = useState(search);
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(PatientsRouteQueryDocument, {
    variables: { search: search || null, first: ASK },
    notifyOnNetworkStatusChange: true,
  });
  const loaded = (data ?? previousData)?.patients ?? [];
  // The last page asked for came back full (PAGE_SIZE + 1): there is more, and the extra one is not shown.
  const [lastPageFull, setLastPageFull] = useState<boolean | null>(null);
  const hasMore = lastPageFull ?? loaded.length === ASK;
  const patients = hasMore ? loaded.slice(0, -1) : loaded;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setLastPageFull(null);
    setParams(draft ? { q: draft } : {});
    document.getElementById('patient-results')?.focus();
  };

  const loadMore = async () => {
    const last = patients.at(-1);
    if (!last) return;
    const more = await fetchMore({
      variables: { after: last.id, first: ASK },
      // The extra patient of the previous page is the first of this one.
      updateQuery: (previous, { fetchMoreResult }) => ({ patients: [...previous.patients.slice(0, -1), ...fetchMoreResult.patients] }),
    });
    setLastPageFull((more.data?.patients.length ?? 0) === ASK);
  };

  return (
    <section>
      <PageHeading>{t('patients')}</PageHeading>
      {viewer.permissions.includes('managePatients') ? (
        <p>
          <Link className="button" to="/patients/new">
            {t('patientRegister')}
          </Link>
        </p>
      ) : null}
      <form className="search-form" role="search" onSubmit={submit}>
        <label htmlFor="patient-search">{t('searchPatients')}</label>
        <div className="inline-fields">
          <input id="patient-search" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit">{t('search')}</button>
        </div>
      </form>
      <div id="patient-results" tabIndex={-1} aria-live="polite" aria-busy={loading}>
        {error ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null}
        {loading && patients.length === 0 ? <Loading /> : null}
        {!loading && !error && patients.length === 0 ? <EmptyState>{t('noPatients')}</EmptyState> : null}
        {patients.length > 0 ? (
          // On a phone (`patient-table`) each row reads as two lines: the name with the MRN, then
          // the phone and the date of birth; wide, the four columns as they are.
          <table className="data-table patient-table">
            <caption className="visually-hidden">{t('patients')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('mrn')}</th>
                <th scope="col">{t('dateOfBirth')}</th>
                <th scope="col">{t('phone')}</th>
              </tr>
            </thead>
            <tbody>
              {patients.map((patient) => (
                <tr key={patient.id}>
                  <td className="patient-name">
                    <Link to={`/patients/${encodeURIComponent(patient.id)}`}>{nameOf(patient)}</Link>
                  </td>
                  <td className="patient-mrn" dir="ltr">
                    {patient.mrn}
                  </td>
                  <td className="patient-born" data-label={t('dateOfBirth')}>
                    {patient.dateOfBirth ? formatDate(patient.dateOfBirth) : '—'}
                  </td>
                  <td className="patient-phone" dir="ltr">
                    {patient.phone ?? '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {hasMore ? (
          <button type="button" className="secondary" disabled={loading} onClick={() => void loadMore()}>
            {t('moreResults')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
