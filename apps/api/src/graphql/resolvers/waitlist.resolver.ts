import DataLoader from 'dataloader';
import { Arg, Ctx, ID, Resolver, Root } from 'type-graphql';
import { FieldResolver, Mutation, Query } from '../answers.js';
import {
  Appointment as AppointmentEntity,
  WEEKDAYS,
  acceptWaitlistOffer,
  declineWaitlistOffer,
  expiryRisksOf,
  joinWaitlistOnce,
  listAtRiskPurchases,
  listWaitlist,
  loadByIds,
  setWaitlistHoldTime,
  waitlistSettings,
  type ExpiryRisk as ExpiryRiskValue,
  type Provider as ProviderEntity,
  type WaitlistEntry as WaitlistEntryEntity,
  type Weekday as WeekdayName,
} from '@clinic/domain';
import type { GraphqlContext } from '../context.js';
import { idOf, optionalIdOf, toGlobalId } from '../global-id.js';
import { related } from '../loaders.js';
import { asAppointment, asClinic, asPackagePurchase, asPackagePurchases, asPatient, asProvider, asProviders, asService, asWaitlistEntries, asWaitlistEntry } from '../source.js';
import { payload } from '../user-error.js';
import { idempotencyKey, resultOf } from '../idempotency.js';
import { Weekday } from '../enums.js';
import { LocalDateScalar } from '../scalars.js';
import { useCase } from '../viewer.js';
import { Appointment } from '../types/appointment.type.js';
import { Clinic, Provider, Service } from '../types/catalogue.type.js';
import { Patient } from '../types/people.type.js';
import { PackagePurchase } from '../types/purchase.type.js';
import { BookAppointmentPayload } from '../types/payloads.js';
import {
  ExpiryRisk,
  JoinWaitlistInput,
  RespondToOfferInput,
  SetWaitlistHoldTimeInput,
  WaitlistEntry,
  WaitlistPayload,
  WaitlistSettings,
  WaitlistSettingsPayload,
} from '../types/waitlist.type.js';
import { orThrow } from './query-result.js';

/** Per request: the expiry risk of every purchase in the answer, computed in one batch. */
const riskLoaders = new WeakMap<GraphqlContext, DataLoader<string, ExpiryRiskValue>>();
function riskLoader(context: GraphqlContext): DataLoader<string, ExpiryRiskValue> {
  let loader = riskLoaders.get(context);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const domain = useCase(context);
      const risks = await expiryRisksOf(domain.em, domain.actor.tenantId, ids, domain.now);
      return ids.map((id) => risks.get(id) ?? { level: 'NONE', sessionsToPlace: 0, daysLeft: 0, freeSlotsBeforeExpiry: 0 });
    });
    riskLoaders.set(context, loader);
  }
  return loader;
}

const appointmentLoaders = new WeakMap<GraphqlContext, DataLoader<string, AppointmentEntity | null>>();
function appointmentLoader(context: GraphqlContext): DataLoader<string, AppointmentEntity | null> {
  let loader = appointmentLoaders.get(context);
  if (!loader) {
    loader = new DataLoader((ids) => loadByIds(useCase(context), AppointmentEntity, ids));
    appointmentLoaders.set(context, loader);
  }
  return loader;
}

@Resolver(() => PackagePurchase)
export class PurchaseExpiryRiskResolver {
  @FieldResolver(() => ExpiryRisk, { description: 'Whether the sessions left can be delivered before expiry, with the numbers behind it.' })
  expiryRisk(@Root() purchase: { id: string }, @Ctx() context: GraphqlContext) {
    return riskLoader(context).load(purchase.id);
  }
}

@Resolver(() => WaitlistEntry)
export class WaitlistResolver {
  @Query(() => [PackagePurchase], {
    description: 'Purchases at risk of not being delivered before expiry (AT_RISK or CANNOT_FINISH), fewest days left before expiry first, frozen days not counted (ADMIN, RECEPTIONIST).',
  })
  async atRiskPackages(@Arg('clinicId', () => ID, { nullable: true, description: 'Only this clinic.' }) clinicId: string | null, @Ctx() context: GraphqlContext): Promise<PackagePurchase[]> {
    const rows = orThrow(await listAtRiskPurchases(useCase(context), { clinicId: optionalIdOf('Clinic', clinicId) }));
    const loader = riskLoader(context);
    for (const { purchase, risk } of rows) loader.prime(purchase.id, risk);
    return asPackagePurchases(rows.map((row) => row.purchase));
  }

  @Query(() => [WaitlistEntry], {
    description: 'Entries waiting or offered, offers first, then the oldest (ADMIN, RECEPTIONIST). Offers past their time lapse first and pass on.',
  })
  async waitlist(@Arg('clinicId', () => ID, { nullable: true, description: 'Only this clinic.' }) clinicId: string | null, @Ctx() context: GraphqlContext): Promise<WaitlistEntry[]> {
    return asWaitlistEntries(orThrow(await listWaitlist(useCase(context), { clinicId: optionalIdOf('Clinic', clinicId) })));
  }

  @Mutation(() => WaitlistPayload, { description: 'Put a patient on the waitlist (ADMIN, RECEPTIONIST). A matching slot free already is offered at once.' })
  async joinWaitlist(@Arg('input', () => JoinWaitlistInput, { description: 'Who waits for what.' }) input: JoinWaitlistInput, @Ctx() context: GraphqlContext) {
    const outcome = await joinWaitlistOnce(
      useCase(context),
      {
        patientId: idOf('Patient', input.patientId),
        serviceId: idOf('Service', input.serviceId),
        packagePurchaseId: optionalIdOf('PackagePurchase', input.packagePurchaseId),
        providerIds: (input.providerIds ?? []).map((id) => idOf('Provider', id)),
        from: input.from,
        to: input.to,
        preferredDays: (input.preferredDays ?? []) as WeekdayName[],
        timeWindow: input.timeWindow ? { from: input.timeWindow.from, to: input.timeWindow.to } : null,
      },
      idempotencyKey(context),
    );
    const result = resultOf(context, outcome);
    return payload(result, (entry) => ({ entry: asWaitlistEntry(entry) }));
  }

