import { Arg, Ctx, Int, Resolver, Root } from 'type-graphql';
import { FieldResolver, Mutation, Query } from '../answers.js';
import { createPatientOnce, encodeCursor, listPatientAppointments, listPatients, updatePatient, type Patient as PatientEntity } from '@clinic/domain';
import type { GraphqlContext } from '../context.js';
import { idOf } from '../global-id.js';
import { idempotencyKey, resultOf } from '../idempotency.js';
import { payload } from '../user-error.js';
import { asAppointment, asPatient, asPatients, asPackagePurchases } from '../source.js';
import { actorOf, useCase } from '../viewer.js';
import { Patient } from '../types/people.type.js';
import { PackagePurchase } from '../types/purchase.type.js';
import { AppointmentConnection } from '../types/appointment.type.js';
import { CreatePatientInput, UpdatePatientInput } from '../types/inputs.js';
import { CreatePatientPayload, UpdatePatientPayload } from '../types/payloads.js';
import { orThrow, requirePermission } from './query-result.js';

@Resolver(() => Patient)
export class PatientResolver {
  @Query(() => [Patient], { description: 'Patients by name (English or Arabic), MRN or phone (its digits, however written), alphabetically; at most 100 a page.' })
  async patients(
    @Arg('search', () => String, { nullable: true, description: 'Part of a name, an MRN or a phone number.' }) search: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The id of the last patient of the previous page.' }) after: string | null,
    @Ctx() context: GraphqlContext,
  ) {
    return asPatients(orThrow(await listPatients(useCase(context), { search, first, afterPatientId: after ? idOf('Patient', after) : null })));
  }

  @Mutation(() => CreatePatientPayload, { description: 'Register a patient (ADMIN, RECEPTIONIST).' })
  async createPatient(
    @Arg('input', () => CreatePatientInput, { description: 'The patient.' }) input: CreatePatientInput,
    @Ctx() context: GraphqlContext,
  ): Promise<CreatePatientPayload> {
    const outcome = await createPatientOnce(useCase(context), input, idempotencyKey(context));
    return payload(resultOf(context, outcome), (patient) => ({ patient: asPatient(patient) }));
  }

  @Mutation(() => UpdatePatientPayload, { description: "Correct a patient's registration (ADMIN, RECEPTIONIST): the MRN stays unique; audited." })
  async updatePatient(
    @Arg('input', () => UpdatePatientInput, { description: 'The patient and the fields to correct.' }) input: UpdatePatientInput,
    @Ctx() context: GraphqlContext,
  ): Promise<UpdatePatientPayload> {
    const { patientId, ...fields } = input;
    const result = await updatePatient(useCase(context), { ...fields, patientId: idOf('Patient', patientId) });
    return payload(result, (patient) => ({ patient: asPatient(patient) }));
  }

  @FieldResolver(() => [PackagePurchase], { description: "The patient's package purchases, newest first." })
  async packagePurchases(@Root() patient: PatientEntity, @Ctx() context: GraphqlContext): Promise<PackagePurchase[]> {
    requirePermission(actorOf(context), 'readPurchases');
    return asPackagePurchases(await context.loaders.purchasesOfPatient.load(patient.id));
  }

  @FieldResolver(() => AppointmentConnection, {
    description: "The patient's appointments starting from now, every status, in time order (at most 100 a page). A clinician sees their own.",
  })
  upcomingAppointments(
    @Root() patient: PatientEntity,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after: string | null,
    @Ctx() context: GraphqlContext,
  ) {
    return patientAppointments(context, patient, 'upcoming', first, after);
  }

  @FieldResolver(() => AppointmentConnection, {
    description: "The patient's appointments that started before now, every status, latest first (at most 100 a page). A clinician sees their own.",
  })
  pastAppointments(
    @Root() patient: PatientEntity,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after: string | null,
    @Ctx() context: GraphqlContext,
  ) {
    return patientAppointments(context, patient, 'past', first, after);
  }
}

async function patientAppointments(
  context: GraphqlContext,
  patient: PatientEntity,
  when: 'upcoming' | 'past',
  first: number | null,
  after: string | null,
): Promise<AppointmentConnection> {
  const page = orThrow(await listPatientAppointments(useCase(context), { patientId: patient.id, when, first, after }));
  return {
    edges: page.nodes.map((node) => ({ cursor: encodeCursor(node.startsAt, node.id), node: asAppointment(node) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    totalCount: page.totalCount,
  };
}
