import { useQuery } from '@apollo/client/react';
import { useId, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { FinanceClinicsQueryDocument, FinanceReportQueryDocument } from '../graphql/generated';
import { todayIn } from '../i18n/clinic-time';
import { useLocale } from '../i18n/locale';
import { type MessageKey } from '../i18n/messages';
import { ErrorNotice, Loading, PageHeading } from '../layout/states';
import { LiabilityChart } from './liability-chart';
import { useMoney } from './money';
import { monthStartBefore } from './report-period';
import './finance.css';

const FALLBACK_ZONE = 'Asia/Riyadh';
const FIGURES = [
  ['opening', 'figureOpening'],
  ['sold', 'figureSold'],
  ['transferredIn', 'figureTransferredIn'],
  ['recognised', 'figureRecognised'],
  ['breakage', 'figureBreakage'],
  ['refunded', 'figureRefunded'],
  ['transferredOut', 'figureTransferredOut'],
  ['closing', 'figureClosing'],
] as const satisfies ReadonlyArray<readonly [string, MessageKey]>;

/** /finance: package liability (deferred revenue) of a period and clinic, its CSV, its months. */
export function FinanceReportRoute() {
  const { t, nameOf, formatDate } = useLocale();
  const money = useMoney();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const clinics = useQuery(FinanceClinicsQueryDocument);
  const timeZone = clinics.data?.clinics[0]?.timeZone ?? FALLBACK_ZONE;
  const today = todayIn(timeZone);
  const from = params.get('from') ?? monthStartBefore(today, 11);
  const to = params.get('to') ?? today;
  const clinicId = params.get('clinicId') ?? '';
  const report = useQuery(FinanceReportQueryDocument, { variables: { from, to, clinicId: clinicId || null } });
  const figures = report.data?.packageLiability;

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: Record<string, string> = {};
    for (const key of ['from', 'to', 'clinicId']) {
      const value = form.get(key);
      if (typeof value === 'string' && value) next[key] = value;
    }
    setParams(next);
  };

  const download = () => {
    if (!figures) return;
    const url = URL.createObjectURL(new Blob([figures.csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `package-liability-${figures.from}-${figures.to}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  return (
    <section>
      <PageHeading>{t('financeTitle')}</PageHeading>
      <form className="panel filters money-filters" onSubmit={apply} aria-label={t('financeFilters')} key={params.toString()}>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('reportFrom')}</label>
          <input id={`${id}-from`} name="from" type="date" required defaultValue={from} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('reportTo')}</label>
          <input id={`${id}-to`} name="to" type="date" required defaultValue={to} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-clinic`}>{t('reportClinic')}</label>
          <select id={`${id}-clinic`} name="clinicId" defaultValue={clinicId}>
            <option value="">{t('allClinics')}</option>
            {clinics.data?.clinics.map((clinic) => (
              <option key={clinic.id} value={clinic.id}>
                {nameOf(clinic)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit">{t('showReport')}</button>
        </div>
      </form>

      {report.loading && !figures ? <Loading /> : null}
      {report.error ? <ErrorNotice error={report.error} onRetry={() => void report.refetch()} /> : null}
      {figures ? (
        <>
          <section className="panel" aria-labelledby={`${id}-figures`}>
            <h2 id={`${id}-figures`}>{t('reportFigures', { from: formatDate(figures.from), to: formatDate(figures.to) })}</h2>
            <dl className="finance-figures">
              {FIGURES.map(([field, key]) => (
                <div key={field}>
                  <dt>{t(key)}</dt>
                  <dd>{money(figures[field], figures.currency)}</dd>
                </div>
              ))}
            </dl>
            <p>{t('sessionsRecognisedCount', { count: figures.sessionsRecognised })}</p>
            <div className="form-actions">
              <button type="button" className="secondary" onClick={download}>
                {t('downloadCsv')}
              </button>
            </div>
          </section>
          <LiabilityChart from={figures.from} to={figures.to} clinicId={clinicId || null} currency={figures.currency} />
        </>
      ) : null}
    </section>
  );
}
