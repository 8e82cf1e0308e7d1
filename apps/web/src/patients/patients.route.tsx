import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PatientsRouteQueryDocument } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { EmptyState, ErrorNotice, Loading, PageHeading } from '../layout/states';

const PAGE_SIZE = 20;

export function PatientsRoute() {
  const { t, nameOf, formatDate } = useLocale();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const [draft, setDraft] = useState(search);
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(PatientsRouteQueryDocument, {
    variables: { search: search || null, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const patients = (data ?? previousData)?.patients ?? [];
  const [exhausted, setExhausted] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setExhausted(false);
    setParams(draft ? { q: draft } : {});
    document.getElementById('patient-results')?.focus();
  };

  const loadMore = async () => {
    const last = patients.at(-1);
    if (!last) return;
    const more = await fetchMore({
      variables: { after: last.id },
      updateQuery: (previous, { fetchMoreResult }) => ({ patients: [...previous.patients, ...fetchMoreResult.patients] }),
    });
    if ((more.data?.patients.length ?? 0) < PAGE_SIZE) setExhausted(true);
  };

  return (
    <section>
      <PageHeading>{t('patients')}</PageHeading>
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
          <table className="data-table">
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
                  <td>
                    <Link to={`/patients/${encodeURIComponent(patient.id)}`}>{nameOf(patient)}</Link>
                  </td>
                  <td dir="ltr">{patient.mrn}</td>
                  <td>{patient.dateOfBirth ? formatDate(patient.dateOfBirth) : '—'}</td>
                  <td dir="ltr">{patient.phone ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {patients.length >= PAGE_SIZE && !exhausted ? (
          <button type="button" className="secondary" disabled={loading} onClick={() => void loadMore()}>
            {t('moreResults')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
