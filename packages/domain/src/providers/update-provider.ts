import type { EntityManager } from '@mikro-orm/postgresql';
import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant, isUuid } from '../kernel/find.js';
import { inTransaction, reading, type UseCaseContext } from '../kernel/use-case.js';
import { readFilter } from '../access/read-policy.js';
import { Appointment } from '../appointments/appointment.entity.js';
import { recordAudit } from '../audit/audit-log.js';
import { Clinic } from '../catalogue/clinic.entity.js';
import { OPEN_STATUSES } from '../purchases/package-sessions.js';
import { Provider } from './provider.entity.js';
import { ProviderClinic } from './provider-clinic.entity.js';
import { WorkingHours } from './working-hours.entity.js';

export interface UpdateProviderInput {
  providerId: string;
  name?: string | null | undefined;
  /** Empty or null: no Arabic name. Left out: unchanged. */
  nameAr?: string | null | undefined;
  /** Every clinic the provider works in from now on (at least one); left out: unchanged. */
  clinicIds?: readonly string[] | null | undefined;
}

/**
 * The provider's open appointments that have not ended, in the given clinics, in time order:
 * what stands in the way of the provider leaving them.
 */
export function openAppointmentsInClinics(em: EntityManager, tenantId: string, providerId: string, clinicIds: readonly string[], now: Date): Promise<Appointment[]> {
  if (clinicIds.length === 0 || !isUuid(providerId)) return Promise.resolve([]);
  return em.find(
    Appointment,
    { tenant: tenantId, provider: providerId, clinic: { $in: [...clinicIds] }, status: { $in: [...OPEN_STATUSES] }, endsAt: { $gt: now } },
    { populate: ['patient', 'provider', 'service', 'clinic'], orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], limit: 1000 },
  );
}

/**
 * Renames a provider and sets the clinics they work in. Leaving a clinic where they still have
 * open appointments ahead is refused (PROVIDER_HAS_APPOINTMENTS, with the count; the desk moves
 * those first: `appointmentsBlockingClinicRemoval` lists them). Leaving a clinic where only past
 * appointments name them keeps the link, inactive, so those appointments keep their key; a
 * clinic no appointment names loses the link. Their weekly hours there end either way; coming
 * back reactivates the link.
 */
export function updateProvider(context: UseCaseContext, input: UpdateProviderInput): Promise<Result<Provider>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageProviders');
    const provider = await findInTenant(em, Provider, input.providerId, actor.tenantId, ['input', 'providerId']);
    const before: Record<string, unknown> = { name: provider.name, nameAr: provider.nameAr ?? null };
    const after: Record<string, unknown> = {};
    if (input.name != null) {
      const name = input.name.trim();
      if (!name || name.length > 200) refuse('VALIDATION', 'The name is required, at most 200 characters.', ['input', 'name']);
      provider.name = name;
    }
    if (input.nameAr !== undefined) {
      if ((input.nameAr?.length ?? 0) > 200) refuse('VALIDATION', 'The Arabic name has at most 200 characters.', ['input', 'nameAr']);
      provider.nameAr = input.nameAr?.trim() || null;
    }
    if (provider.name !== before.name) after.name = provider.name;
    if ((provider.nameAr ?? null) !== before.nameAr) after.nameAr = provider.nameAr ?? null;

    if (input.clinicIds != null) {
      const wanted = [...new Set(input.clinicIds)];
      if (wanted.length === 0) refuse('VALIDATION', 'A provider works in at least one clinic.', ['input', 'clinicIds']);
      const clinics = await em.find(Clinic, { id: { $in: wanted.filter(isUuid) }, tenant: actor.tenantId });
      input.clinicIds.forEach((id, index) => {
        if (!clinics.some((clinic) => clinic.id === id)) refuse('NOT_FOUND', 'No clinic with that id.', ['input', 'clinicIds', String(index)]);
      });
      const links = await em.find(ProviderClinic, { tenant: actor.tenantId, provider }, { filters: { activeLink: false } });
      const current = links.filter((link) => link.active).map((link) => link.clinic.id);
      const leaving = current.filter((id) => !wanted.includes(id));
      const joining = wanted.filter((id) => !current.includes(id));
      if (leaving.length > 0) {
        const blocking = await openAppointmentsInClinics(em, actor.tenantId, provider.id, leaving, now);
        if (blocking.length > 0) {
          refuse('PROVIDER_HAS_APPOINTMENTS', `The provider has ${blocking.length} open appointments ahead in a clinic they would leave; move them first.`, ['input', 'clinicIds'], {
            reason: 'PROVIDER_HAS_APPOINTMENTS',
            params: { count: blocking.length },
          });
        }
        for (const link of links.filter((row) => leaving.includes(row.clinic.id))) {
          const named = await em.count(Appointment, { tenant: actor.tenantId, provider, clinic: link.clinic.id });
          if (named > 0) link.active = false;
          else em.remove(link);
        }
        await em.nativeDelete(WorkingHours, { tenant: actor.tenantId, provider, clinic: { $in: leaving } });
      }
      for (const id of joining) {
        const existing = links.find((link) => link.clinic.id === id);
        if (existing) existing.active = true;
        else em.create(ProviderClinic, { tenant: actor.tenantId, provider, clinic: id, active: true, createdAt: now });
      }
      if (leaving.length > 0 || joining.length > 0) {
        before.clinicIds = current;
        after.clinicIds = wanted;
      }
    }
    if (Object.keys(after).length > 0) {
      recordAudit(em, actor, now, [
        {
          operation: 'updateProvider',
          entityType: 'Provider',
          entityId: provider.id,
          before: Object.fromEntries(Object.keys(after).map((key) => [key, before[key]])),
          after,
        },
      ]);
    }
    await em.flush();
    return provider;
  });
}

/**
 * The open appointments ahead that stop the provider from working only in `clinicIds` (those in
 * the clinics they would leave), as far as the actor may read them: what a
 * PROVIDER_HAS_APPOINTMENTS refusal of `updateProvider` with the same input is about.
 */
export function appointmentsBlockingClinicRemoval(
  context: UseCaseContext,
  input: { providerId: string; clinicIds: readonly string[] },
): Promise<Result<Appointment[]>> {
  const { em, actor, now } = context;
  return reading(async () => {
    authorize(actor, 'readAppointments');
    if (!isUuid(input.providerId)) return [];
    const links = await em.find(ProviderClinic, { tenant: actor.tenantId, provider: input.providerId });
    const leaving = links.map((link) => link.clinic.id).filter((id) => !input.clinicIds.includes(id));
    const rows = await openAppointmentsInClinics(em, actor.tenantId, input.providerId, leaving, now);
    if (rows.length === 0) return [];
    const readable = await em.find(Appointment, { $and: [readFilter(actor, Appointment), { id: { $in: rows.map((row) => row.id) } }] }, { fields: ['id'] });
    const ids = new Set(readable.map((row) => row.id));
    return rows.filter((row) => ids.has(row.id));
  });
}
