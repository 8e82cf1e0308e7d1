import type { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import { Appointment } from '../appointments/appointment.entity.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { PackageFreeze } from '../purchases/package-freeze.entity.js';
import { frozenDatesOf } from '../purchases/purchase-freezes.js';
import { PackageServiceLine } from '../catalogue/package-service-line.entity.js';
import { ProviderClinic } from '../providers/provider-clinic.entity.js';
import { countSessions } from '../purchases/package-sessions.js';
import { addDays, localDateOf, startOfLocalDay, type LocalDate } from '../kernel/local-time.js';
import { earliestSlot, workingRangesOn } from '../availability/date-ranges.js';
import { loadCalendars } from '../availability/provider-calendar.js';
import { Timeline } from '../availability/timeline.js';
import { authorize } from '../kernel/actor.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { isUuid } from '../kernel/find.js';
import { reading, type UseCaseContext } from '../kernel/use-case.js';

export const EXPIRY_RISK_LEVELS = ['NONE', 'AT_RISK', 'CANNOT_FINISH'] as const;
export type ExpiryRiskLevel = (typeof EXPIRY_RISK_LEVELS)[number];

/** Whether a purchase can still be delivered before it expires, and the numbers behind the answer. */
export interface ExpiryRisk {
  level: ExpiryRiskLevel;
  /** Sessions neither used nor booked. */
  sessionsToPlace: number;
  /** Clinic-local days from today to the expiry date (0: it expires today), the frozen ones not counted. */
  daysLeft: number;
  /** Days from today to the expiry date, outside the purchase's freezes, on which the provider (or one of the clinic's) has a free slot of the service, from now on. */
  freeSlotsBeforeExpiry: number;
}

/** At one session a week, how many sessions fit in `days` calendar days (today included). */
export function weeklyCapacity(daysIncludingToday: number): number {
  return daysIncludingToday <= 0 ? 0 : Math.ceil(daysIncludingToday / 7);
}

/** The rule, pure: CANNOT_FINISH beats AT_RISK. */
export function riskLevel(sessionsToPlace: number, daysLeft: number, freeSlotsBeforeExpiry: number): ExpiryRiskLevel {
  if (sessionsToPlace <= 0) return 'NONE';
  if (freeSlotsBeforeExpiry < sessionsToPlace) return 'CANNOT_FINISH';
  if (sessionsToPlace > weeklyCapacity(daysLeft + 1)) return 'AT_RISK';
  return 'NONE';
}

const daysBetween = (from: LocalDate, to: LocalDate) =>
  Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);

const NONE = (daysLeft: number): ExpiryRisk => ({ level: 'NONE', sessionsToPlace: 0, daysLeft, freeSlotsBeforeExpiry: 0 });

/**
 * The expiry risk of many purchases at once. Statements: the purchases with their clinics, their
 * freezes, their service lines, their appointments, the clinics' providers, then the calendars
 * (four statements) once per clinic concerned; none per purchase. The provider is the one of the
 * purchase's latest live appointment, else every provider of its clinic. Free days are counted
 * at the minimum gap of one day between sessions (at most one session a day). The expiry is the
 * purchase's current one (a freeze has already moved it); the days of its freezes from today to
 * that expiry can hold no session, so they count neither as days left nor as free days.
 */
