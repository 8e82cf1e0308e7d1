import DataLoader from 'dataloader';
import { Arg, Ctx, Field, ID, InputType, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { FieldResolver, Mutation } from '../answers.js';
import {
  Appointment as AppointmentEntityClass,
  PackagePurchase as PurchaseEntityClass,
  cancelPackagePurchaseOnce,
  extendPackagePurchase,
  expiryAfterFreeze,
  freezePackagePurchase,
  readFilter,
  transferPackagePurchaseOnce,
  type PackagePurchase as PurchaseEntity,
  waiveCharge,
  allowedPurchaseActions,
  PackageFreeze as PackageFreezeEntity,
  isView,
  localDateOf,
  Tenant as TenantEntity,
  voidBlockedBy,
  type PackagePurchaseView,
  type PurchaseAction as PurchaseActionValue,
  type Appointment as AppointmentEntity,
  type AppointmentIncident as AppointmentIncidentValue,
  type Invoice as InvoiceEntity,
  type InvoiceKind as InvoiceKindValue,
} from '@clinic/domain';
import type { GraphqlContext } from '../context.js';
import { AppointmentIncident, InvoiceKind, PackagePurchaseAction } from '../enums.js';
import { idOf } from '../global-id.js';
import { related } from '../loaders.js';
import { payload, UserError } from '../user-error.js';
import { idempotencyKey, resultOf } from '../idempotency.js';
import { asAppointment, asPackagePurchase } from '../source.js';
import { actorOf, useCase } from '../viewer.js';
import { Invoice, PackagePurchase } from '../types/purchase.type.js';
import { Appointment } from '../types/appointment.type.js';
import { SetAppointmentStatusPayload } from '../types/payloads.js';
import { InstantScalar, LocalDateScalar } from '../scalars.js';

const USER_ERRORS = { description: 'Why nothing changed; empty on success.' };

@InputType({ description: 'Cancel an active purchase and refund what is left of it.' })
export class CancelPackagePurchaseInput {
  @Field(() => ID, { description: 'The purchase.' }) packagePurchaseId!: string;
  @Field(() => String, { description: 'Why; may not be blank (at most 2000 characters).' }) reason!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The net (tax-exclusive) amount to give back, a decimal string such as "500.00"; at most the purchase\'s liability (REFUND_TOO_LARGE). Default: the unconsumed sessions at their value, which is the whole liability. What is not refunded is kept as breakage.',
  })
  refundAmount?: string | null;
}

@ObjectType({ description: 'The answer to a change of a purchase.' })
export class PackagePurchasePayload {
  @Field(() => PackagePurchase, { nullable: true, description: 'The purchase after the change.' }) packagePurchase?: PackagePurchase | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@InputType({ description: 'Waive what a late cancellation or no-show cost.' })
export class WaiveChargeInput {
  @Field(() => ID, { description: 'The cancelled or no-show appointment.' }) appointmentId!: string;
  @Field(() => String, { description: 'Why; may not be blank (at most 2000 characters).' }) reason!: string;
}

@InputType({ description: 'Pause an active purchase between two clinic-local dates, both included.' })
export class FreezePackagePurchaseInput {
  @Field(() => ID, { description: 'The purchase.' }) packagePurchaseId!: string;
  @Field(() => LocalDateScalar, { description: 'First paused day (today or later, on or before the expiry).' }) from!: string;
  @Field(() => LocalDateScalar, { description: 'Last paused day (inclusive: 1-10 March is 10 days).' }) to!: string;
  @Field(() => String, { description: 'Why; may not be blank (at most 2000 characters).' }) reason!: string;
}

@InputType({ description: "Move an active purchase's expiry later." })
export class ExtendPackagePurchaseInput {
  @Field(() => ID, { description: 'The purchase.' }) packagePurchaseId!: string;
  @Field(() => LocalDateScalar, { description: 'The new expiry: later than the current one.' }) expiryDate!: string;
  @Field(() => String, { description: 'Why; may not be blank (at most 2000 characters).' }) reason!: string;
}

@InputType({ description: 'Move the unused sessions of an active purchase to another patient of the clinic group.' })
export class TransferPackagePurchaseInput {
  @Field(() => ID, { description: 'The purchase.' }) packagePurchaseId!: string;
  @Field(() => ID, { description: 'The patient who receives the unused sessions.' }) toPatientId!: string;
  @Field(() => String, { description: 'Why; may not be blank (at most 2000 characters).' }) reason!: string;
}

@ObjectType({ description: 'The answer to a transfer: the ended original and the new purchase.' })
export class TransferPayload {
  @Field(() => PackagePurchase, { nullable: true, description: 'The original purchase, ended (CANCELLED), keeping what it used.' }) from?: PackagePurchase | null;
  @Field(() => PackagePurchase, { nullable: true, description: "The new purchase with the unused sessions, the same expiry and the original's liability." })
  to?: PackagePurchase | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@Resolver()
export class PurchaseLifeResolver {
  @Mutation(() => PackagePurchasePayload, {
    description:
      'Freeze (pause) an active purchase (RECEPTIONIST, FINANCE, ADMIN): its expiry moves out by the paused days, within the tenant\'s cap (FREEZE_LIMIT_EXCEEDED); open appointments inside the pause refuse it (APPOINTMENTS_IN_FREEZE, naming them); audited.',
  })
  async freezePackagePurchase(
    @Arg('input', () => FreezePackagePurchaseInput, { description: 'Purchase, dates and reason.' }) input: FreezePackagePurchaseInput,
    @Ctx() context: GraphqlContext,
  ): Promise<PackagePurchasePayload> {
    const result = await freezePackagePurchase(useCase(context), {
      packagePurchaseId: idOf('PackagePurchase', input.packagePurchaseId),
      from: input.from,
      to: input.to,
      reason: input.reason,
    });
    return payload(result, ({ packagePurchase }) => ({ packagePurchase: asPackagePurchase(packagePurchase) }));
  }

