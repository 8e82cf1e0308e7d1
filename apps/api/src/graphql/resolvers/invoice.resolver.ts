import DataLoader from 'dataloader';
import { Arg, Ctx, Field, ID, InputType, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { FieldResolver, Mutation, Query } from '../answers.js';
import {
  balancesOfPatients,
  formatAmount,
  invoiceQr,
  sellerOf,
  type Seller,
  listInvoices,
  paymentsOfInvoices,
  recordPaymentOnce,
  voidInvoice,
  Decimal,
  type Invoice as InvoiceEntity,
  type Patient as PatientEntity,
  type Payment as PaymentEntity,
  type PackagePurchase as PurchaseEntity,
  type PaymentMethod as PaymentMethodValue,
  type InvoiceStatus as InvoiceStatusValue,
} from '@clinic/domain';
import { asInvoice, asInvoices, asPackagePurchase, asPayment, asPayments } from '../source.js';
import type { GraphqlContext } from '../context.js';
import { idOf, optionalIdOf } from '../global-id.js';
import { related } from '../loaders.js';
import { payload, UserError } from '../user-error.js';
import { idempotencyKey, resultOf } from '../idempotency.js';
import { actorOf, useCase } from '../viewer.js';
import { InvoiceStatus } from '../enums.js';
import { InstantScalar } from '../scalars.js';
import { Patient } from '../types/people.type.js';
import { Invoice, PackagePurchase, Payment, PaymentMethod } from '../types/purchase.type.js';
import { orThrow } from './query-result.js';

const USER_ERRORS = { description: 'Why nothing changed; empty on success.' };

@InputType({ description: 'Money received against an invoice: a part of it, or all that is left.' })
export class RecordPaymentInput {
  @Field(() => ID, { description: 'The invoice.' }) invoiceId!: string;
  @Field(() => String, { description: 'A positive decimal string in the invoice\'s currency, at most its balance, e.g. "500.00".' })
  amount!: string;
  @Field(() => PaymentMethod, { description: 'How it was paid.' }) method!: PaymentMethodValue;
  @Field(() => String, { nullable: true, description: 'Card slip, transfer reference... at most 200 characters.' }) reference?: string | null;
}

@InputType({ description: 'Cancel an invoice on which nothing is paid.' })
export class VoidInvoiceInput {
  @Field(() => ID, { description: 'The invoice.' }) invoiceId!: string;
  @Field(() => String, { description: 'Why; may not be blank.' }) reason!: string;
}

@ObjectType({ description: 'The answer to recordPayment.' })
export class PaymentPayload {
  @Field(() => Payment, { nullable: true, description: 'The recorded payment.' }) payment?: Payment | null;
  @Field(() => Invoice, { nullable: true, description: 'The invoice after the payment.' }) invoice?: Invoice | null;
  @Field(() => PackagePurchase, { nullable: true, description: 'The purchase, when this payment settled the invoice.' })
  packagePurchase?: PackagePurchase | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@ObjectType({ description: 'The answer to voidInvoice.' })
export class InvoicePayload {
  @Field(() => Invoice, { nullable: true, description: 'The invoice after the change.' }) invoice?: Invoice | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

/** Request-scoped batch loaders of this slice (one statement for every invoice or patient of an answer). */
const loaders = new WeakMap<GraphqlContext, { payments: DataLoader<string, PaymentEntity[]>; balances: DataLoader<string, string | null> }>();
function moneyLoaders(context: GraphqlContext) {
  let found = loaders.get(context);
  if (!found) {
    found = {
      payments: new DataLoader((ids) => paymentsOfInvoices(useCase(context), ids)),
      balances: new DataLoader((ids) => balancesOfPatients(useCase(context), ids)),
    };
    loaders.set(context, found);
  }
  return found;
}

@Resolver()
export class InvoiceResolver {
  @Query(() => [Invoice], { description: 'Invoices, newest first (ADMIN, RECEPTIONIST, FINANCE); at most 100 a page.' })
  async invoices(
    @Arg('patientId', () => ID, { nullable: true, description: 'Only this patient\'s.' }) patientId: string | null,
    @Arg('status', () => [InvoiceStatus], { nullable: true, description: 'Only these statuses.' }) status: InvoiceStatusValue[] | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The id of the last invoice of the previous page.' }) after: string | null,
    @Arg('issuedFrom', () => InstantScalar, { nullable: true, description: 'Only invoices issued at or after this instant.' }) issuedFrom: Date | null,
    @Arg('issuedBefore', () => InstantScalar, { nullable: true, description: 'Only invoices issued before this instant.' }) issuedBefore: Date | null,
    @Ctx() context: GraphqlContext,
  ): Promise<Invoice[]> {
    return asInvoices(orThrow(
      await listInvoices(useCase(context), {
        patientId: optionalIdOf('Patient', patientId),
        status,
        first,
        afterInvoiceId: after ? idOf('Invoice', after) : null,
        issuedFrom,
        issuedBefore,
      }),
    ));
  }

  @Mutation(() => PaymentPayload, {
    description: 'Record money received against an invoice (RECEPTIONIST, FINANCE, ADMIN); the payment that settles it creates the purchase.',
  })
  async recordPayment(
    @Arg('input', () => RecordPaymentInput, { description: 'Invoice, amount, method.' }) input: RecordPaymentInput,
    @Ctx() context: GraphqlContext,
  ): Promise<PaymentPayload> {
    // Under an Idempotency-Key, a retried payment is taken once.
    const outcome = await recordPaymentOnce(
      useCase(context),
      {
        invoiceId: idOf('Invoice', input.invoiceId),
        amount: input.amount,
        method: input.method,
        reference: input.reference,
      },
      idempotencyKey(context),
    );
    const result = resultOf(context, outcome);
    return payload(result, ({ payment, invoice, packagePurchase }) => ({
      payment: payment && asPayment(payment),
      invoice: asInvoice(invoice),
      packagePurchase: packagePurchase && asPackagePurchase(packagePurchase),
    }));
  }

  @Mutation(() => InvoicePayload, { description: 'Void an invoice on which nothing is paid, with a reason (FINANCE, ADMIN).' })
  async voidInvoice(
    @Arg('input', () => VoidInvoiceInput, { description: 'Invoice and reason.' }) input: VoidInvoiceInput,
    @Ctx() context: GraphqlContext,
  ): Promise<InvoicePayload> {
    const result = await voidInvoice(useCase(context), { invoiceId: idOf('Invoice', input.invoiceId), reason: input.reason });
    return payload(result, (invoice) => ({ invoice: asInvoice(invoice) }));
  }
}

@Resolver(() => Invoice)
export class InvoiceMoneyResolver {
  @FieldResolver(() => String, { description: 'The package\'s tax-exclusive price.' })
  subtotal(@Root() invoice: InvoiceEntity) {
    return formatAmount(invoice.subtotal, invoice.currency);
  }

  @FieldResolver(() => String, { description: 'Tax at the tenant\'s rate when issued.' })
  tax(@Root() invoice: InvoiceEntity) {
    return formatAmount(invoice.tax, invoice.currency);
  }

  @FieldResolver(() => String, { description: 'subtotal + tax.' })
  total(@Root() invoice: InvoiceEntity) {
    return formatAmount(invoice.total, invoice.currency);
  }

  @FieldResolver(() => String, { description: 'The sum of its payments.' })
  amountPaid(@Root() invoice: InvoiceEntity) {
    return formatAmount(invoice.amountPaid, invoice.currency);
  }

  @FieldResolver(() => String, { description: 'total - amountPaid; "0.00" once paid, and for a void invoice.' })
  balance(@Root() invoice: InvoiceEntity) {
    const owed = invoice.status === 'ISSUED' ? new Decimal(invoice.total).sub(invoice.amountPaid) : 0;
    return formatAmount(owed, invoice.currency);
  }

  @FieldResolver(() => [Payment], { description: 'Its payments, oldest first.' })
  async payments(@Root() invoice: InvoiceEntity, @Ctx() context: GraphqlContext): Promise<Payment[]> {
    actorOf(context);
    return asPayments(await moneyLoaders(context).payments.load(invoice.id));
  }
}

@Resolver(() => Payment)
export class PaymentFieldsResolver {
  @FieldResolver(() => String, { description: 'Decimal amount in the invoice\'s currency, e.g. "500.00".' })
  async amount(@Root() payment: PaymentEntity, @Ctx() context: GraphqlContext) {
    const invoice = await related(context.loaders.invoice, payment.invoice);
    return formatAmount(payment.amount, invoice.currency);
  }
}

@Resolver(() => Patient)
export class PatientBalanceResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'What the patient owes on issued, unpaid invoices ("0.00" when nothing); null for a CLINICIAN, who does not read money.',
  })
  balance(@Root() patient: PatientEntity, @Ctx() context: GraphqlContext) {
    actorOf(context);
    return moneyLoaders(context).balances.load(patient.id);
  }
}