export async function expiryRisksOf(
  em: EntityManager,
  tenantId: string,
  purchaseIds: readonly string[],
  now: Date,
): Promise<Map<string, ExpiryRisk>> {
  const risks = new Map<string, ExpiryRisk>();
  if (purchaseIds.length === 0) return risks;
  const purchases = await em.find(
    PackagePurchase,
    { tenant: tenantId, id: { $in: [...purchaseIds] } },
    { populate: ['package.clinic'], disableIdentityMap: true },
  );
  if (purchases.length === 0) return risks;
  const freezes = await em.find(
    PackageFreeze,
    { tenant: tenantId, packagePurchase: { $in: purchases.map((p) => p.id) } },
    { fields: ['packagePurchase', 'startDate', 'endDate'], disableIdentityMap: true },
  );
  const freezesOf = new Map<string, Array<Pick<PackageFreeze, 'startDate' | 'endDate'>>>();
  for (const freeze of freezes) {
    const id = freeze.packagePurchase.id;
    freezesOf.set(id, [...(freezesOf.get(id) ?? []), freeze]);
  }
  const packageIds = [...new Set(purchases.map((p) => p.package.id))];
  const lines = await em.find(PackageServiceLine, { tenant: tenantId, package: { $in: packageIds } }, { populate: ['service'], disableIdentityMap: true });
  const durationOf = new Map<string, number>();
  for (const line of lines) {
    durationOf.set(line.package.id, Math.max(durationOf.get(line.package.id) ?? 0, line.service.durationMinutes));
  }
  const appointments = await em.find(
    Appointment,
    { tenant: tenantId, packagePurchase: { $in: purchases.map((p) => p.id) } },
    { fields: ['packagePurchase', 'provider', 'status', 'sessionNumberInPackage', 'sessionConsumed', 'startsAt'], disableIdentityMap: true },
  );
  type Row = (typeof appointments)[number];
  const byPurchase = new Map<string, Row[]>();
  for (const a of appointments) {
    const id = a.packagePurchase?.id as string;
    byPurchase.set(id, [...(byPurchase.get(id) ?? []), a]);
  }

  interface Need {
    purchase: PackagePurchase;
    toPlace: number;
    daysLeft: number;
    today: LocalDate;
    frozen: ReadonlySet<LocalDate>;
    providers: string[] | null;
    durationMs: number;
  }
  const needs: Need[] = [];
  for (const purchase of purchases) {
    const zone = purchase.package.clinic.timeZone;
    const today = localDateOf(now, zone);
    // Frozen days from today to the expiry (a freeze begun before today counts from today).
    const frozen = new Set([...frozenDatesOf(freezesOf.get(purchase.id) ?? [])].filter((date) => date >= today && date <= purchase.expiryDate));
    const daysLeft = Math.max(0, daysBetween(today, purchase.expiryDate) - frozen.size);
    const own = byPurchase.get(purchase.id) ?? [];
    const toPlace = purchase.status === 'ACTIVE' && purchase.expiryDate >= today ? countSessions(purchase, own).sessionsUnscheduled : 0;
    if (toPlace === 0) {
      risks.set(purchase.id, NONE(daysLeft));
      continue;
    }
    const live = own.filter((a) => a.status !== 'CANCELLED').sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime());
    needs.push({
      purchase,
      toPlace,
      daysLeft,
      today,
      frozen,
      providers: live[0] ? [live[0].provider.id] : null,
      durationMs: (durationOf.get(purchase.package.id) ?? 60) * 60_000,
    });
  }
  if (needs.length === 0) return risks;

  const clinicIds = [...new Set(needs.map((n) => n.purchase.package.clinic.id))];
  const links = await em.find(
    ProviderClinic,
    { tenant: tenantId, clinic: { $in: clinicIds }, provider: { active: true } },
    { fields: ['clinic', 'provider'], disableIdentityMap: true },
  );
  const providersOfClinic = new Map<string, string[]>();
  for (const link of links) providersOfClinic.set(link.clinic.id, [...(providersOfClinic.get(link.clinic.id) ?? []), link.provider.id]);

  for (const clinicId of clinicIds) {
    const mine = needs.filter((n) => n.purchase.package.clinic.id === clinicId);
    const zone = mine[0]!.purchase.package.clinic.timeZone;
    const clinicProviders = providersOfClinic.get(clinicId) ?? [];
    const providerIds = [...new Set(mine.flatMap((n) => n.providers ?? clinicProviders))];
    const today = mine[0]!.today;
    const lastDay = mine.reduce((last, n) => (n.purchase.expiryDate > last ? n.purchase.expiryDate : last), today);
    const calendars = await loadCalendars(em, {
      tenantId,
      clinicId,
      providerIds,
      from: startOfLocalDay(today, zone),
      to: startOfLocalDay(addDays(lastDay, 1), zone),
    });
    // Whether provider p has a free slot of a duration on a date: computed once, shared by every purchase.
    const cache = new Map<string, boolean>();
    const timelines = new Map(providerIds.map((id) => [id, new Timeline(calendars.providerBusy.get(id) ?? [])]));
    const hasSlot = (providerId: string, date: LocalDate, durationMs: number) => {
      const key = `${providerId}|${date}|${durationMs}`;
      let answer = cache.get(key);
      if (answer === undefined) {
        const working = workingRangesOn(date, calendars.weeklyHours.get(providerId) ?? [], zone);
        const free = timelines.get(providerId)!.cutFrom(working);
        answer = earliestSlot(free, durationMs, now.getTime()) !== undefined;
        cache.set(key, answer);
      }
      return answer;
    };
    for (const need of mine) {
      const who = need.providers ?? clinicProviders;
      let free = 0;
      for (let date = need.today; date <= need.purchase.expiryDate; date = addDays(date, 1)) {
        if (!need.frozen.has(date) && who.some((providerId) => hasSlot(providerId, date, need.durationMs))) free += 1;
      }
      risks.set(need.purchase.id, {
        level: riskLevel(need.toPlace, need.daysLeft, free),
        sessionsToPlace: need.toPlace,
        daysLeft: need.daysLeft,
        freeSlotsBeforeExpiry: free,
      });
    }
  }
  return risks;
}