  @Mutation(() => PackagePurchasePayload, { description: "Move an active purchase's expiry later (ADMIN), with a reason; audited." })
  async extendPackagePurchase(
    @Arg('input', () => ExtendPackagePurchaseInput, { description: 'Purchase, new expiry and reason.' }) input: ExtendPackagePurchaseInput,
    @Ctx() context: GraphqlContext,
  ): Promise<PackagePurchasePayload> {
    const result = await extendPackagePurchase(useCase(context), {
      packagePurchaseId: idOf('PackagePurchase', input.packagePurchaseId),
      expiryDate: input.expiryDate,
      reason: input.reason,
    });
    return payload(result, (packagePurchase) => ({ packagePurchase: asPackagePurchase(packagePurchase) }));
  }

  @Mutation(() => TransferPayload, {
    description:
      "Move the unused sessions of an active purchase to another patient (FINANCE, ADMIN): its open future appointments are cancelled first; a new purchase holds the sessions, the expiry and the liability (ledger TRANSFERRED); the original ends CANCELLED; no money moves; one transaction, audited.",
  })
  async transferPackagePurchase(
    @Arg('input', () => TransferPackagePurchaseInput, { description: 'Purchase, receiving patient and reason.' }) input: TransferPackagePurchaseInput,
    @Ctx() context: GraphqlContext,
  ): Promise<TransferPayload> {
    const outcome = await transferPackagePurchaseOnce(
      useCase(context),
      {
        packagePurchaseId: idOf('PackagePurchase', input.packagePurchaseId),
        toPatientId: idOf('Patient', input.toPatientId),
        reason: input.reason,
      },
      idempotencyKey(context),
    );
    const result = resultOf(context, outcome);
    return payload(result, ({ from, to }) => ({ from: asPackagePurchase(from), to: asPackagePurchase(to) }));
  }

  @Mutation(() => SetAppointmentStatusPayload, {
    description:
      'Waive the charge of a late cancellation or no-show (FINANCE, ADMIN): the consumed session comes back (status kept, session number freed, ledger REVERSED) and the unpaid fee invoice is voided; audited. NOTHING_TO_WAIVE, INVOICE_HAS_PAYMENTS.',
  })
  async waiveCharge(
    @Arg('input', () => WaiveChargeInput, { description: 'Appointment and reason.' }) input: WaiveChargeInput,
    @Ctx() context: GraphqlContext,
  ): Promise<SetAppointmentStatusPayload> {
    const result = await waiveCharge(useCase(context), { appointmentId: idOf('Appointment', input.appointmentId), reason: input.reason });
    return payload(result, ({ appointment, packagePurchase }) => ({
      appointment: asAppointment(appointment),
      packagePurchase: packagePurchase && asPackagePurchase(packagePurchase),
    }));
  }

