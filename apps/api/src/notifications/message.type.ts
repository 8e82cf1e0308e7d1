import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { MESSAGE_CHANNELS, MESSAGE_STATUSES, MESSAGE_TEMPLATES, SKIP_REASONS } from '@clinic/domain';
import { InstantScalar } from '../graphql/scalars.js';
import { Node } from '../graphql/types/node.type.js';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

/** GraphQL names EN and AR; the domain's values en and ar. */
export const Language = { EN: 'en', AR: 'ar' } as const;
registerEnumType(Language, {
  name: 'Language',
  description: 'A language of the messages a patient is sent.',
  valuesConfig: { EN: { description: 'English.' }, AR: { description: 'Arabic (right to left, Arabic-Indic digits).' } },
});

export const MessageChannel = enumOf(MESSAGE_CHANNELS);
registerEnumType(MessageChannel, {
  name: 'MessageChannel',
  description: 'How a message goes to a patient.',
  valuesConfig: { EMAIL: { description: "To the patient's e-mail address." }, SMS: { description: "To the patient's phone." } },
});

export const MessageTemplate = enumOf(MESSAGE_TEMPLATES);
registerEnumType(MessageTemplate, {
  name: 'MessageTemplate',
  description: 'What a message says.',
  valuesConfig: {
    APPOINTMENT_REMINDER: { description: 'An appointment is coming (by default 24 hours before).' },
    PACKAGE_EXPIRY_REMINDER: { description: 'A package with sessions left expires soon (by default 14 days before).' },
  },
});

export const MessageStatus = enumOf(MESSAGE_STATUSES);
registerEnumType(MessageStatus, {
  name: 'MessageStatus',
  description: 'What became of a message.',
  valuesConfig: {
    PENDING: { description: 'Being sent now.' },
    SENT: { description: 'Accepted by the e-mail server or SMS provider.' },
    FAILED: { description: 'The server or provider refused it; `error` says why. Not retried.' },
    SKIPPED: { description: 'Not sent; `skipReason` says why.' },
  },
});

export const MessageSkipReason = enumOf(SKIP_REASONS);
registerEnumType(MessageSkipReason, {
  name: 'MessageSkipReason',
  description: 'Why a message was not sent.',
  valuesConfig: {
    NO_CONSENT: { description: 'The patient has not agreed to reminders on this channel.' },
    NO_ADDRESS: { description: 'No e-mail address or phone number for this channel.' },
    APPOINTMENT_CANCELLED: { description: 'The appointment was cancelled (or ended) before the reminder went.' },
    APPOINTMENT_MOVED: { description: 'The appointment moved before the reminder went; the new time gets its own reminder.' },
    PURCHASE_ENDED: { description: 'The purchase ended or its expiry moved before the reminder went.' },
    NO_SESSIONS_LEFT: { description: 'No sessions are left to use.' },
  },
});

@ObjectType({ implements: Node, description: 'A message to a patient (a reminder by e-mail or SMS) and what became of it.' })
export class PatientMessage extends Node {
  @Field(() => MessageChannel, { description: 'E-mail or SMS.' }) channel!: string;
  @Field(() => MessageTemplate, { description: 'What it says.' }) template!: string;
  @Field(() => Language, { description: 'The language it was written in (the patient’s at the time).' }) language!: string;
  @Field(() => MessageStatus, { description: 'Sent, failed, skipped, or being sent.' }) status!: string;
  // skipReason: PatientMessageResolver (the record's `reason`).
  @Field(() => String, { nullable: true, description: 'The e-mail address or phone number it went to.' }) recipient?: string | null;
  @Field(() => String, { nullable: true, description: 'The e-mail subject; null for SMS and skipped messages.' }) subject?: string | null;
  @Field(() => String, { nullable: true, description: 'The words sent; null for skipped messages.' }) body?: string | null;
  @Field(() => String, { nullable: true, description: "The provider's id of the message (SMTP Message-ID, SMS id)." }) providerMessageId?: string | null;
  @Field(() => String, { nullable: true, description: 'Why the server or provider refused it.' }) error?: string | null;
  @Field(() => InstantScalar, { description: 'When it was claimed (or skipped).' }) createdAt!: Date;
  @Field(() => InstantScalar, { nullable: true, description: 'When it was accepted for delivery.' }) sentAt?: Date | null;
}
