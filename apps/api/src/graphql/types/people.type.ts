import { Field, ObjectType } from 'type-graphql';
import { Role } from '../enums.js';
import { Node } from './node.type.js';
import { Language } from '../../notifications/message.type.js';
import { InstantScalar } from '../scalars.js';
import { Provider } from './catalogue.type.js';

@ObjectType({ implements: Node, description: 'Someone who signs in.' })
export class User extends Node {
  // Resolved by UserFieldsResolver: the read policy shows staff e-mail addresses to ADMIN only.
  @Field(() => String, { nullable: true, description: 'Sign-in email, lower case. Staff e-mail addresses are for ADMIN; every user sees their own. Null otherwise.' })
  email?: string | null;
  @Field({ description: 'Display name.' }) name!: string;
  @Field(() => Role, { description: 'What the user may do.' }) role!: string;
  @Field(() => Provider, { nullable: true, description: 'For a clinician: the provider whose schedule is theirs.' })
  provider?: Provider | null;
}

@ObjectType({ implements: Node, description: 'A person treated by the tenant.' })
export class Patient extends Node {
  @Field({ description: 'Medical record number, unique in the tenant.' }) mrn!: string;
  @Field({ description: 'Name in English.' }) nameEn!: string;
  @Field(() => String, { nullable: true, description: 'Name in Arabic.' }) nameAr?: string | null;
  @Field(() => String, { nullable: true, description: 'Date of birth, e.g. 2019-05-01.' }) dateOfBirth?: string | null;
  @Field(() => String, { nullable: true, description: 'Phone number.' }) phone?: string | null;
  @Field(() => String, { nullable: true, description: 'E-mail address, lower case.' }) email?: string | null;
  @Field(() => Language, { description: 'The language of the messages the patient is sent (default EN).' }) preferredLanguage!: string;
  @Field(() => Boolean, { description: 'The patient agreed to reminders by e-mail.' }) remindersByEmail!: boolean;
  @Field(() => Boolean, { description: 'The patient agreed to reminders by SMS.' }) remindersBySms!: boolean;
  @Field(() => InstantScalar, { nullable: true, description: 'When the reminder consent was last given or withdrawn; null when never.' }) consentRecordedAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'What the patient owes on issued, unpaid invoices (a positive decimal string, "0.00" when nothing); null for a CLINICIAN.' })
  balance?: string | null;
}
