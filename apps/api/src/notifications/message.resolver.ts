import { Arg, Ctx, ID, Int, Resolver, Root } from 'type-graphql';
import { FieldResolver, Query } from '../graphql/answers.js';
import { listPatientMessages, type PatientMessage as PatientMessageEntity, type Patient as PatientEntity } from '@clinic/domain';
import type { GraphqlContext } from '../graphql/context.js';
import { idOf } from '../graphql/global-id.js';
import { related } from '../graphql/loaders.js';
import { orThrow } from '../graphql/resolvers/query-result.js';
import { Patient } from '../graphql/types/people.type.js';
import { asPatient, asPatientMessages } from '../graphql/source.js';
import { useCase } from '../graphql/viewer.js';
import { MessageSkipReason, MessageStatus, PatientMessage } from './message.type.js';

@Resolver(() => PatientMessage)
export class PatientMessageResolver {
  @Query(() => [PatientMessage], {
    description: "Messages to patients (reminders by e-mail and SMS), newest first, of one patient or all, at most 100 a page. Staff who may see the patient see its messages (a clinician: their own patients').",
  })
  async patientMessages(
    @Arg('patientId', () => ID, { nullable: true, description: 'Only this patient’s.' }) patientId: string | null,
    @Arg('status', () => MessageStatus, { nullable: true, description: 'Only messages in this status.' }) status: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The id of the last message of the previous page.' }) after: string | null,
    @Ctx() context: GraphqlContext,
  ): Promise<PatientMessage[]> {
    return asPatientMessages(orThrow(
      await listPatientMessages(useCase(context), {
        patientId: patientId == null ? null : idOf('Patient', patientId),
        status,
        first,
        afterMessageId: after ? idOf('PatientMessage', after) : null,
      }),
    ));
  }

  @FieldResolver(() => Patient, { description: 'The patient it was for.' })
  async patient(@Root() message: PatientMessageEntity, @Ctx() context: GraphqlContext): Promise<Patient> {
    return asPatient(await related(context.loaders.patient, message.patient));
  }

  @FieldResolver(() => MessageSkipReason, { nullable: true, description: 'Why it was skipped; null otherwise.' })
  skipReason(@Root() message: PatientMessageEntity): string | null {
    return message.reason ?? null;
  }
}

@Resolver(() => Patient)
export class PatientMessagesFieldResolver {
  @FieldResolver(() => [PatientMessage], { description: 'Messages to the patient (reminders by e-mail and SMS), newest first, the latest 50; `patientMessages` pages through all.' })
  async messages(@Root() patient: PatientEntity, @Ctx() context: GraphqlContext): Promise<PatientMessage[]> {
    return asPatientMessages(await context.loaders.messagesOfPatient.load(patient.id));
  }
}