  @Mutation(() => PackagePurchasePayload, {
    description:
      'Cancel an active purchase with a refund (FINANCE, ADMIN): its open future appointments are cancelled first, the refund leaves the liability, the purchase ends CANCELLED; one transaction, audited.',
  })
  async cancelPackagePurchase(
    @Arg('input', () => CancelPackagePurchaseInput, { description: 'Purchase, reason and refund.' }) input: CancelPackagePurchaseInput,
    @Ctx() context: GraphqlContext,
  ): Promise<PackagePurchasePayload> {
    // Under an Idempotency-Key, a retried refund is given once.
    const outcome = await cancelPackagePurchaseOnce(
      useCase(context),
      {
        packagePurchaseId: idOf('PackagePurchase', input.packagePurchaseId),
        reason: input.reason,
        refundAmount: input.refundAmount,
      },
      idempotencyKey(context),
    );
    const result = resultOf(context, outcome);
    return payload(result, ({ packagePurchase }) => ({ packagePurchase: asPackagePurchase(packagePurchase) }));
  }
}

@Resolver(() => Invoice)
export class InvoiceKindResolver {
  @FieldResolver(() => InvoiceKind, { description: 'PACKAGE or FEE.' })
  kind(@Root() invoice: InvoiceEntity): InvoiceKindValue {
    return invoice.kind ?? 'PACKAGE';
  }

  @FieldResolver(() => Appointment, { nullable: true, description: 'The late-cancelled or no-show appointment a FEE invoice charges for; null for a package.' })
  async appointment(@Root() invoice: InvoiceEntity, @Ctx() context: GraphqlContext): Promise<Appointment | null> {
    // Fee invoices are few: one statement each. Every role that reads invoices reads every appointment.
    if (!invoice.appointment) return null;
    const appointment = await useCase(context).em.findOne(AppointmentEntityClass, { id: invoice.appointment.id, tenant: actorOf(context).tenantId });
    return appointment && asAppointment(appointment);
  }
}

@ObjectType({ description: 'One pause of a purchase: clinic-local dates, both included, and why.' })
export class PackageFreezePeriod {
  @Field(() => LocalDateScalar, { description: 'First paused day.' }) startDate!: string;
  @Field(() => LocalDateScalar, { description: 'Last paused day (inclusive).' }) endDate!: string;
  @Field(() => Int, { description: 'Paused days: endDate - startDate + 1.' }) days!: number;
  @Field(() => String, { description: 'Why it was paused.' }) reason!: string;
}

@Resolver(() => Appointment)
export class AppointmentChargeResolver {
  @FieldResolver(() => AppointmentIncident, { nullable: true, description: 'A late cancellation or a no-show of a package session; null otherwise.' })
  incident(@Root() appointment: AppointmentEntity): AppointmentIncidentValue | null {
    return appointment.incident ?? null;
  }

  @FieldResolver(() => Boolean, { description: 'The grace allowance forgave this incident: no session, no fee.' })
  graceApplied(@Root() appointment: AppointmentEntity): boolean {
    return appointment.graceApplied ?? false;
  }

  @FieldResolver(() => InstantScalar, { nullable: true, description: 'When its charge was waived.' })
  waivedAt(@Root() appointment: AppointmentEntity): Date | null {
    return appointment.waivedAt ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why its charge was waived.' })
  waiveReason(@Root() appointment: AppointmentEntity): string | null {
    return appointment.waiveReason ?? null;
  }
}

/** Per request: the purchase each purchase's sessions moved to, in one statement for the whole answer, as the reader may see it. */
const transferTargets = new WeakMap<GraphqlContext, DataLoader<string, PurchaseEntity | null>>();
function transferTargetsFor(context: GraphqlContext): DataLoader<string, PurchaseEntity | null> {
  let loader = transferTargets.get(context);
  if (!loader) {
    loader = new DataLoader<string, PurchaseEntity | null>(async (ids) => {
      const actor = actorOf(context);
      const found = await useCase(context).em.find(PurchaseEntityClass, { $and: [{ transferredFrom: { $in: [...ids] } }, readFilter(actor, PurchaseEntityClass)] });
      const byOrigin = new Map(found.map((purchase) => [purchase.transferredFrom!.id, purchase]));
      return ids.map((id) => byOrigin.get(id) ?? null);
    });
    transferTargets.set(context, loader);
  }
  return loader;
}

@Resolver(() => PackagePurchase)
export class PurchaseLifeFieldsResolver {
  @FieldResolver(() => Int, { description: 'Days it was paused (frozen), all its freezes together; its expiry moved out by as many.' })
  frozenDays(@Root() purchase: PurchaseEntity): number {
    return purchase.frozenDays ?? 0;
  }

  @FieldResolver(() => PackagePurchase, { nullable: true, description: 'The purchase its unused sessions moved to (a transfer); null when none, or when the reader may not see it.' })
  async transferredTo(@Root() purchase: PurchaseEntity, @Ctx() context: GraphqlContext): Promise<PackagePurchase | null> {
    const target = await transferTargetsFor(context).load(purchase.id);
    return target && asPackagePurchase(target);
  }

