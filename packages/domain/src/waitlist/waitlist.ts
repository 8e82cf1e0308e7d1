import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { authorize, systemActor, type Actor } from '../kernel/actor.js';
import { DomainError, refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant, isUuid } from '../kernel/find.js';
import { addDays, isValidLocalDate, localDateOf, startOfLocalDay, WEEKDAYS, type Weekday } from '../kernel/local-time.js';
import { inTransaction, reading, type UseCaseContext } from '../kernel/use-case.js';
import { recordAudit } from '../audit/audit-log.js';
import { allSlots, workingRangesOn } from '../availability/date-ranges.js';
import { loadCalendars } from '../availability/provider-calendar.js';
import { Timeline } from '../availability/timeline.js';
import { assertBookable } from '../appointments/bookable-slot.js';
import { bookWithin } from '../appointments/book-appointment.js';
import type { Appointment } from '../appointments/appointment.entity.js';
import { Patient } from '../patients/patient.entity.js';
import { Service } from '../catalogue/service.entity.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { ProviderClinic } from '../providers/provider-clinic.entity.js';
import { Tenant } from '../tenancy/tenant.entity.js';
import { expiryRisksOf } from '../scheduling/expiry-risk.js';
import { WaitlistEntry } from './waitlist-entry.entity.js';
import { isTimeOfDay, offerExpiry, offerOrder, slotMatches, type CandidateSlot } from './waitlist-rules.js';

/** How far ahead a new entry is searched for a slot that is free already, in days. */
export const WAITLIST_SEARCH_DAYS = 60;

export interface JoinWaitlistInput {
  patientId: string;
  serviceId: string;
  packagePurchaseId?: string | null | undefined;
  providerIds?: readonly string[] | null | undefined;
  from: string;
  to: string;
  preferredDays?: readonly Weekday[] | null | undefined;
  timeWindow?: { from: string; to: string } | null | undefined;
}

export interface FreedSlot {
  clinicId: string;
  providerId: string;
  startsAt: Date;
  endsAt: Date;
}

const snapshot = (entry: WaitlistEntry) => ({
  status: entry.status,
  patientId: entry.patient.id,
  serviceId: entry.service.id,
  packagePurchaseId: entry.packagePurchase?.id ?? null,
  offeredProviderId: entry.offeredProvider?.id ?? null,
  offeredStartsAt: entry.offeredStartsAt?.toISOString() ?? null,
  offerExpiresAt: entry.offerExpiresAt?.toISOString() ?? null,
  appointmentId: entry.appointment?.id ?? null,
});

/**
 * Serialises hold decisions on one provider's time with the database's triggers: taken before a
 * slot is checked and held, so no booking can slip in between (see migration 014).
 */
export async function lockProviderTime(em: EntityManager, providerId: string): Promise<void> {
  await em.execute(`select pg_advisory_xact_lock(hashtextextended('slot-hold:' || ?, 0))`, [providerId]);
}

async function holdMinutesOf(em: EntityManager, tenantId: string): Promise<number> {
  const tenant = await em.findOneOrFail(Tenant, tenantId, { fields: ['waitlistHoldMinutes'], disableIdentityMap: true });
  return tenant.waitlistHoldMinutes;
}

