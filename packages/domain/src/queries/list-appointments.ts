import type { FilterQuery } from '@mikro-orm/postgresql';
import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { isUuid } from '../kernel/find.js';
import { reading, type UseCaseContext } from '../kernel/use-case.js';
import { Appointment } from '../appointments/appointment.entity.js';
import type { AppointmentStatus } from '../appointments/appointment-status.js';
import { readFilter } from '../access/read-policy.js';
import { decodeCursor, encodeCursor, pageSize, type Page } from './pagination.js';

export interface AppointmentFilter {
  patientId?: string | null | undefined;
  providerId?: string | null | undefined;
  packagePurchaseId?: string | null | undefined;
  /** Sessions of any purchase of this catalogue package. */
  packageId?: string | null | undefined;
  /** true: package sessions only; false: single appointments only. */
  hasPackage?: boolean | null | undefined;
  status?: readonly AppointmentStatus[] | null | undefined;
  from?: Date | null | undefined;
  to?: Date | null | undefined;
}

/**
 * Appointments in time order (or latest first), a page at a time (keyset on startsAt, id). Two statements: the
 * page with its patient, provider, clinic, service, purchase and package joined in, and the total.
 * The read policy decides whose appointments: a clinician's own, or the whole tenant's.
 */
export function listAppointments(
  context: UseCaseContext,
  input: {
    filter?: AppointmentFilter | null | undefined;
    first?: number | null | undefined;
    after?: string | null | undefined;
    /** Latest first (a patient's past appointments); time order otherwise. */
    newestFirst?: boolean | undefined;
  },
): Promise<Result<Page<Appointment>>> {
  const { em, actor } = context;
  return reading(async () => {
    authorize(actor, 'readAppointments');
    const filter = input.filter ?? {};
    const first = pageSize(input.first);
    const where: FilterQuery<Appointment> & Record<string, unknown> = {};
    const ids: Array<[keyof AppointmentFilter, string | null | undefined]> = [
      ['patientId', filter.patientId],
      ['providerId', filter.providerId],
      ['packagePurchaseId', filter.packagePurchaseId],
      ['packageId', filter.packageId],
    ];
    // An id of another tenant, or no id at all, matches nothing: no error that tells them apart.
    if (ids.some(([, id]) => id != null && !isUuid(id))) return { nodes: [], hasNextPage: false, endCursor: null, totalCount: 0 };
    if (filter.patientId) where.patient = filter.patientId;
    if (filter.providerId) where.provider = filter.providerId;
    if (filter.packagePurchaseId) where.packagePurchase = filter.packagePurchaseId;
    else if (filter.hasPackage != null) where.packagePurchase = filter.hasPackage ? { $ne: null } : null;
    if (filter.packageId) where.package = filter.packageId;
    if (filter.status?.length) where.status = { $in: [...filter.status] };
    if (filter.from || filter.to) {
      if (filter.from && filter.to && filter.from > filter.to) refuse('VALIDATION', '"from" is after "to".', ['filter', 'from'], { reason: 'END_BEFORE_START' });
      where.startsAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
    }
    const readable = (): FilterQuery<Appointment> => ({ $and: [readFilter(actor, Appointment), where] });
    const total = em.count(Appointment, readable());
    const cursor = input.after ? decodeCursor(input.after) : null;
    const pageWhere: FilterQuery<Appointment> = cursor
      ? {
          $and: [
            readable(),
            input.newestFirst
              ? { $or: [{ startsAt: { $lt: cursor.at } }, { startsAt: cursor.at, id: { $lt: cursor.id } }] }
              : { $or: [{ startsAt: { $gt: cursor.at } }, { startsAt: cursor.at, id: { $gt: cursor.id } }] },
          ],
        }
      : readable();
    const rows = await em.find(Appointment, pageWhere, {
      populate: ['patient', 'provider', 'clinic', 'service', 'packagePurchase.package'],
      orderBy: input.newestFirst ? [{ startsAt: 'desc' }, { id: 'desc' }] : [{ startsAt: 'asc' }, { id: 'asc' }],
      limit: first + 1,
    });
    const nodes = rows.slice(0, first);
    const last = nodes.at(-1);
    return {
      nodes,
      hasNextPage: rows.length > first,
      endCursor: last ? encodeCursor(last.startsAt, last.id) : null,
      totalCount: await total,
    };
  });
}

/**
 * A patient's appointments on either side of now, every status: `upcoming` starts at or after
 * now, in time order; `past` started before now, latest first. The same read policy as
 * listAppointments (a clinician: their own), so the patient's page shows what the root query shows.
 */
export function listPatientAppointments(
  context: UseCaseContext,
  input: { patientId: string; when: 'upcoming' | 'past'; first?: number | null | undefined; after?: string | null | undefined },
): Promise<Result<Page<Appointment>>> {
  const upcoming = input.when === 'upcoming';
  return listAppointments(context, {
    filter: upcoming ? { patientId: input.patientId, from: context.now } : { patientId: input.patientId, to: context.now },
    first: input.first,
    after: input.after,
    newestFirst: !upcoming,
  });
}
