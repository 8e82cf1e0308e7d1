import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { isUuid } from '../kernel/find.js';
import { reading, type UseCaseContext } from '../kernel/use-case.js';
import { reachOf } from '../access/read-policy.js';
import { countSessions, type SessionCounts } from '../purchases/package-sessions.js';
import {
  appointmentJson,
  appointmentView,
  clinicJson,
  mayReadAppointmentView,
  packageJson,
  patientJson,
  providerJson,
  purchaseJson,
  purchaseView,
  serviceJson,
  type AppointmentView,
  type PackagePurchaseView,
} from './views.js';

/** Rule 6 as a view: the counts of the whole purchase, and the sessions the reader may read. */
export interface PackageProgressView extends SessionCounts {
  packagePurchase: PackagePurchaseView;
  appointments: AppointmentView[];
}

const NO_PROVIDER = '00000000-0000-0000-0000-000000000000';

/**
 * One statement: the purchase (read policy in its WHERE: a clinician reads a purchase that holds
 * a session with them) with its package, clinic and patient, and every appointment of it with
 * patient, provider, clinic and service. The counts take every session; the list, the readable ones.
 */
const PROGRESS_SQL = `
select ${purchaseJson('p', patientJson('pt'), packageJson('k', clinicJson('kc')))} as purchase,
  coalesce((
    select json_agg(${appointmentJson('a', patientJson('ap'), providerJson('av'), clinicJson('ac'), serviceJson('asv'))}
                    order by a.session_number_in_package, a.starts_at)
    from appointment a
    join patient ap on ap.id = a.patient_id
    join provider av on av.id = a.provider_id
    join clinic ac on ac.id = a.clinic_id
    join service asv on asv.id = a.service_id
    where a.package_purchase_id = p.id
  ), '[]'::json) as appointments
from package_purchase p
join patient pt on pt.id = p.patient_id
join package k on k.id = p.package_id
join clinic kc on kc.id = k.clinic_id
where p.id = ? and p.tenant_id = ?
  and (? = 'TENANT' or exists (select 1 from appointment own where own.package_purchase_id = p.id and own.provider_id = ?))`;

export function packageProgressView(context: UseCaseContext, packagePurchaseId: string): Promise<Result<PackageProgressView>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'readPurchases');
    if (!isUuid(packagePurchaseId)) refuse('NOT_FOUND', 'No package purchase with that id.', ['packagePurchaseId']);
    const rows = await em.execute<Array<{ purchase: Record<string, unknown>; appointments: Array<Record<string, unknown>> }>>(PROGRESS_SQL, [
      packagePurchaseId,
      actor.tenantId,
      reachOf(actor),
      actor.providerId ?? NO_PROVIDER,
    ]);
    const row = rows[0];
    if (!row) return refuse('NOT_FOUND', 'No package purchase with that id.', ['packagePurchaseId']);
    const purchase = purchaseView(row.purchase);
    const appointments = row.appointments.map((appointment) => appointmentView(appointment, purchase));
    const counts = countSessions(purchase, appointments);
    purchase.sessionsUnscheduled = counts.sessionsUnscheduled;
    return {
      packagePurchase: purchase,
      ...counts,
      appointments: appointments.filter((appointment) => mayReadAppointmentView(actor, appointment)),
    };
  });
}
