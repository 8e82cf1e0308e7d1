import { authorize, type Actor } from '../kernel/actor.js';
import { findReadable } from '../access/read-policy.js';
import { refuse, type Result } from '../kernel/domain-error.js';
import { findInTenant, isUuid } from '../kernel/find.js';
import { addDays, localDateOf, startOfLocalDay } from '../kernel/local-time.js';
import { reading, type UseCaseContext } from '../kernel/use-case.js';
import { Service } from '../catalogue/service.entity.js';
import { ProviderClinic } from '../providers/provider-clinic.entity.js';
import { allSlots, workingRangesOn } from './date-ranges.js';
import { loadCalendars } from './provider-calendar.js';
import { Timeline } from './timeline.js';
import { PackagePurchase } from '../purchases/package-purchase.entity.js';
import { freezesOf, frozenDatesOf } from '../purchases/purchase-freezes.js';

/** How far ahead "first available" looks, in clinic-local days. */
export const FIRST_AVAILABLE_HORIZON_DAYS = 28;
export const FIRST_AVAILABLE_MAX = 50;

export interface AvailableSlot {
  providerId: string;
  providerName: string;
  startsAt: Date;
  endsAt: Date;
}

export interface FirstAvailableInput {
  clinicId: string;
  serviceId: string;
  /** Not before this instant (and never before "now"). */
  from?: Date | null | undefined;
  /** Only these providers of the clinic; all its active providers when absent or empty. */
  providerIds?: readonly string[] | null | undefined;
  /** How many slots, 1 to 50. */
  first: number;
  /** Slots for a session of this purchase: none on its frozen dates or after its expiry. */
  packagePurchaseId?: string | null | undefined;
}

/**
 * The earliest free slots for a service across the providers of its clinic, in time order (then
 * provider name), within four weeks of `from`. Working hours, closures, time off and live
 * appointments are respected. Six statements whatever the number of providers or days.
 */
export function firstAvailableSlots(context: UseCaseContext, input: FirstAvailableInput): Promise<Result<AvailableSlot[]>> {
  const { em, actor, now } = context;
  return reading(async () => {
    authorize(actor, 'readAppointments');
    if (!Number.isInteger(input.first) || input.first < 1 || input.first > FIRST_AVAILABLE_MAX) {
      refuse('VALIDATION', `Ask for 1 to ${FIRST_AVAILABLE_MAX} slots.`, ['first']);
    }
    if (!isUuid(input.clinicId)) refuse('NOT_FOUND', 'No clinic with that id.', ['clinicId']);
    const service = await findInTenant(em, Service, input.serviceId, actor.tenantId, ['serviceId'], { populate: ['clinic'] });
    if (service.clinic.id !== input.clinicId) refuse('VALIDATION', 'The service is not offered by this clinic.', ['serviceId']);
    const wanted = input.providerIds?.length ? [...new Set(input.providerIds)] : null;
    if (wanted?.some((id) => !isUuid(id))) refuse('NOT_FOUND', 'No such provider.', ['providerIds']);
    const links = await em.find(
      ProviderClinic,
      { tenant: actor.tenantId, clinic: service.clinic.id, provider: { active: true, ...(wanted ? { id: { $in: wanted } } : {}) } },
      { populate: ['provider'], disableIdentityMap: true },
    );
    if (wanted && links.length !== wanted.length) refuse('NOT_FOUND', 'A provider does not work in this clinic.', ['providerIds']);
    const providers = links.map((link) => link.provider);
    const zone = service.clinic.timeZone;
    const notBefore = Math.max(now.getTime(), input.from?.getTime() ?? 0);
    const firstDay = localDateOf(new Date(notBefore), zone);
    const calendars = await loadCalendars(em, {
      tenantId: actor.tenantId,
      clinicId: service.clinic.id,
      providerIds: providers.map((provider) => provider.id),
      from: startOfLocalDay(firstDay, zone),
      to: startOfLocalDay(addDays(firstDay, FIRST_AVAILABLE_HORIZON_DAYS), zone),
    });
    const purchaseDays = await purchaseDaysOf(em, actor, input.packagePurchaseId);
    const durationMs = service.durationMinutes * 60_000;
    const found: AvailableSlot[] = [];
    // Day by day, so that the search stops at the first day that fills the list.
    for (let day = 0; day < FIRST_AVAILABLE_HORIZON_DAYS && found.length < input.first; day += 1) {
      const date = addDays(firstDay, day);
      if (purchaseDays && (date > purchaseDays.expiryDate || purchaseDays.frozen.has(date))) continue;
      for (const provider of providers) {
        const working = workingRangesOn(date, calendars.weeklyHours.get(provider.id) ?? [], zone);
        const free = new Timeline(calendars.providerBusy.get(provider.id) ?? []).cutFrom(working);
        for (const slot of allSlots(free, durationMs, notBefore)) {
          found.push({ providerId: provider.id, providerName: provider.name, startsAt: new Date(slot.start), endsAt: new Date(slot.end) });
        }
      }
    }
    found.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.providerName.localeCompare(b.providerName) || a.providerId.localeCompare(b.providerId));
    return found.slice(0, input.first);
  });
}

/** The days a purchase's sessions may not take: after its expiry, and inside its freezes. */
async function purchaseDaysOf(em: UseCaseContext['em'], actor: Actor, purchaseId: string | null | undefined) {
  if (!purchaseId) return null;
  // As the reader may see it: a purchase outside their read policy is not found.
  const purchase = await findReadable(em, actor, PackagePurchase, purchaseId, ['packagePurchaseId']);
  return { expiryDate: purchase.expiryDate, frozen: frozenDatesOf(await freezesOf(em, purchase)) };
}
