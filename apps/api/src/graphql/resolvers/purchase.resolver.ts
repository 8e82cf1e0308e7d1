import { Arg, Ctx, ID, Int, Resolver, Root } from 'type-graphql';
import { FieldResolver, Mutation, Query } from '../answers.js';
import {
  availablePackagesView,
  countSessions,
  nextFreeSession,
  packageProgressView,
  payInvoiceOnce,
  progressOf,
  purchasePackageOnce,
  type Invoice as InvoiceEntity,
  type PackagePurchase as PurchaseEntity,
  type PackagePurchaseView,
  isView,
} from '@clinic/domain';
import { asInvoice, asPackage, asPackageProgress, asPackagePurchase, asPatient, asService } from '../source.js';
import type { GraphqlContext } from '../context.js';
import { idOf, optionalIdOf } from '../global-id.js';
import { loadedOr, related } from '../loaders.js';
import { idempotencyKey, resultOf } from '../idempotency.js';
import { payload } from '../user-error.js';
import { actorOf, useCase } from '../viewer.js';
import { Package } from '../types/catalogue.type.js';
import { Patient } from '../types/people.type.js';
import { Invoice, PackageProgress, PackagePurchase } from '../types/purchase.type.js';
import { NextPackageSession } from '../types/appointment.type.js';
import { PayInvoiceInput, PurchasePackageInput } from '../types/inputs.js';
import { PayInvoicePayload, PurchasePackagePayload } from '../types/payloads.js';
import { orNullWhenNotFound, orThrow } from './query-result.js';

@Resolver()
export class PurchaseResolver {
  @Query(() => [PackagePurchase], { description: 'ACTIVE, unexpired purchases of the patient with sessions remaining (rule 5).' })
  async availablePackages(
    @Arg('patientId', () => ID, { description: 'The patient.' }) patientId: string,
    @Arg('clinicId', () => ID, { nullable: true, description: 'Only packages of this clinic.' }) clinicId: string | null,
    @Ctx() context: GraphqlContext,
  ): Promise<PackagePurchase[]> {
    // A read model: one statement shapes the purchases with package, clinic, service lines and counts.
    const result = await availablePackagesView(useCase(context), {
      patientId: idOf('Patient', patientId),
      clinicId: optionalIdOf('Clinic', clinicId),
    });
    if (!result.ok && result.error.code === 'NOT_FOUND') return [];
    return orThrow(result).map(({ packagePurchase }) => asPackagePurchase(packagePurchase));
  }

  @Query(() => PackageProgress, { nullable: true, description: "Null when the purchase does not exist in the caller's tenant." })
  async packageProgress(
    @Arg('packagePurchaseId', () => ID, { description: 'The purchase.' }) packagePurchaseId: string,
    @Ctx() context: GraphqlContext,
  ): Promise<PackageProgress | null> {
    // A read model: one statement shapes the purchase, its package, patient and every session.
    const progress = orNullWhenNotFound(await packageProgressView(useCase(context), idOf('PackagePurchase', packagePurchaseId)));
    return progress && asPackageProgress(progress);
  }

  @Mutation(() => PurchasePackagePayload, { description: 'Issue the invoice for a package; the purchase exists once it is paid.' })
  async purchasePackage(
    @Arg('input', () => PurchasePackageInput, { description: 'Patient and package.' }) input: PurchasePackageInput,
    @Ctx() context: GraphqlContext,
  ): Promise<PurchasePackagePayload> {
    const outcome = await purchasePackageOnce(
      useCase(context),
      {
        patientId: idOf('Patient', input.patientId),
        packageId: idOf('Package', input.packageId),
        allowAnotherOpenInvoice: input.allowAnotherOpenInvoice,
      },
      idempotencyKey(context),
    );
    const result = resultOf(context, outcome);
    return payload(result, (invoice) => ({ invoice: asInvoice(invoice) }));
  }

  @Mutation(() => PayInvoicePayload, { description: 'Record the payment; creates the purchase. Paying again creates nothing.' })
  async payInvoice(
    @Arg('input', () => PayInvoiceInput, { description: 'The invoice.' }) input: PayInvoiceInput,
    @Ctx() context: GraphqlContext,
  ): Promise<PayInvoicePayload> {
    const outcome = await payInvoiceOnce(useCase(context), { invoiceId: idOf('Invoice', input.invoiceId) }, idempotencyKey(context));
    const result = resultOf(context, outcome);
    return payload(result, ({ invoice, packagePurchase }) => ({
      invoice: asInvoice(invoice),
      packagePurchase: asPackagePurchase(packagePurchase),
    }));
  }
}

