import { useMutation, useQuery, useSuspenseQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import {
  ScheduleFormProvidersQueryDocument,
  SchedulePackageMutationDocument,
  SchedulePackageRouteQueryDocument,
  type SchedulePackageInput,
} from '../graphql/generated';
import { useLocale } from '../i18n/locale';
import { NotFoundError } from '../layout/route-error';
import { ErrorNotice, Loading, PageHeading } from '../layout/states';
import { canBook, useViewer } from '../layout/viewer';
import { PackageCard } from './package-card';
import { ScheduleForm, type ScheduleOutcome } from './schedule-form';

export function SchedulePackageRoute() {
  const { purchaseId = '' } = useParams();
  const { t, nameOf } = useLocale();
  const viewer = useViewer();
  const { data } = useSuspenseQuery(SchedulePackageRouteQueryDocument, { variables: { id: purchaseId } });
  const purchase = data.node?.__typename === 'PackagePurchase' ? data.node : null;
  // Only the front desk schedules, and only an active package (the API refuses the rest).
  const allowed = canBook(viewer);
  const schedulable = purchase?.status === 'ACTIVE';
  const providers = useQuery(ScheduleFormProvidersQueryDocument, {
    variables: { clinicId: purchase?.package.clinic.id ?? null },
    skip: !purchase || !allowed || !schedulable,
  });
  const [schedulePackage, { error }] = useMutation(SchedulePackageMutationDocument);

  if (!purchase) throw new NotFoundError(purchaseId);

  const onSchedule = async (input: SchedulePackageInput): Promise<ScheduleOutcome | null> => {
    const result = await schedulePackage({ variables: { input } }).catch(() => null);
    return result?.data?.schedulePackage ?? null;
  };

  return (
    <section>
      <p className="breadcrumbs">
        <Link to={`/patients/${encodeURIComponent(purchase.patient.id)}`}>{nameOf(purchase.patient)}</Link>
      </p>
      <PageHeading>{t('scheduleSessions')}</PageHeading>
      <div className="two-columns">
        <div>
          {!allowed ? (
            <p className="state state-warning">{t('scheduleNotAllowed')}</p>
          ) : !schedulable ? (
            <p className="state state-warning">{t('cannotSchedule', { status: t(`status_${purchase.status}`) })}</p>
          ) : (
            <>
              {providers.loading ? <Loading /> : null}
              {providers.error ? <ErrorNotice error={providers.error} onRetry={() => void providers.refetch()} /> : null}
              {error ? <ErrorNotice error={error} /> : null}
              {providers.data ? <ScheduleForm purchase={purchase} providers={providers.data.providers} onSchedule={onSchedule} /> : null}
            </>
          )}
        </div>
        <aside>
          <PackageCard purchase={purchase} patientId={purchase.patient.id} canBook={false} headingLevel={2} />
        </aside>
      </div>
    </section>
  );
}