/** Whether the entry's patient may take the slot now (hours, closures, time off, both calendars free). */
async function bookableFor(em: EntityManager, entry: WaitlistEntry, slot: CandidateSlot, now: Date): Promise<boolean> {
  try {
    await assertBookable(em, {
      tenantId: entry.tenant.id,
      clinicId: entry.clinic.id,
      zone: entry.clinic.timeZone,
      providerId: slot.providerId,
      patientId: entry.patient.id,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      now,
    });
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
  const purchase = entry.packagePurchase;
  if (purchase && (purchase.status !== 'ACTIVE' || localDateOf(slot.startsAt, entry.clinic.timeZone) > purchase.expiryDate)) return false;
  return true;
}

function hold(em: EntityManager, actor: Actor, now: Date, entry: WaitlistEntry, slot: CandidateSlot, holdMinutes: number, reason: string) {
  const before = snapshot(entry);
  entry.status = 'OFFERED';
  entry.offeredProvider = em.getReference('Provider', slot.providerId) as WaitlistEntry['offeredProvider'];
  entry.offeredStartsAt = slot.startsAt;
  entry.offeredEndsAt = slot.endsAt;
  entry.offerExpiresAt = offerExpiry(now, holdMinutes, slot.startsAt);
  entry.updatedAt = now;
  recordAudit(em, actor, now, [{ operation: 'offerWaitlistSlot', entityType: 'WaitlistEntry', entityId: entry.id, before, after: snapshot(entry), reason }]);
}

/**
 * A slot came free (a cancellation, a reschedule, a declined or lapsed offer): the first
 * matching entry (at-risk purchases first, then the oldest) gets an offer that holds it. Runs
 * inside the transaction that freed the slot, which must hold `lockProviderTime` for the
 * provider from before the slot was freed. Never refuses: no match leaves the slot free.
 */
export async function offerFreedSlot(em: EntityManager, actor: Actor, now: Date, freed: FreedSlot, skipEntryId?: string): Promise<WaitlistEntry | null> {
  if (freed.endsAt.getTime() <= now.getTime()) return null;
  await em.flush();
  const waiting = await em.find(
    WaitlistEntry,
    { tenant: actor.tenantId, clinic: freed.clinicId, status: 'WAITING', ...(skipEntryId ? { id: { $ne: skipEntryId } } : {}) },
    { populate: ['clinic', 'service', 'packagePurchase'], orderBy: { createdAt: 'asc' } },
  );
  const slotFor = (entry: WaitlistEntry): CandidateSlot => ({
    providerId: freed.providerId,
    startsAt: freed.startsAt,
    endsAt: new Date(freed.startsAt.getTime() + entry.service.durationMinutes * 60_000),
  });
  const candidates = waiting.filter((entry) => {
    const slot = slotFor(entry);
    return slot.endsAt <= freed.endsAt && slot.startsAt >= now && slotMatches(entry, slot, entry.clinic.timeZone);
  });
  if (candidates.length === 0) return null;
  const purchaseIds = candidates.flatMap((entry) => (entry.packagePurchase ? [entry.packagePurchase.id] : []));
  const risks = await expiryRisksOf(em, actor.tenantId, purchaseIds, now);
  const ordered = offerOrder(
    candidates.map((entry) => ({
      entry,
      id: entry.id,
      createdAt: entry.createdAt,
      atRisk: entry.packagePurchase ? (risks.get(entry.packagePurchase.id)?.level ?? 'NONE') !== 'NONE' : false,
    })),
  );
  const holdMinutes = await holdMinutesOf(em, actor.tenantId);
  for (const { entry } of ordered) {
    const slot = slotFor(entry);
    if (!(await bookableFor(em, entry, slot, now))) continue;
    hold(em, actor, now, entry, slot, holdMinutes, 'a slot came free');
    await em.flush();
    return entry;
  }
  return null;
}

/**
 * A provider's time came free that was not one appointment's slot (a time off removed or
 * shortened): each waiting entry that may use that provider (at-risk purchases first, then the
 * oldest) is offered the earliest free slot inside it that answers it, one after the other, so
 * later entries get what the earlier ones left. Runs inside the transaction that freed the time,
 * which must hold `lockProviderTime` for the provider from before. Never refuses.
 */
export async function offerFreedTime(
  em: EntityManager,
  actor: Actor,
  now: Date,
  freed: { providerId: string; startsAt: Date; endsAt: Date },
): Promise<WaitlistEntry[]> {
  const startsAt = new Date(Math.max(freed.startsAt.getTime(), now.getTime()));
  if (freed.endsAt.getTime() <= startsAt.getTime()) return [];
  await em.flush();
  const waiting = (
    await em.find(
      WaitlistEntry,
      { tenant: actor.tenantId, status: 'WAITING' },
      { populate: ['clinic', 'service', 'packagePurchase'], orderBy: { createdAt: 'asc' } },
    )
  ).filter((entry) => entry.providerIds.length === 0 || entry.providerIds.includes(freed.providerId));
  if (waiting.length === 0) return [];
  const purchaseIds = waiting.flatMap((entry) => (entry.packagePurchase ? [entry.packagePurchase.id] : []));
  const risks = await expiryRisksOf(em, actor.tenantId, purchaseIds, now);
  const ordered = offerOrder(
    waiting.map((entry) => ({
      entry,
      id: entry.id,
      createdAt: entry.createdAt,
      atRisk: entry.packagePurchase ? (risks.get(entry.packagePurchase.id)?.level ?? 'NONE') !== 'NONE' : false,
    })),
  );
  const holdMinutes = await holdMinutesOf(em, actor.tenantId);
  const offered: WaitlistEntry[] = [];
  for (const { entry } of ordered) {
    const slot = await firstFreeSlotFor(em, entry, now, { providerId: freed.providerId, startsAt, endsAt: freed.endsAt });
    if (!slot || !(await bookableFor(em, entry, slot, now))) continue;
    hold(em, actor, now, entry, slot, holdMinutes, 'time off ended');
    await em.flush();
    offered.push(entry);
  }
  return offered;
}

/**
 * The earliest slot free now that answers the entry, or null; `within` narrows the search to one
 * provider's freed time (it must be one of the entry's providers, or of its clinic).
 */
async function firstFreeSlotFor(
  em: EntityManager,
  entry: WaitlistEntry,
  now: Date,
  within?: { providerId: string; startsAt: Date; endsAt: Date },
): Promise<CandidateSlot | null> {
  const zone = entry.clinic.timeZone;
  const today = localDateOf(now, zone);
  let first = entry.fromDate > today ? entry.fromDate : today;
  // A freed time bounds the search itself; a search of everything free stops at the horizon.
  const horizon = within ? entry.toDate : addDays(today, WAITLIST_SEARCH_DAYS);
  let last = entry.toDate < horizon ? entry.toDate : horizon;
  if (within) {
    const firstFreed = localDateOf(within.startsAt, zone);
    const lastFreed = localDateOf(new Date(within.endsAt.getTime() - 1), zone);
    if (firstFreed > first) first = firstFreed;
    if (lastFreed < last) last = lastFreed;
  }
  if (first > last) return null;
  const anyOf = entry.providerIds.length
    ? entry.providerIds
    : (
        await em.find(
          ProviderClinic,
          { tenant: entry.tenant.id, clinic: entry.clinic.id, provider: { active: true } },
          { fields: ['provider'], disableIdentityMap: true },
        )
      ).map((link) => link.provider.id);
  const providerIds = within ? anyOf.filter((id) => id === within.providerId) : anyOf;
  if (providerIds.length === 0) return null;
  const from = startOfLocalDay(first, zone);
  const to = startOfLocalDay(addDays(last, 1), zone);
  const calendars = await loadCalendars(em, { tenantId: entry.tenant.id, clinicId: entry.clinic.id, providerIds, patientId: entry.patient.id, from, to });
  const durationMs = entry.service.durationMinutes * 60_000;
  // Holds are part of each provider's busy time (loadCalendars).
  const busyOf = new Map(providerIds.map((id) => [id, new Timeline([...(calendars.providerBusy.get(id) ?? []), ...calendars.patientBusy])]));
  const inside = (slot: CandidateSlot) => !within || (slot.startsAt >= within.startsAt && slot.endsAt <= within.endsAt);
  for (let date = first; date <= last; date = addDays(date, 1)) {
    const found: CandidateSlot[] = [];
    for (const providerId of [...providerIds].sort()) {
      const free = busyOf.get(providerId)!.cutFrom(workingRangesOn(date, calendars.weeklyHours.get(providerId) ?? [], zone));
      const slot = allSlots(free, durationMs, now.getTime())
        .map((range) => ({ providerId, startsAt: new Date(range.start), endsAt: new Date(range.end) }))
        .find((candidate) => inside(candidate) && slotMatches(entry, candidate, zone));
      if (slot) found.push(slot);
    }
    found.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    if (found[0]) return found[0];
  }
  return null;
}

/**
 * A patient joins the waitlist for a service (optionally for a purchase, providers, week days, a
 * daily window) between two inclusive dates. A slot that is free already is offered at once.
 */
export function joinWaitlist(context: UseCaseContext, input: JoinWaitlistInput): Promise<Result<WaitlistEntry>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    authorize(actor, 'manageWaitlist');
    const tenantId = actor.tenantId;
    const patient = await findInTenant(em, Patient, input.patientId, tenantId, ['input', 'patientId']);
    const service = await findInTenant(em, Service, input.serviceId, tenantId, ['input', 'serviceId'], { populate: ['clinic'] });
    const zone = service.clinic.timeZone;
    if (!isValidLocalDate(input.from)) refuse('VALIDATION', 'The first date is not a date.', ['input', 'from']);
    if (!isValidLocalDate(input.to)) refuse('VALIDATION', 'The last date is not a date.', ['input', 'to']);
    if (input.to < input.from) refuse('VALIDATION', 'The last date is before the first.', ['input', 'to'], { reason: 'END_BEFORE_START' });
    if (input.to < localDateOf(now, zone)) refuse('VALIDATION', 'The dates are in the past.', ['input', 'to'], { reason: 'DATES_IN_PAST' });
    const window = input.timeWindow ?? null;
    if (window && (!isTimeOfDay(window.from) || !isTimeOfDay(window.to) || window.from >= window.to)) {
      refuse('VALIDATION', 'The time window is two times of day (HH:MM), the first earlier.', ['input', 'timeWindow'], { reason: 'WINDOW_INVALID' });
    }
    const providerIds = [...new Set(input.providerIds ?? [])];
    if (providerIds.length > 20 || providerIds.some((id) => !isUuid(id))) refuse('NOT_FOUND', 'No such provider.', ['input', 'providerIds']);
    if (providerIds.length) {
      const links = await em.count(ProviderClinic, { tenant: tenantId, clinic: service.clinic.id, provider: { $in: providerIds } });
      if (links !== providerIds.length) refuse('PROVIDER_NOT_IN_CLINIC', 'A provider does not work in this clinic.', ['input', 'providerIds']);
    }
    let purchase: PackagePurchase | null = null;
    if (input.packagePurchaseId) {
      const field = ['input', 'packagePurchaseId'];
      purchase = await findInTenant(em, PackagePurchase, input.packagePurchaseId, tenantId, field, { populate: ['package.services'] });
      if (purchase.patient.id !== patient.id) refuse('PACKAGE_NOT_FOR_PATIENT', 'The package belongs to another patient.', field);
      if (purchase.status !== 'ACTIVE') refuse('PACKAGE_NOT_ACTIVE', 'The package is not active.', field);
      if (!purchase.package.services.getItems().some((line) => line.service.id === service.id)) {
        refuse('SERVICE_NOT_IN_PACKAGE', 'The package does not include this service.', ['input', 'serviceId']);
      }
    }
    const weekdays = [...new Set((input.preferredDays ?? []).map((day) => WEEKDAYS.indexOf(day)))].sort();
    const entry = em.create(WaitlistEntry, {
      tenant: tenantId,
      patient,
      clinic: service.clinic,
      service,
      packagePurchase: purchase,
      providerIds,
      weekdays,
      fromDate: input.from,
      toDate: purchase && purchase.expiryDate < input.to ? purchase.expiryDate : input.to,
      windowFrom: window?.from ?? null,
      windowTo: window?.to ?? null,
      createdAt: now,
      updatedAt: now,
    });
    recordAudit(em, actor, now, [{ operation: 'joinWaitlist', entityType: 'WaitlistEntry', entityId: entry.id, after: snapshot(entry) }]);
    await em.flush();

    const slot = await firstFreeSlotFor(em, entry, now);
    if (slot) {
      await lockProviderTime(em, slot.providerId);
      // Checked again under the lock: a booking that committed meanwhile wins.
      if (await bookableFor(em, entry, slot, now)) {
        hold(em, actor, now, entry, slot, await holdMinutesOf(em, tenantId), 'a slot was free already');
        await em.flush();
      }
    }
    return entry;
  });
}