@Resolver(() => PackagePurchase)
export class PurchaseLedgerResolver {
  private async amount(purchase: PurchaseEntity, value: string, context: GraphqlContext) {
    const invoice = await related(context.loaders.invoice, purchase.invoice);
    return formatAmount(value, invoice.currency);
  }

  @FieldResolver(() => String, { description: 'What the ledger holds for this purchase now: paid (net of tax) and not yet earned.' })
  liability(@Root() purchase: PurchaseEntity, @Ctx() context: GraphqlContext) {
    return this.amount(purchase, purchase.liability, context);
  }

  @FieldResolver(() => String, { description: 'Value of the consumed sessions, net of reversals.' })
  recognised(@Root() purchase: PurchaseEntity, @Ctx() context: GraphqlContext) {
    return this.amount(purchase, purchase.recognised, context);
  }

  @FieldResolver(() => String, { description: 'Money refunded from it.' })
  refunded(@Root() purchase: PurchaseEntity, @Ctx() context: GraphqlContext) {
    return this.amount(purchase, purchase.refunded, context);
  }

  @FieldResolver(() => String, { description: 'What was left unused when it expired.' })
  breakage(@Root() purchase: PurchaseEntity, @Ctx() context: GraphqlContext) {
    return this.amount(purchase, purchase.breakage, context);
  }
}