  @FieldResolver(() => [PackagePurchaseAction], {
    description:
      "The changes of its life the caller may ask for now (their role, the purchase's state and the clinic-local day, as the mutations decide): a screen offers exactly these. Input-dependent refusals (dates, appointments inside a freeze) still come back as userErrors.",
  })
  async allowedActions(@Root() root: PurchaseEntity | PackagePurchaseView, @Ctx() context: GraphqlContext): Promise<PurchaseActionValue[]> {
    const actor = actorOf(context);
    const purchase = isView(root) ? await context.loaders.packagePurchase.load(root.id) : root;
    if (!purchase || purchase.status !== 'ACTIVE') return [];
    const pkg = await related(context.loaders.package, purchase.package);
    const clinic = await related(context.loaders.clinic, pkg.clinic);
    const tenant = await tenantOf(context);
    return allowedPurchaseActions(actor, purchase, localDateOf(context.now(), clinic.timeZone), tenant.freezeCapDays);
  }

  @FieldResolver(() => LocalDateScalar, {
    nullable: true,
    description:
      'What its expiry would become if it were frozen from `from` to `to` (both included), before asking freezePackagePurchase; null until both dates are given, and when `to` comes before `from`.',
  })
  expiryAfterFreeze(
    @Root() purchase: PurchaseEntity | PackagePurchaseView,
    @Arg('from', () => LocalDateScalar, { nullable: true, description: 'First paused day.' }) from: string | null,
    @Arg('to', () => LocalDateScalar, { nullable: true, description: 'Last paused day.' }) to: string | null,
  ): string | null {
    return from && to ? expiryAfterFreeze(purchase.expiryDate, from, to) : null;
  }

  @FieldResolver(() => [PackageFreezePeriod], { description: 'Its pauses, earliest first.' })
  async freezes(@Root() purchase: PurchaseEntity | PackagePurchaseView, @Ctx() context: GraphqlContext): Promise<PackageFreezePeriod[]> {
    return freezesFor(context).load(purchase.id);
  }

  @FieldResolver(() => PackagePurchase, { nullable: true, description: 'The purchase its sessions came from (a transfer); null when none, or when the reader may not see it.' })
  async transferredFrom(@Root() purchase: PurchaseEntity, @Ctx() context: GraphqlContext): Promise<PackagePurchase | null> {
    actorOf(context);
    const origin = purchase.transferredFrom ? await context.loaders.packagePurchase.load(purchase.transferredFrom.id) : null;
    return origin && asPackagePurchase(origin);
  }
}

/** Per request: the pauses of every purchase of the answer, in one statement. */
const freezeLists = new WeakMap<GraphqlContext, DataLoader<string, PackageFreezePeriod[]>>();
function freezesFor(context: GraphqlContext): DataLoader<string, PackageFreezePeriod[]> {
  let loader = freezeLists.get(context);
  if (!loader) {
    loader = new DataLoader<string, PackageFreezePeriod[]>(async (ids) => {
      const rows = await useCase(context).em.find(
        PackageFreezeEntity,
        { tenant: actorOf(context).tenantId, packagePurchase: { $in: [...ids] } },
        { orderBy: { startDate: 'asc' } },
      );
      return ids.map((id) => rows.filter((row) => row.packagePurchase.id === id));
    });
    freezeLists.set(context, loader);
  }
  return loader;
}

/** Per request: the caller's tenant (its freeze cap), read once. */
const tenants = new WeakMap<GraphqlContext, Promise<TenantEntity>>();
function tenantOf(context: GraphqlContext): Promise<TenantEntity> {
  let tenant = tenants.get(context);
  if (!tenant) {
    tenant = useCase(context).em.findOneOrFail(TenantEntity, { id: actorOf(context).tenantId });
    tenants.set(context, tenant);
  }
  return tenant;
}

@Resolver(() => Invoice)
export class InvoiceVoidResolver {
  @FieldResolver(() => Boolean, { description: 'Whether the caller may void it now (voidInvoice would accept it with a reason).' })
  canVoid(@Root() invoice: InvoiceEntity, @Ctx() context: GraphqlContext): boolean {
    return voidBlockedBy(actorOf(context), invoice) === null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Why it cannot be voided now, as the code voidInvoice would answer: FORBIDDEN, INVOICE_VOID, INVOICE_ALREADY_PAID or INVOICE_HAS_PAYMENTS; null when canVoid.',
  })
  voidBlockedBy(@Root() invoice: InvoiceEntity, @Ctx() context: GraphqlContext): string | null {
    return voidBlockedBy(actorOf(context), invoice);
  }
}