async function openOffer(em: EntityManager, context: UseCaseContext, waitlistEntryId: string): Promise<WaitlistEntry> {
  const { actor, now } = context;
  authorize(actor, 'manageWaitlist');
  const field = ['input', 'waitlistEntryId'];
  const entry = await findInTenant(em, WaitlistEntry, waitlistEntryId, actor.tenantId, field, {
    lockMode: LockMode.PESSIMISTIC_WRITE,
  });
  await em.populate(entry, ['clinic', 'service', 'packagePurchase']);
  if (entry.status !== 'OFFERED') refuse('OFFER_NOT_OPEN', 'The entry has no open offer.', field, { reason: `ENTRY_${entry.status}` });
  if (entry.offerExpiresAt!.getTime() <= now.getTime()) {
    refuse('OFFER_EXPIRED', 'The offer has lapsed.', field, { reason: 'OFFER_EXPIRED', params: { offerExpiresAt: entry.offerExpiresAt!.toISOString() } });
  }
  return entry;
}

/** Accepting books the held slot: the hold becomes the appointment in one transaction. */
export function acceptWaitlistOffer(context: UseCaseContext, input: { waitlistEntryId: string }): Promise<Result<Appointment>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    const entry = await openOffer(em, context, input.waitlistEntryId);
    const before = snapshot(entry);
    // This transaction, and only this one, may book inside this entry's hold (migration 014).
    await em.execute(`select set_config('clinic.accepting_hold', ?, true)`, [entry.id]);
    const appointment = await bookWithin(em, context, {
      patientId: entry.patient.id,
      providerId: entry.offeredProvider!.id,
      serviceId: entry.service.id,
      startsAt: entry.offeredStartsAt!,
      packagePurchaseId: entry.packagePurchase?.id ?? null,
    });
    entry.status = 'BOOKED';
    entry.appointment = appointment;
    entry.updatedAt = now;
    recordAudit(em, actor, now, [{ operation: 'acceptWaitlistOffer', entityType: 'WaitlistEntry', entityId: entry.id, before, after: snapshot(entry) }]);
    await em.flush();
    await em.execute(`select set_config('clinic.accepting_hold', '', true)`);
    return appointment;
  });
}