/** The seller of a request's tenant, read once however many invoices the answer holds. */
const sellers = new WeakMap<GraphqlContext, Promise<Seller>>();
function sellerFor(context: GraphqlContext): Promise<Seller> {
  let found = sellers.get(context);
  if (!found) {
    found = sellerOf(useCase(context));
    sellers.set(context, found);
  }
  return found;
}

@Resolver(() => Invoice)
export class InvoiceReceiptResolver {
  @FieldResolver(() => String, { description: "The seller printed on the receipt: the tenant's name." })
  async sellerName(@Root() _invoice: InvoiceEntity, @Ctx() context: GraphqlContext) {
    return (await sellerFor(context)).name;
  }

  @FieldResolver(() => String, { nullable: true, description: "The tenant's VAT registration number printed on the receipt; null while it has none." })
  async vatNumber(@Root() _invoice: InvoiceEntity, @Ctx() context: GraphqlContext) {
    return (await sellerFor(context)).vatNumber;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The e-invoicing QR code content of a simplified tax invoice (ZATCA): TLV of seller name, VAT number, issue timestamp (ISO 8601, UTC), total with VAT and VAT amount, in base64. Null while the tenant has no VAT registration number.',
  })
  async zatcaQr(@Root() invoice: InvoiceEntity, @Ctx() context: GraphqlContext) {
    return invoiceQr(invoice, await sellerFor(context));
  }
}
