import { useApolloClient } from '@apollo/client/react';
import { useEffect, useId, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { LiabilityMonthQueryDocument } from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { DataTable } from '../layout/data-table';
import { ErrorNotice, Loading } from '../layout/states';
import { useMoney } from './money';
import { monthsOf } from './report-period';

interface MonthPoint {
  month: string;
  closing: string;
}

/**
 * The liability at the end of each month of the period, as the server reports it for each month
 * (the same report, one month at a time): a line chart, described for screen readers, and the
 * same figures in a table. Right to left, the months run from the right.
 */
export function LiabilityChart({ from, to, clinicId, currency }: { from: string; to: string; clinicId: string | null; currency: string }) {
  const { t, locale, intlLocale } = useLocale();
  const money = useMoney();
  const client = useApolloClient();
  const id = useId();
  const [points, setPoints] = useState<MonthPoint[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setPoints(null);
    setError(null);
    Promise.all(
      monthsOf(from, to).map(async (month) => {
        const { data } = await client.query({ query: LiabilityMonthQueryDocument, variables: { from: month.from, to: month.to, clinicId } });
        if (!data) throw new Error('no data');
        return { month: month.month, closing: data.packageLiability.closing };
      }),
    )
      .then((result) => {
        if (live) setPoints(result);
      })
      .catch((reason: unknown) => {
        if (live) setError(reason);
      });
    return () => {
      live = false;
    };
  }, [client, from, to, clinicId, attempt]);

  const monthName = new Intl.DateTimeFormat(intlLocale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const label = (month: string) => monthName.format(new Date(`${month}-01T00:00:00Z`));
  const compact = new Intl.NumberFormat(intlLocale, { notation: 'compact' });
  const rtl = locale === 'ar';

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('chartTitle')}</h2>
      {error ? <ErrorNotice error={error} onRetry={() => setAttempt((n) => n + 1)} /> : null}
      {!points && !error ? <Loading label={t('chartLoading')} /> : null}
      {points ? (
        <>
          <p id={`${id}-desc`} className="visually-hidden">
            {t('chartDescription')}
          </p>
          <figure className="chart-box" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} dir="ltr">
            <ResponsiveContainer width="100%" height="100%">
              <LineChart
                data={points.map((p) => ({ month: label(p.month), closing: Number(p.closing) }))}
                margin={{ top: 8, right: 16, bottom: 8, left: 16 }}
                accessibilityLayer={false}
              >
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="month" reversed={rtl} />
                <YAxis orientation={rtl ? 'right' : 'left'} tickFormatter={(value: number) => compact.format(value)} width={56} />
                <Tooltip formatter={(value) => money(String(value), currency)} />
                <Line type="monotone" dataKey="closing" name={t('chartClosing')} stroke="#0b6e79" strokeWidth={2} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </figure>
          <DataTable
            rows={points}
            rowKey={(p) => p.month}
            className="compact"
            caption={t('chartTitle')}
            columns={[
              { key: 'month', header: t('chartMonth'), rowHeader: true, cell: (p) => label(p.month) },
              { key: 'closing', header: t('chartClosing'), className: 'amount', cell: (p) => money(p.closing, currency) },
            ]}
          />
        </>
      ) : null}
    </section>
  );
}