/** Declining frees the slot for the next entry; the entry waits on, never offered that slot again. */
export function declineWaitlistOffer(context: UseCaseContext, input: { waitlistEntryId: string }): Promise<Result<WaitlistEntry>> {
  const { actor, now } = context;
  return inTransaction(context, async (em) => {
    const entry = await openOffer(em, context, input.waitlistEntryId);
    await lockProviderTime(em, entry.offeredProvider!.id);
    const before = snapshot(entry);
    const freed = release(entry, now, 'WAITING');
    entry.declinedSlots = [...entry.declinedSlots, { providerId: freed.providerId, startsAt: freed.startsAt.toISOString() }];
    recordAudit(em, actor, now, [{ operation: 'declineWaitlistOffer', entityType: 'WaitlistEntry', entityId: entry.id, before, after: snapshot(entry) }]);
    await em.flush();
    await offerFreedSlot(em, actor, now, freed, entry.id);
    return entry;
  });
}

function release(entry: WaitlistEntry, now: Date, status: 'WAITING' | 'LAPSED'): FreedSlot {
  const freed = { clinicId: entry.clinic.id, providerId: entry.offeredProvider!.id, startsAt: entry.offeredStartsAt!, endsAt: entry.offeredEndsAt! };
  entry.status = status;
  if (status === 'WAITING') {
    entry.offeredProvider = null;
    entry.offeredStartsAt = null;
    entry.offeredEndsAt = null;
    entry.offerExpiresAt = null;
  }
  entry.updatedAt = now;
  return freed;
}