/** The purchases at risk of not being delivered before expiry, fewest days left first (CANNOT_FINISH first on a tie). */
export async function atRiskPurchaseIds(
  em: EntityManager,
  tenantId: string,
  now: Date,
  clinicId?: string | null,
): Promise<Array<{ id: string; risk: ExpiryRisk }>> {
  const active = await em.find(
    PackagePurchase,
    { tenant: tenantId, status: 'ACTIVE', ...(clinicId ? { package: { clinic: clinicId } } : {}) },
    { fields: ['id'], disableIdentityMap: true },
  );
  const risks = await expiryRisksOf(em, tenantId, active.map((p) => p.id), now);
  const order = { CANNOT_FINISH: 0, AT_RISK: 1, NONE: 2 } as const;
  return [...risks.entries()]
    .filter(([, risk]) => risk.level !== 'NONE')
    .map(([id, risk]) => ({ id, risk }))
    .sort((a, b) => a.risk.daysLeft - b.risk.daysLeft || order[a.risk.level] - order[b.risk.level] || a.id.localeCompare(b.id));
}

/**
 * The desk's list: purchases whose sessions may not all be delivered before expiry, with their
 * risk, fewest days left first. Statements do not grow with the number of purchases.
 */
export function listAtRiskPurchases(
  context: UseCaseContext,
  input: { clinicId?: string | null | undefined },
): Promise<Result<Array<{ purchase: PackagePurchase; risk: ExpiryRisk }>>> {
  const { em, actor, now } = context;
  return reading(async () => {
    authorize(actor, 'readWaitlist');
    if (input.clinicId && !isUuid(input.clinicId)) refuse('NOT_FOUND', 'No clinic with that id.', ['clinicId']);
    const ranked = await atRiskPurchaseIds(em, actor.tenantId, now, input.clinicId);
    const rows = ranked.length ? await em.find(PackagePurchase, { tenant: actor.tenantId, id: { $in: ranked.map((r) => r.id) } }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ranked.flatMap(({ id, risk }) => {
      const purchase = byId.get(id);
      return purchase ? [{ purchase, risk }] : [];
    });
  });
}
