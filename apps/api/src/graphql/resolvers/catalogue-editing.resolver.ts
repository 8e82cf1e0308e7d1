import { Arg, Ctx, Field, ID, InputType, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { FieldResolver, Mutation, Query } from '../answers.js';
import {
  appointmentsBlockingClinicRemoval,
  deletePackage,
  retirePackage,
  timeZoneNames,
  updateClinic,
  updatePackage,
  updateProvider,
  updateService,
  type ApiToken as ApiTokenEntity,
  type Appointment as AppointmentEntity,
  type Package as PackageEntity,
} from '@clinic/domain';
import type { GraphqlContext } from '../context.js';
import { idOf } from '../global-id.js';
import { related } from '../loaders.js';
import { payload, toUserError, UserError } from '../user-error.js';
import { asAppointments, asClinic, asPackage, asProvider, asService, asUser } from '../source.js';
import { useCase } from '../viewer.js';
import { requirePermission } from './query-result.js';
import { Appointment } from '../types/appointment.type.js';
import { Clinic, Package, Provider, Service } from '../types/catalogue.type.js';
import { PackageServiceLineInput } from '../types/inputs.js';
import { User } from '../types/people.type.js';
import { ApiToken } from './viewer.resolver.js';

const USER_ERRORS = { description: 'Why nothing changed; empty on success.' } as const;
const UNCHANGED = (what: string) => ({ nullable: true, description: `${what}; left out: unchanged.` });

@InputType({ description: 'Change a clinic (ADMIN): only the fields given change.' })
export class UpdateClinicInput {
  @Field(() => ID, { description: 'The clinic.' }) clinicId!: string;
  @Field(() => String, UNCHANGED('Name in English')) nameEn?: string | null;
  @Field(() => String, UNCHANGED('Name in Arabic')) nameAr?: string | null;
  @Field(() => String, UNCHANGED('IANA time zone (see `timeZones`); refused while open appointments lie ahead')) timeZone?: string | null;
}

@InputType({ description: 'Change a service (ADMIN): only the fields given change; its clinic never does.' })
export class UpdateServiceInput {
  @Field(() => ID, { description: 'The service.' }) serviceId!: string;
  @Field(() => String, UNCHANGED('Short code, unique in the tenant')) code?: string | null;
  @Field(() => String, UNCHANGED('Name in English')) nameEn?: string | null;
  @Field(() => String, UNCHANGED('Name in Arabic')) nameAr?: string | null;
  @Field(() => Int, UNCHANGED('Minutes of one appointment, 5 to 720 in steps of 5; booked appointments keep theirs')) durationMinutes?: number | null;
  @Field(() => String, UNCHANGED('Decimal amount, e.g. "300.00"')) price?: string | null;
}

@InputType({ description: 'Change a package (ADMIN, FINANCE): only the fields given change.' })
export class UpdatePackageInput {
  @Field(() => ID, { description: 'The package.' }) packageId!: string;
  @Field(() => String, UNCHANGED('Name in English')) nameEn?: string | null;
  @Field(() => String, UNCHANGED('Name in Arabic')) nameAr?: string | null;
  @Field(() => String, { nullable: true, description: 'What the package is for; null or empty: none; left out: unchanged.' }) description?: string | null;
  @Field(() => String, UNCHANGED('Decimal amount, e.g. "1500.00": the price of later sales; every invoice keeps its own')) price?: string | null;
  @Field(() => Int, UNCHANGED('Days from purchase to expiry, 1 to 3650; only while never sold (PACKAGE_SOLD)')) validityDays?: number | null;
  @Field(() => [PackageServiceLineInput], UNCHANGED('All its lines, replacing the present ones; only while never sold (PACKAGE_SOLD)'))
  services?: PackageServiceLineInput[] | null;
}

@InputType({ description: 'A package to retire or delete.' })
export class PackageIdInput {
  @Field(() => ID, { description: 'The package.' }) packageId!: string;
}

@InputType({ description: 'Change a provider (ADMIN): only the fields given change.' })
export class UpdateProviderInput {
  @Field(() => ID, { description: 'The provider.' }) providerId!: string;
  @Field(() => String, UNCHANGED('Display name')) name?: string | null;
  @Field(() => String, { nullable: true, description: 'Display name in Arabic; empty: none; left out: unchanged.' }) nameAr?: string | null;
  @Field(() => [ID], UNCHANGED('Every clinic they work in from now on (at least one)')) clinicIds?: string[] | null;
}

@ObjectType({ description: 'The answer to updateClinic.' })
export class ClinicPayload {
  @Field(() => Clinic, { nullable: true, description: 'The clinic as it is now.' }) clinic?: Clinic | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@ObjectType({ description: 'The answer to updateService.' })
export class ServicePayload {
  @Field(() => Service, { nullable: true, description: 'The service as it is now.' }) service?: Service | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@ObjectType({ description: 'The answer to updatePackage and retirePackage.' })
export class PackagePayload {
  @Field(() => Package, { nullable: true, description: 'The package as it is now.' }) package?: Package | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@ObjectType({ description: 'The answer to deletePackage.' })
export class DeletePackagePayload {
  @Field(() => ID, { nullable: true, description: 'The id the deleted package had.' }) deletedPackageId?: string | null;
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

@ObjectType({ description: 'The answer to updateProvider.' })
export class UpdateProviderPayload {
  @Field(() => Provider, { nullable: true, description: 'The provider as they are now.' }) provider?: Provider | null;
  @Field(() => [Appointment], {
    description: 'With PROVIDER_HAS_APPOINTMENTS: the open appointments ahead in the clinics they would leave, for the desk to move first. Empty otherwise.',
  })
  appointmentsInTheWay!: Appointment[];
  @Field(() => [UserError], USER_ERRORS) userErrors!: UserError[];
}

/** Editing the catalogue (clinics, services, packages) and providers. */
@Resolver()
export class CatalogueEditingResolver {
  @Query(() => [String], { description: 'The IANA time zone names a clinic may take, sorted (e.g. "Asia/Riyadh"). For signed-in staff.' })
  timeZones(@Ctx() context: GraphqlContext): string[] {
    requirePermission(useCase(context).actor, 'readCatalogue');
    return timeZoneNames();
  }

  @Mutation(() => ClinicPayload, { description: 'Rename a clinic or change its time zone (ADMIN).' })
  async updateClinic(@Arg('input', () => UpdateClinicInput, { description: 'The changes.' }) input: UpdateClinicInput, @Ctx() context: GraphqlContext) {
    const result = await updateClinic(useCase(context), { ...input, clinicId: idOf('Clinic', input.clinicId) });
    return payload(result, (clinic) => ({ clinic: asClinic(clinic) }));
  }

  @Mutation(() => ServicePayload, { description: 'Change a service (ADMIN).' })
  async updateService(@Arg('input', () => UpdateServiceInput, { description: 'The changes.' }) input: UpdateServiceInput, @Ctx() context: GraphqlContext) {
    const result = await updateService(useCase(context), { ...input, serviceId: idOf('Service', input.serviceId) });
    return payload(result, (service) => ({ service: asService(service) }));
  }

  @Mutation(() => PackagePayload, {
    description: 'Change a package (ADMIN, FINANCE). A new price applies to later sales; lines and validity change only while no invoice names it (PACKAGE_SOLD).',
  })
  async updatePackage(@Arg('input', () => UpdatePackageInput, { description: 'The changes.' }) input: UpdatePackageInput, @Ctx() context: GraphqlContext) {
    const result = await updatePackage(useCase(context), {
      ...input,
      packageId: idOf('Package', input.packageId),
      services: input.services?.map((line) => ({ serviceId: idOf('Service', line.serviceId), sessions: line.sessions })) ?? null,
    });
    return payload(result, (pkg) => ({ package: asPackage(pkg) }));
  }

  @Mutation(() => PackagePayload, { description: 'Take a package off sale (ADMIN, FINANCE): what was sold goes on. Safe to repeat.' })
  async retirePackage(@Arg('input', () => PackageIdInput, { description: 'The package.' }) input: PackageIdInput, @Ctx() context: GraphqlContext) {
    const result = await retirePackage(useCase(context), { packageId: idOf('Package', input.packageId) });
    return payload(result, (pkg) => ({ package: asPackage(pkg) }));
  }

  @Mutation(() => DeletePackagePayload, { description: 'Delete a package never sold (ADMIN, FINANCE); a sold one is retired instead (PACKAGE_SOLD).' })
  async deletePackage(@Arg('input', () => PackageIdInput, { description: 'The package.' }) input: PackageIdInput, @Ctx() context: GraphqlContext) {
    const result = await deletePackage(useCase(context), { packageId: idOf('Package', input.packageId) });
    return payload(result, () => ({ deletedPackageId: input.packageId }));
  }

  @Mutation(() => UpdateProviderPayload, {
    description:
      'Rename a provider or set the clinics they work in (ADMIN). Leaving a clinic with open appointments ahead is refused (PROVIDER_HAS_APPOINTMENTS) with those appointments; with only past ones, those keep their provider and clinic.',
  })
  async updateProvider(@Arg('input', () => UpdateProviderInput, { description: 'The changes.' }) input: UpdateProviderInput, @Ctx() context: GraphqlContext) {
    const providerId = idOf('Provider', input.providerId);
    const clinicIds = input.clinicIds?.map((id) => idOf('Clinic', id)) ?? null;
    const result = await updateProvider(useCase(context), { ...input, providerId, clinicIds });
    if (result.ok) return { provider: asProvider(result.value), appointmentsInTheWay: [], userErrors: [] };
    let appointmentsInTheWay: AppointmentEntity[] = [];
    if (result.error.code === 'PROVIDER_HAS_APPOINTMENTS' && clinicIds) {
      const blocking = await appointmentsBlockingClinicRemoval(useCase(context), { providerId, clinicIds });
      appointmentsInTheWay = blocking.ok ? blocking.value : [];
    }
    return { provider: null, appointmentsInTheWay: asAppointments(appointmentsInTheWay), userErrors: [toUserError(result.error)] };
  }
}

@Resolver(() => Package)
export class PackageRetiredResolver {
  @FieldResolver(() => Boolean, { description: 'False once retired: no longer offered for sale; what was sold goes on.' })
  onSale(@Root() pkg: PackageEntity): boolean {
    return pkg.active;
  }
}

@Resolver(() => ApiToken)
export class ApiTokenCreatorResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who created it (the token acts as them).' })
  async createdBy(@Root() token: ApiToken & { user?: ApiTokenEntity['user'] }, @Ctx() context: GraphqlContext) {
    return token.user ? asUser(await related(context.loaders.user, token.user)) : null;
  }
}
