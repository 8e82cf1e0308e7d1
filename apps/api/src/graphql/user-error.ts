import { Field, ObjectType, Resolver, Root } from 'type-graphql';
import { FieldResolver } from './answers.js';
import type { Refusal, Result } from '@clinic/domain';

@ObjectType({ description: 'A problem with the caller\'s input or with the state of the data: the operation changed nothing.' })
export class UserError {
  @Field({
    description:
      'Stable machine code: NOT_FOUND, VALIDATION, FORBIDDEN, CONFLICT, PACKAGE_NOT_ACTIVE, PACKAGE_EXPIRED, NO_SESSIONS_REMAINING, SLOT_TAKEN, OUTSIDE_WORKING_HOURS, INVALID_TRANSITION, PROVIDER_NOT_IN_CLINIC, SERVICE_NOT_IN_PACKAGE, PACKAGE_NOT_FOR_PATIENT, INVOICE_VOID.',
  })
  code!: string;

  @Field({ description: 'What went wrong, in words for a person.' })
  message!: string;

  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, e.g. ["input", "startDate"].' })
  field?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'What exactly was refused, finer than `code` and as stable (e.g. START_DATE_IN_PAST under VALIDATION), so a client can say it in its own language with `params`. Null where `code` says it all.',
  })
  reason?: string | null;

  /** Resolved by UserErrorResolver: absent means none. */
  params?: UserErrorParam[];
}

@ObjectType({ description: 'One value of a userError\'s sentence.' })
export class UserErrorParam {
  @Field({ description: 'The name the sentence uses, e.g. expiryDate.' })
  name!: string;

  @Field({ description: 'Its value, as a string (a number, a date such as 2026-11-24, ...).' })
  value!: string;
}

@Resolver(() => UserError)
export class UserErrorResolver {
  @FieldResolver(() => [UserErrorParam], { description: 'The values the sentence of `reason` needs (e.g. expiryDate), as strings.' })
  params(@Root() error: UserError): UserErrorParam[] {
    return error.params ?? [];
  }
}

/** The one place where a domain refusal becomes a GraphQL userError. */
export function toUserError(refusal: Refusal): UserError {
  return {
    code: refusal.code,
    message: refusal.message,
    field: refusal.field ?? null,
    reason: refusal.detail?.reason ?? null,
    params: Object.entries(refusal.detail?.params ?? {}).map(([name, value]) => ({ name, value: String(value) })),
  };
}

/**
 * A mutation's payload: the mapped value and no errors, or nothing but the userError.
 * Every payload type has `userErrors`; the other fields are nullable.
 */
export function payload<T, P extends object>(result: Result<T>, map: (value: T) => P): Partial<P> & { userErrors: UserError[] } {
  if (result.ok) return { ...map(result.value), userErrors: [] };
  const nothing: Partial<P> = {};
  return { ...nothing, userErrors: [toUserError(result.error)] };
}
