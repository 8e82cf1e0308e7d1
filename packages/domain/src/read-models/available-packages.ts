import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { isUuid } from '../kernel/find.js';
import { reading, type UseCaseContext } from '../kernel/use-case.js';
import { reachOf } from '../access/read-policy.js';
import type { AppointmentStatus } from '../appointments/appointment-status.js';
import { countSessions } from '../purchases/package-sessions.js';
import { clinicJson, packageJson, patientJson, purchaseJson, purchaseView, serviceLinesJson, type PackagePurchaseView } from './views.js';

export interface AvailablePackageView {
  /** The purchase, its package with clinic and service lines, its patient; `sessionsUnscheduled` counted. */
  packagePurchase: PackagePurchaseView;
  sessionsRemaining: number;
  sessionsUnscheduled: number;
}

const NO_PROVIDER = '00000000-0000-0000-0000-000000000000';

/**
 * Rule 5 in one statement: whether the patient (and the clinic, when asked) may be read, and the
 * ACTIVE purchases of the patient with sessions remaining that have not expired on the clinic's
 * local today, each with its package, clinic, service lines and the status of its appointments.
 * The read policy is in the statement: a clinician reads their patient and the purchases that
 * hold a session with them.
 */
const AVAILABLE_SQL = `
with params as (select ?::uuid as patient_id, ?::uuid as tenant_id, ?::text as reach, ?::uuid as provider_id, ?::uuid as clinic_id, ?::timestamptz as now),
readable_patient as (
  select pt.* from patient pt, params
  where pt.id = params.patient_id and pt.tenant_id = params.tenant_id
    and (params.reach = 'TENANT' or exists (select 1 from appointment own where own.patient_id = pt.id and own.provider_id = params.provider_id))
)
select
  exists (select 1 from readable_patient) as patient_found,
  (params.clinic_id is null or exists (select 1 from clinic c where c.id = params.clinic_id and c.tenant_id = params.tenant_id)) as clinic_found,
  coalesce((
    select json_agg(json_build_object(
        'purchase', ${purchaseJson('p', patientJson('pt'), packageJson('k', clinicJson('kc'), serviceLinesJson('k')))},
        'appointments', coalesce((select json_agg(json_build_object('status', a.status, 'sessionConsumed', a.session_consumed))
                                  from appointment a where a.package_purchase_id = p.id), '[]'::json))
      order by p.expiry_date, p.created_at)
    from package_purchase p
    join readable_patient pt on pt.id = p.patient_id
    join package k on k.id = p.package_id
    join clinic kc on kc.id = k.clinic_id
    where p.tenant_id = params.tenant_id and p.status = 'ACTIVE' and p.sessions_used < p.total_sessions
      and (params.clinic_id is null or k.clinic_id = params.clinic_id)
      and p.expiry_date >= (params.now at time zone kc.time_zone)::date
      and (params.reach = 'TENANT' or exists (select 1 from appointment own where own.package_purchase_id = p.id and own.provider_id = params.provider_id))
  ), '[]'::json) as purchases
from params`;

interface Row {
  patient_found: boolean;
  clinic_found: boolean;
  purchases: Array<{ purchase: Record<string, unknown>; appointments: Array<{ status: AppointmentStatus; sessionConsumed: boolean }> }>;
}

export function availablePackagesView(
  context: UseCaseContext,
  input: { patientId: string; clinicId?: string | null | undefined },
): Promise<Result<AvailablePackageView[]>> {
  const { em, actor, now } = context;
  return reading(async () => {
    authorize(actor, 'readPurchases');
    if (!isUuid(input.patientId)) refuse('NOT_FOUND', 'No patient with that id.', ['patientId']);
    if (input.clinicId && !isUuid(input.clinicId)) refuse('NOT_FOUND', 'No clinic with that id.', ['clinicId']);
    const [row] = await em.execute<Row[]>(AVAILABLE_SQL, [
      input.patientId,
      actor.tenantId,
      reachOf(actor),
      actor.providerId ?? NO_PROVIDER,
      input.clinicId || null,
      now.toISOString(),
    ]);
    if (!row || !row.patient_found) return refuse('NOT_FOUND', 'No patient with that id.', ['patientId']);
    if (!row.clinic_found) refuse('NOT_FOUND', 'No clinic with that id.', ['clinicId']);
    return row.purchases.map(({ purchase: json, appointments }) => {
      const purchase = purchaseView(json);
      const counts = countSessions(purchase, appointments);
      purchase.sessionsUnscheduled = counts.sessionsUnscheduled;
      return { packagePurchase: purchase, sessionsRemaining: counts.sessionsRemaining, sessionsUnscheduled: counts.sessionsUnscheduled };
    });
  });
}
