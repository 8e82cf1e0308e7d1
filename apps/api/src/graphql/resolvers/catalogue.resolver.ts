import { Arg, Ctx, ID, Resolver, Root } from 'type-graphql';
import { FieldResolver, Mutation, Query } from '../answers.js';
import {
  createPackage,
  isView,
  listClinics,
  listPackages,
  listProviders,
  listServices,
  type Package as PackageEntity,
  type PackageView,
  type PackageServiceLine as PackageServiceLineEntity,
  type Provider as ProviderEntity,
  type Service as ServiceEntity,
  type WorkingHours as WorkingHoursEntity,
} from '@clinic/domain';
import { asClinic, asClinics, asPackage, asPackages, asPackageServiceLines, asProviders, asService, asServices, asWorkingHours } from '../source.js';
import type { GraphqlContext } from '../context.js';
import { idOf, optionalIdOf } from '../global-id.js';
import { loadedOr, related } from '../loaders.js';
import { payload } from '../user-error.js';
import { useCase } from '../viewer.js';
import { Clinic, Package, PackageServiceLine, Provider, Service, WorkingHoursRange } from '../types/catalogue.type.js';
import { CreatePackageInput } from '../types/inputs.js';
import { CreatePackagePayload } from '../types/payloads.js';
import { orThrow } from './query-result.js';

const CLINIC_ARG = { nullable: true, description: 'Only those of this clinic.' } as const;

@Resolver()
export class CatalogueResolver {
  @Query(() => [Clinic], { description: "The tenant's clinics." })
  async clinics(@Ctx() context: GraphqlContext): Promise<Clinic[]> {
    return asClinics(orThrow(await listClinics(useCase(context))));
  }

  @Query(() => [Provider], { description: 'Active providers, optionally of one clinic.' })
  async providers(@Arg('clinicId', () => ID, CLINIC_ARG) clinicId: string | null, @Ctx() context: GraphqlContext): Promise<Provider[]> {
    return asProviders(orThrow(await listProviders(useCase(context), optionalIdOf('Clinic', clinicId))));
  }

  @Query(() => [Service], { description: 'Services, optionally of one clinic.' })
  async services(@Arg('clinicId', () => ID, CLINIC_ARG) clinicId: string | null, @Ctx() context: GraphqlContext): Promise<Service[]> {
    return asServices(orThrow(await listServices(useCase(context), optionalIdOf('Clinic', clinicId))));
  }

  @Query(() => [Package], { description: 'Packages on sale, optionally of one clinic; with includeRetired, the retired ones too.' })
  async packages(
    @Arg('clinicId', () => ID, CLINIC_ARG) clinicId: string | null,
    @Arg('includeRetired', () => Boolean, { nullable: true, description: 'Also the packages taken off sale (the catalogue screen).' }) includeRetired: boolean | null,
    @Ctx() context: GraphqlContext,
  ): Promise<Package[]> {
    return asPackages(orThrow(await listPackages(useCase(context), optionalIdOf('Clinic', clinicId), { includeRetired: includeRetired ?? false })));
  }

  @Mutation(() => CreatePackagePayload, { description: 'Add a package to the catalogue (ADMIN, FINANCE).' })
  async createPackage(
    @Arg('input', () => CreatePackageInput, { description: 'The package.' }) input: CreatePackageInput,
    @Ctx() context: GraphqlContext,
  ): Promise<CreatePackagePayload> {
    const result = await createPackage(useCase(context), {
      ...input,
      services: input.services.map((line) => ({ serviceId: idOf('Service', line.serviceId), sessions: line.sessions })),
    });
    return payload(result, (pkg) => ({ package: asPackage(pkg) }));
  }
}

@Resolver(() => Service)
export class ServiceFieldsResolver {
  @FieldResolver(() => Clinic, { description: 'The clinic that delivers it.' })
  clinic(@Root() service: ServiceEntity, @Ctx() context: GraphqlContext): Clinic | Promise<Clinic> {
    return loadedOr(service.clinic, asClinic, () => context.loaders.clinic);
  }
}

@Resolver(() => Package)
export class PackageFieldsResolver {
  @FieldResolver(() => Clinic, { description: 'The clinic all its services belong to.' })
  clinic(@Root() pkg: PackageEntity, @Ctx() context: GraphqlContext): Clinic | Promise<Clinic> {
    return loadedOr(pkg.clinic, asClinic, () => context.loaders.clinic);
  }

  @FieldResolver(() => [PackageServiceLine], { description: 'Its services, in the order they are delivered.' })
  services(@Root() pkg: PackageEntity | PackageView, @Ctx() context: GraphqlContext): PackageServiceLine[] | Promise<PackageServiceLine[]> {
    // A read model's view may hold its lines already (answered at once, not as a promise).
    if (isView(pkg) && pkg.services) return asPackageServiceLines(pkg.services);
    return context.loaders.serviceLinesOfPackage.load(pkg.id).then(asPackageServiceLines);
  }
}

@Resolver(() => PackageServiceLine)
export class PackageServiceLineFieldsResolver {
  @FieldResolver(() => Service, { description: 'The service.' })
  service(@Root() line: PackageServiceLineEntity, @Ctx() context: GraphqlContext): Service | Promise<Service> {
    return loadedOr(line.service, asService, () => context.loaders.service);
  }
}

@Resolver(() => Provider)
export class ProviderFieldsResolver {
  @FieldResolver(() => [Clinic], { description: 'The clinics the provider works in.' })
  async clinics(@Root() provider: ProviderEntity, @Ctx() context: GraphqlContext): Promise<Clinic[]> {
    return asClinics(await context.loaders.clinicsOfProvider.load(provider.id));
  }

  @FieldResolver(() => [WorkingHoursRange], { description: 'The weekly working hours, per clinic.' })
  async workingHours(@Root() provider: ProviderEntity, @Ctx() context: GraphqlContext): Promise<WorkingHoursRange[]> {
    return asWorkingHours(await context.loaders.workingHoursOfProvider.load(provider.id));
  }
}

@Resolver(() => WorkingHoursRange)
export class WorkingHoursFieldsResolver {
  @FieldResolver(() => String, { description: 'Local start time, "08:00".' })
  startTime(@Root() hours: WorkingHoursEntity) {
    return hours.startTime.slice(0, 5);
  }

  @FieldResolver(() => String, { description: 'Local end time, "12:00".' })
  endTime(@Root() hours: WorkingHoursEntity) {
    return hours.endTime.slice(0, 5);
  }

  @FieldResolver(() => Clinic, { description: 'Where these hours are worked.' })
  async clinic(@Root() hours: WorkingHoursEntity, @Ctx() context: GraphqlContext): Promise<Clinic> {
    return asClinic(await related(context.loaders.clinic, hours.clinic));
  }
}