/**
 * Offers past their time lapse, and each lapsed slot passes to the next entry. One transaction
 * per lapsed offer; `tenantId` limits the sweep to one tenant (lazily, before the waitlist is
 * read), else every tenant (the scheduled job). Returns how many lapsed.
 */
export async function lapseExpiredOffers(rootEm: EntityManager, now: Date, tenantId?: string): Promise<number> {
  const due = await rootEm.fork().find(
    WaitlistEntry,
    { status: 'OFFERED', offerExpiresAt: { $lte: now }, ...(tenantId ? { tenant: tenantId } : {}) },
    { fields: ['id', 'tenant'], limit: 200, orderBy: { offerExpiresAt: 'asc' }, disableIdentityMap: true },
  );
  let lapsed = 0;
  for (const row of due) {
    const actor = systemActor(row.tenant.id);
    const result = await inTransaction({ em: rootEm, actor, now }, async (em) => {
      const entry = await em.findOne(WaitlistEntry, { id: row.id, status: 'OFFERED', offerExpiresAt: { $lte: now } }, {
        lockMode: LockMode.PESSIMISTIC_WRITE,
      });
      if (!entry) return false;
      await em.populate(entry, ['clinic']);
      await lockProviderTime(em, entry.offeredProvider!.id);
      const before = snapshot(entry);
      const freed = release(entry, now, 'LAPSED');
      recordAudit(em, actor, now, [{ operation: 'lapseWaitlistOffer', entityType: 'WaitlistEntry', entityId: entry.id, before, after: snapshot(entry) }]);
      await em.flush();
      await offerFreedSlot(em, actor, now, freed, entry.id);
      return true;
    });
    if (result.ok && result.value) lapsed += 1;
  }
  return lapsed;
}

/** Entries waiting or offered, offers first (soonest lapse), then the oldest. Lapses what is due first. */
export async function listWaitlist(context: UseCaseContext, input: { clinicId?: string | null | undefined }): Promise<Result<WaitlistEntry[]>> {
  const { actor, now, em } = context;
  return reading(async () => {
    authorize(actor, 'readWaitlist');
    if (input.clinicId && !isUuid(input.clinicId)) refuse('NOT_FOUND', 'No clinic with that id.', ['clinicId']);
    await lapseExpiredOffers(em, now, actor.tenantId);
    const entries = await em.fork().find(
      WaitlistEntry,
      { tenant: actor.tenantId, status: { $in: ['WAITING', 'OFFERED'] }, ...(input.clinicId ? { clinic: input.clinicId } : {}) },
      { orderBy: { createdAt: 'asc' }, limit: 500 },
    );
    return entries.sort((a, b) => Number(b.status === 'OFFERED') - Number(a.status === 'OFFERED') || a.createdAt.getTime() - b.createdAt.getTime());
  });
}
