import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from './node.type.js';

@ObjectType({ implements: Node, description: 'A department of the tenant, e.g. Speech-Language Pathology.' })
export class Clinic extends Node {
  @Field({ description: 'Name in English.' }) nameEn!: string;
  @Field({ description: 'Name in Arabic.' }) nameAr!: string;
  @Field({ description: 'IANA time zone; week days and dates people pick are in it.' }) timeZone!: string;
}

@ObjectType({ implements: Node, description: 'Something a clinic delivers in one appointment.' })
export class Service extends Node {
  @Field({ description: 'Short code, unique in the tenant.' }) code!: string;
  @Field({ description: 'Name in English.' }) nameEn!: string;
  @Field({ description: 'Name in Arabic.' }) nameAr!: string;
  @Field(() => Int, { description: 'Length of one appointment.' }) durationMinutes!: number;
  @Field({ description: 'Decimal amount as a string, e.g. "300.00".' }) price!: string;
  @Field(() => Clinic, { description: 'The clinic that delivers it.' }) clinic!: Clinic;
}

@ObjectType({ description: 'One range of a provider\'s weekly hours in a clinic, in clinic-local time.' })
export class WorkingHoursRange {
  @Field(() => Int, { description: '0 = Sunday ... 6 = Saturday.' }) weekday!: number;
  @Field({ description: 'Local start time, "08:00".' }) startTime!: string;
  @Field({ description: 'Local end time, "12:00".' }) endTime!: string;
  @Field(() => Clinic, { description: 'Where these hours are worked.' }) clinic!: Clinic;
}

@ObjectType({ implements: Node, description: 'A clinician who sees patients in one or more clinics.' })
export class Provider extends Node {
  @Field({ description: 'Display name.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'Display name in Arabic.' }) nameAr?: string | null;
  @Field(() => [Clinic], { description: 'The clinics the provider works in.' }) clinics!: Clinic[];
  @Field(() => [WorkingHoursRange], { description: 'The weekly working hours, per clinic.' }) workingHours!: WorkingHoursRange[];
}

@ObjectType({ description: 'A service of a package and how many sessions of it the package holds.' })
export class PackageServiceLine {
  @Field(() => Service, { description: 'The service.' }) service!: Service;
  @Field(() => Int, { description: 'Sessions of this service in the package.' }) sessions!: number;
}

@ObjectType({ implements: Node, description: 'A package of the catalogue: "10 SLP Sessions, valid 90 days".' })
export class Package extends Node {
  @Field({ description: 'Name in English.' }) nameEn!: string;
  @Field({ description: 'Name in Arabic.' }) nameAr!: string;
  @Field(() => String, { nullable: true, description: 'What the package is for.' }) description?: string | null;
  @Field({ description: 'Decimal amount as a string, e.g. "1500.00".' }) price!: string;
  @Field(() => Int, { description: 'Days from purchase to expiry.' }) validityDays!: number;
  @Field(() => Int, { description: 'The sum of the service lines\' sessions.' }) totalSessions!: number;
  @Field(() => Clinic, { description: 'The clinic all its services belong to.' }) clinic!: Clinic;
  @Field(() => [PackageServiceLine], { description: 'Its services, in the order they are delivered.' }) services!: PackageServiceLine[];
}
