import { instantAt, localDateOf, weekdayIndexOf } from '../kernel/local-time.js';
import type { DeclinedSlot } from './waitlist-entry.entity.js';

/** What an entry asks for, as the rules read it. */
export interface WaitlistWish {
  providerIds: readonly string[];
  weekdays: readonly number[];
  fromDate: string;
  toDate: string;
  windowFrom?: string | null | undefined;
  windowTo?: string | null | undefined;
  declinedSlots: readonly DeclinedSlot[];
}

export interface CandidateSlot {
  providerId: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Whether a slot answers an entry: one of its providers (or any), a date inside its inclusive
 * dates, one of its week days (or any), inside its daily window (starts and ends inside), and not
 * a slot it already declined. Dates, days and window are clinic-local.
 */
export function slotMatches(wish: WaitlistWish, slot: CandidateSlot, zone: string): boolean {
  if (wish.providerIds.length > 0 && !wish.providerIds.includes(slot.providerId)) return false;
  const date = localDateOf(slot.startsAt, zone);
  if (date < wish.fromDate || date > wish.toDate) return false;
  if (wish.weekdays.length > 0 && !wish.weekdays.includes(weekdayIndexOf(date))) return false;
  if (wish.windowFrom && wish.windowTo) {
    if (slot.startsAt < instantAt(date, wish.windowFrom, zone) || slot.endsAt > instantAt(date, wish.windowTo, zone)) return false;
  }
  const start = slot.startsAt.toISOString();
  return !wish.declinedSlots.some((d) => d.providerId === slot.providerId && d.startsAt === start);
}

/** Who is offered a freed slot first: purchases at risk of expiring, then the oldest entry. */
export function offerOrder<T extends { createdAt: Date; id: string; atRisk: boolean }>(entries: readonly T[]): T[] {
  return [...entries].sort(
    (a, b) => Number(b.atRisk) - Number(a.atRisk) || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
  );
}

/** An offer lasts the tenant's hold time, and never past the slot's start. */
export function offerExpiry(now: Date, holdMinutes: number, startsAt: Date): Date {
  return new Date(Math.min(now.getTime() + holdMinutes * 60_000, startsAt.getTime()));
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const isTimeOfDay = (value: string) => TIME.test(value);