/** A purchase as the field resolvers meet it: an entity (writes, batch loads) or a read model's view. */
type PurchaseRoot = PurchaseEntity | PackagePurchaseView;

@Resolver(() => PackagePurchase)
export class PackagePurchaseFieldsResolver {
  // A row already held (a read model's view, a loaded entity) is answered at once, not as a
  // promise: a promise here makes every enclosing object and list of the answer asynchronous.
  @FieldResolver(() => Patient, { description: 'Who owns it.' })
  patient(@Root() purchase: PurchaseRoot, @Ctx() context: GraphqlContext): Patient | Promise<Patient> {
    return isView(purchase) ? asPatient(purchase.patient) : loadedOr(purchase.patient, asPatient, () => context.loaders.patient);
  }

  @FieldResolver(() => Package, { description: 'The catalogue package bought.' })
  package(@Root() purchase: PurchaseRoot, @Ctx() context: GraphqlContext): Package | Promise<Package> {
    return isView(purchase) ? asPackage(purchase.package) : loadedOr(purchase.package, asPackage, () => context.loaders.package);
  }

  @FieldResolver(() => Invoice, { description: 'The paid invoice.' })
  async invoice(@Root() purchase: PurchaseRoot, @Ctx() context: GraphqlContext): Promise<Invoice> {
    if (!isView(purchase)) return asInvoice(await related(context.loaders.invoice, purchase.invoice));
    // A view holds the invoice's id only.
    return asInvoice((await context.loaders.invoice.load(purchase.invoice.id)) ?? missing('invoice', purchase.invoice.id));
  }

  @FieldResolver(() => Int, { description: 'totalSessions - sessionsUsed.' })
  sessionsRemaining(@Root() purchase: PurchaseRoot) {
    return purchase.totalSessions - purchase.sessionsUsed;
  }

  @FieldResolver(() => Int, { description: 'Sessions remaining that no live appointment holds yet.' })
  sessionsUnscheduled(@Root() purchase: PurchaseRoot, @Ctx() context: GraphqlContext): number | Promise<number> {
    if (isView(purchase) && purchase.sessionsUnscheduled !== null) return purchase.sessionsUnscheduled;
    return context.loaders.appointmentsOfPurchase.load(purchase.id).then((appointments) => countSessions(purchase, appointments).sessionsUnscheduled);
  }

  @FieldResolver(() => NextPackageSession, {
    nullable: true,
    description: 'The session bookAppointment would take next: the lowest free number and its service; null when none is free or the purchase is not ACTIVE.',
  })
  async nextSession(@Root() purchase: PurchaseRoot, @Ctx() context: GraphqlContext): Promise<NextPackageSession | null> {
    const [lines, appointments] = await Promise.all([
      context.loaders.serviceLinesOfPackage.load(purchase.package.id),
      context.loaders.appointmentsOfPurchase.load(purchase.id),
    ]);
    const lineOf = (serviceId: string) => lines.find((line) => line.service.id === serviceId);
    const next = nextFreeSession(
      purchase,
      lines.map((line) => ({ serviceId: line.service.id, sessions: line.sessions })),
      appointments,
    );
    const line = next && lineOf(next.serviceId);
    return next && line ? { sessionNumber: next.sessionNumber, service: asService(await related(context.loaders.service, line.service)) } : null;
  }

  @FieldResolver(() => PackageProgress, { description: 'Counts of the whole purchase, and the appointments of it the viewer may read.' })
  async progress(@Root() purchase: PurchaseRoot, @Ctx() context: GraphqlContext): Promise<PackageProgress> {
    // A view (from a read model) asks its own read model: one statement more, never one per row of a list.
    if (isView(purchase)) return asPackageProgress(orThrow(await packageProgressView(useCase(context), purchase.id)));
    // The counts take every session; the list, only those of the read policy (a clinician's own).
    return asPackageProgress(progressOf(purchase, await context.loaders.appointmentsOfPurchase.load(purchase.id), actorOf(context)));
  }
}

function missing(what: string, id: string): never {
  throw new Error(`related ${what} ${id} is missing`);
}

@Resolver(() => Invoice)
export class InvoiceFieldsResolver {
  @FieldResolver(() => Patient, { description: 'Who owes it.' })
  async patient(@Root() invoice: InvoiceEntity, @Ctx() context: GraphqlContext): Promise<Patient> {
    return asPatient(await related(context.loaders.patient, invoice.patient));
  }

  @FieldResolver(() => Package, { description: 'What it is for.' })
  async package(@Root() invoice: InvoiceEntity, @Ctx() context: GraphqlContext): Promise<Package> {
    return asPackage(await related(context.loaders.package, invoice.package));
  }
}
