import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, registerEnumType, Resolver, Root } from 'type-graphql';
import {
  APPOINTMENT_INCIDENTS,
  Appointment as AppointmentEntityClass,
  cancelPackagePurchase,
  INVOICE_KINDS,
  waiveCharge,
  type Appointment as AppointmentEntity,
  type AppointmentIncident as AppointmentIncidentValue,
  type Invoice as InvoiceEntity,
  type InvoiceKind as InvoiceKindValue,
} from '@clinic/domain';
import type { GraphqlContext } from '../context.js';
import { idOf } from '../global-id.js';
import { payload, UserError } from '../user-error.js';
import { actorOf, useCase } from '../viewer.js';
import { Invoice, PackagePurchase } from '../types/purchase.type.js';
import { Appointment } from '../types/appointment.type.js';
import { SetAppointmentStatusPayload } from '../types/payloads.js';
import { InstantScalar } from '../scalars.js';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
export const InvoiceKind = enumOf(INVOICE_KINDS);
export const AppointmentIncident = enumOf(APPOINTMENT_INCIDENTS);
registerEnumType(InvoiceKind, {
  name: 'InvoiceKind',
  description: 'What an invoice is for.',
  valuesConfig: { PACKAGE: { description: 'A package; paying it in full creates the purchase.' }, FEE: { description: 'A late cancellation or no-show fee.' } },
});
registerEnumType(AppointmentIncident, {
  name: 'AppointmentIncident',
  description: 'What a cancellation or no-show of a package session was, for fees and the grace allowance.',
  valuesConfig: {
    LATE_CANCELLATION: { description: "Cancelled within the policy's window before the start." },
    NO_SHOW: { description: 'The patient did not come.' },
  },
});

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

@Resolver()
export class PurchaseLifeResolver {
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
      appointment: appointment as unknown as Appointment,
      packagePurchase: packagePurchase as unknown as PackagePurchase,
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
    const result = await cancelPackagePurchase(useCase(context), {
      packagePurchaseId: idOf('PackagePurchase', input.packagePurchaseId),
      reason: input.reason,
      refundAmount: input.refundAmount,
    });
    return payload(result, ({ packagePurchase }) => ({ packagePurchase: packagePurchase as unknown as PackagePurchase }));
  }
}

@Resolver(() => Invoice)
export class InvoiceKindResolver {
  @FieldResolver(() => InvoiceKind, { description: 'PACKAGE or FEE.' })
  kind(@Root() invoice: InvoiceEntity): InvoiceKindValue {
    return invoice.kind ?? 'PACKAGE';
  }

  @FieldResolver(() => Appointment, { nullable: true, description: 'The late-cancelled or no-show appointment a FEE invoice charges for; null for a package.' })
  appointment(@Root() invoice: InvoiceEntity, @Ctx() context: GraphqlContext) {
    // Fee invoices are few: one statement each. Every role that reads invoices reads every appointment.
    if (!invoice.appointment) return null;
    return useCase(context).em.findOne(AppointmentEntityClass, { id: invoice.appointment.id, tenant: actorOf(context).tenantId });
  }
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
