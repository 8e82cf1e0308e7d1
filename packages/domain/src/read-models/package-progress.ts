import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { isUuid } from '../kernel/find.js';
import { reading, type UseCaseContext } from '../kernel/use-case.js';
import { reachOf } from '../access/read-policy.js';
import { countSessions, type SessionCounts } from '../purchases/package-sessions.js';
import {
  appointmentView,
  clinicJson,
  clinicView,
  mayReadAppointmentView,
  packageJson,
  patientJson,
  patientView,
  providerJson,
  providerView,
  purchaseJson,
  purchaseView,
  readJson,
  serviceJson,
  serviceView,
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
 * a session with them) with its package, clinic and patient, every appointment of it, and once
 * each the patients, providers, clinics and services those appointments name. An appointment
 * carries their ids, not copies: the purchase's sessions share one patient, one clinic and a few
 * providers and services, so each row is sent, parsed and mapped once, and the appointments'
 * views share the same objects. The counts take every session; the list, the readable ones.
 */
const PROGRESS_SQL = `
with p as (
  select p.* from package_purchase p
  where p.id = ? and p.tenant_id = ?
    and (? = 'TENANT' or exists (select 1 from appointment own where own.package_purchase_id = p.id and own.provider_id = ?))
),
a as (select a.* from appointment a join p on a.package_purchase_id = p.id)
select ${purchaseJson('p', patientJson('pt'), packageJson('k', clinicJson('kc')))} as purchase,
  coalesce((
    select json_agg(json_build_object('id', a.id, 'tenantId', a.tenant_id, 'number', a.number, 'patientId', a.patient_id, 'providerId', a.provider_id,
        'clinicId', a.clinic_id, 'serviceId', a.service_id, 'startsAt', a.starts_at, 'endsAt', a.ends_at, 'status', a.status, 'packageId', a.package_id,
        'packagePurchaseId', a.package_purchase_id, 'sessionNumberInPackage', a.session_number_in_package, 'packageTotalSessions', a.package_total_sessions,
        'sessionConsumed', a.session_consumed, 'statusReason', a.status_reason)
      order by a.session_number_in_package, a.starts_at)
    from a
  ), '[]'::json) as appointments,
  coalesce((select json_agg(${patientJson('x')}) from patient x where x.id in (select patient_id from a) and x.id <> p.patient_id), '[]'::json) as patients,
  coalesce((select json_agg(${providerJson('x')}) from provider x where x.id in (select provider_id from a)), '[]'::json) as providers,
  coalesce((select json_agg(${clinicJson('x')}) from clinic x where x.id in (select clinic_id from a) and x.id <> k.clinic_id), '[]'::json) as clinics,
  coalesce((select json_agg(${serviceJson('x')}) from service x where x.id in (select service_id from a)), '[]'::json) as services
from p
join patient pt on pt.id = p.patient_id
join package k on k.id = p.package_id
join clinic kc on kc.id = k.clinic_id`;

type Json = Record<string, unknown>;

interface Row {
  purchase: Json;
  appointments: Json[];
  patients: Json[];
  providers: Json[];
  clinics: Json[];
  services: Json[];
}

/** The views by id: those the purchase holds already, then the statement's others. */
function byId<V extends { id: string }>(rows: Json[], view: (row: Json) => V, ...held: V[]): (id: string) => V {
  const views = new Map<string, V>(held.map((one) => [one.id, one]));
  for (const row of rows) {
    const one = view(row);
    views.set(one.id, one);
  }
  return (id) => views.get(id) ?? missing(id);
}

function missing(id: string): never {
  throw new Error(`read model: the statement names ${id} without its row`);
}

export function packageProgressView(context: UseCaseContext, packagePurchaseId: string): Promise<Result<PackageProgressView>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'readPurchases');
    if (!isUuid(packagePurchaseId)) refuse('NOT_FOUND', 'No package purchase with that id.', ['packagePurchaseId']);
    const rows = await em.execute<Row[]>(PROGRESS_SQL, [packagePurchaseId, actor.tenantId, reachOf(actor), actor.providerId ?? NO_PROVIDER]);
    const row = rows[0];
    if (!row) return refuse('NOT_FOUND', 'No package purchase with that id.', ['packagePurchaseId']);
    const purchase = purchaseView(row.purchase);
    const patientOf = byId(row.patients, patientView, purchase.patient);
    const providerOf = byId(row.providers, providerView);
    const clinicOf = byId(row.clinics, clinicView, purchase.package.clinic);
    const serviceOf = byId(row.services, serviceView);
    const { text } = readJson;
    const appointments = row.appointments.map((appointment) =>
      appointmentView(appointment, purchase, {
        patient: patientOf(text(appointment, 'patientId')),
        provider: providerOf(text(appointment, 'providerId')),
        clinic: clinicOf(text(appointment, 'clinicId')),
        service: serviceOf(text(appointment, 'serviceId')),
      }),
    );
    const counts = countSessions(purchase, appointments);
    purchase.sessionsUnscheduled = counts.sessionsUnscheduled;
    return {
      packagePurchase: purchase,
      ...counts,
      appointments: appointments.filter((appointment) => mayReadAppointmentView(actor, appointment)),
    };
  });
}