  @Mutation(() => BookAppointmentPayload, { description: 'Accept a held offer: books the slot for the patient (ADMIN, RECEPTIONIST).' })
  async acceptWaitlistOffer(@Arg('input', () => RespondToOfferInput, { description: 'The entry.' }) input: RespondToOfferInput, @Ctx() context: GraphqlContext) {
    const result = await acceptWaitlistOffer(useCase(context), { waitlistEntryId: idOf('WaitlistEntry', input.waitlistEntryId) });
    return payload(result, (appointment) => ({ appointment: asAppointment(appointment) }));
  }

  @Mutation(() => WaitlistPayload, { description: 'Decline a held offer: the slot passes to the next entry; this one waits on (ADMIN, RECEPTIONIST).' })
  async declineWaitlistOffer(@Arg('input', () => RespondToOfferInput, { description: 'The entry.' }) input: RespondToOfferInput, @Ctx() context: GraphqlContext) {
    const result = await declineWaitlistOffer(useCase(context), { waitlistEntryId: idOf('WaitlistEntry', input.waitlistEntryId) });
    return payload(result, (entry) => ({ entry: asWaitlistEntry(entry) }));
  }

  @Query(() => WaitlistSettings, { description: "The tenant's waitlist settings: how long an offer holds its slot (ADMIN)." })
  async waitlistSettings(@Ctx() context: GraphqlContext) {
    return orThrow(await waitlistSettings(useCase(context)));
  }

  @Mutation(() => WaitlistSettingsPayload, { description: 'Set how long an offer holds its slot, 15 minutes to 48 hours (ADMIN); from the next offer on.' })
  async setWaitlistHoldTime(
    @Arg('input', () => SetWaitlistHoldTimeInput, { description: 'The hold time.' }) input: SetWaitlistHoldTimeInput,
    @Ctx() context: GraphqlContext,
  ) {
    const result = await setWaitlistHoldTime(useCase(context), { holdMinutes: input.holdMinutes });
    return payload(result, (settings) => ({ waitlistSettings: settings }));
  }

  @FieldResolver(() => ID, { description: 'Global, opaque id.' })
  id(@Root() entry: { id: string }): string {
    return toGlobalId('WaitlistEntry', entry.id);
  }

  @FieldResolver(() => Patient, { description: 'Who waits.' })
  async patient(@Root() entry: WaitlistEntryEntity, @Ctx() context: GraphqlContext): Promise<Patient> {
    return asPatient(await related(context.loaders.patient, entry.patient));
  }

  @FieldResolver(() => Service, { description: 'The service wanted.' })
  async service(@Root() entry: WaitlistEntryEntity, @Ctx() context: GraphqlContext): Promise<Service> {
    return asService(await related(context.loaders.service, entry.service));
  }

  @FieldResolver(() => Clinic, { description: "The service's clinic." })
  async clinic(@Root() entry: WaitlistEntryEntity, @Ctx() context: GraphqlContext): Promise<Clinic> {
    return asClinic(await related(context.loaders.clinic, entry.clinic));
  }

  @FieldResolver(() => PackagePurchase, { nullable: true, description: 'The purchase the session would use, if any.' })
  async packagePurchase(@Root() entry: WaitlistEntryEntity, @Ctx() context: GraphqlContext): Promise<PackagePurchase | null> {
    const purchase = entry.packagePurchase ? await context.loaders.packagePurchase.load(entry.packagePurchase.id) : null;
    return purchase && asPackagePurchase(purchase);
  }

  @FieldResolver(() => [Provider], { description: 'Only these providers; empty: any of the clinic.' })
  async providers(@Root() entry: WaitlistEntryEntity, @Ctx() context: GraphqlContext): Promise<Provider[]> {
    const found = await context.loaders.provider.loadMany(entry.providerIds);
    return asProviders(found.filter((provider): provider is ProviderEntity => provider !== null && !(provider instanceof Error)));
  }

  @FieldResolver(() => [Weekday], { description: 'Only these week days; empty: any.' })
  preferredDays(@Root() entry: WaitlistEntryEntity) {
    return entry.weekdays.map((index) => WEEKDAYS[index]);
  }

  @FieldResolver(() => LocalDateScalar, { description: 'The first acceptable day (clinic-local, inclusive).' })
  from(@Root() entry: WaitlistEntryEntity) {
    return entry.fromDate;
  }

  @FieldResolver(() => LocalDateScalar, { description: 'The last acceptable day (inclusive).' })
  to(@Root() entry: WaitlistEntryEntity) {
    return entry.toDate;
  }

  @FieldResolver(() => Provider, { nullable: true, description: 'The provider of the held slot, while offered.' })
  async offeredProvider(@Root() entry: WaitlistEntryEntity, @Ctx() context: GraphqlContext): Promise<Provider | null> {
    return entry.status === 'OFFERED' && entry.offeredProvider ? asProvider(await related(context.loaders.provider, entry.offeredProvider)) : null;
  }

  @FieldResolver(() => Appointment, { nullable: true, description: 'The booking, once accepted.' })
  async appointment(@Root() entry: WaitlistEntryEntity, @Ctx() context: GraphqlContext): Promise<Appointment | null> {
    const appointment = entry.appointment ? await appointmentLoader(context).load(entry.appointment.id) : null;
    return appointment && asAppointment(appointment);
  }
}
