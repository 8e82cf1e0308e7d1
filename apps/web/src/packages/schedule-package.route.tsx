import { useApolloClient, useMutation, useQuery, useSuspenseQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import {
  BookSuggestionMutationDocument,
  ScheduleFormProvidersQueryDocument,
  SchedulePreviewQueryDocument,
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
import type { BookSuggestion, PreviewPlan } from '../scheduler/schedule-preview';

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
  const [bookSuggestion] = useMutation(BookSuggestionMutationDocument, { refetchQueries: [SchedulePackageRouteQueryDocument] });
  const client = useApolloClient();

  if (!purchase) throw new NotFoundError(purchaseId);

  const onSchedule = async (input: SchedulePackageInput): Promise<ScheduleOutcome | null> => {
    const result = await schedulePackage({ variables: { input } }).catch(() => null);
    return result?.data?.schedulePackage ?? null;
  };
  // The plan is read fresh each time: the calendar may have changed since the last preview.
  const onPreview = async (input: SchedulePackageInput): Promise<PreviewPlan | null> => {
    const result = await client.query({ query: SchedulePreviewQueryDocument, variables: { input }, fetchPolicy: 'no-cache' }).catch(() => null);
    return result?.data?.previewPackageSchedule ?? null;
  };
  const onBook: BookSuggestion = async (suggestion) => {
    if (!suggestion.service) return null;
    const result = await bookSuggestion({
      variables: {
        input: {
          patientId: purchase.patient.id,
          providerId: suggestion.provider.id,
          serviceId: suggestion.service.id,
          startsAt: suggestion.startsAt,
          packagePurchaseId: purchase.id,
        },
      },
    }).catch(() => null);
    return result?.data?.bookAppointment.userErrors ?? null;
  };

  return (
    <section>
      <p className="breadcrumbs">
        <Link to={`/patients/${encodeURIComponent(purchase.patient.id)}`}>{nameOf(purchase.patient)}</Link>
      </p>
      <PageHeading>{t('scheduleSessions')}</PageHeading>
      <div className="two-columns">
        {/* A grid item may shrink below its content, so a wide plan scrolls in its own box. */}
        <div style={{ minWidth: 0 }}>
          {!allowed ? (
            <p className="state state-warning">{t('scheduleNotAllowed')}</p>
          ) : !schedulable ? (
            <p className="state state-warning">{t('cannotSchedule', { status: t(`status_${purchase.status}`) })}</p>
          ) : (
            <>
              {providers.loading ? <Loading /> : null}
              {providers.error ? <ErrorNotice error={providers.error} onRetry={() => void providers.refetch()} /> : null}
              {error ? <ErrorNotice error={error} /> : null}
              {providers.data ? <ScheduleForm purchase={purchase} providers={providers.data.providers} onSchedule={onSchedule} onPreview={onPreview} onBook={onBook} /> : null}
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
