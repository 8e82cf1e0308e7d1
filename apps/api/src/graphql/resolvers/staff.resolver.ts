import { Arg, Ctx, Field, ID, InputType, ObjectType, Resolver, Root } from 'type-graphql';
import { FieldResolver, Mutation, Query } from '../answers.js';
import PgBoss from 'pg-boss';
import { changeUserRole, createUser, issuePasswordReset, listUsers, resetPassword, type IssuedPasswordReset, type PasswordResetEmailing } from '@clinic/domain';
import { JOB_SCHEMA } from '../../jobs/queue.js';
import { enqueuePasswordResetEmailThrough } from '../../notifications/password-reset-emails.js';
import { asUser, asUsers } from '../source.js';
import type { GraphqlContext } from '../context.js';
import { Role } from '../enums.js';
import { idOf } from '../global-id.js';
import { InstantScalar } from '../scalars.js';
import { payload, toUserError } from '../user-error.js';
import { useCase } from '../viewer.js';
import { User } from '../types/people.type.js';
import { orThrow } from './query-result.js';
import { OkPayload, UserPayload } from './viewer.resolver.js';

@ObjectType({ description: 'A one-time password-reset link, shown once to the ADMIN who asked for it; only its hash is kept.' })
export class PasswordResetLink {
  @Field(() => String, { description: 'The secret: the link is `/reset-password/<token>` on the web app.' }) token!: string;
  @Field(() => String, { description: 'The path of the web app\'s page that uses it, e.g. "/reset-password/…".' }) path!: string;
  @Field(() => InstantScalar, { description: 'After this, the link no longer works. It also stops once used, or when a newer one is issued.' })
  expiresAt!: Date;
  @Field(() => String, {
    nullable: true,
    description:
      "The account's address the link is e-mailed to: queued with the link (sent once, within seconds, by a background job) when the installation has a public address (PUBLIC_URL). Null: not e-mailed; hand the link over yourself.",
  })
  emailedTo!: string | null;
}

@InputType({ description: 'A new staff account.' })
export class CreateUserInput {
  @Field(() => String, { description: 'Sign-in e-mail, unique; stored lower case.' }) email!: string;
  @Field(() => String, { description: 'Display name.' }) name!: string;
  @Field(() => Role, { description: 'What the person may do.' }) role!: string;
  @Field(() => ID, { nullable: true, description: 'For a CLINICIAN (required): the provider whose schedule is theirs. Refused for other roles.' })
  providerId?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'At least 12 characters and hard to guess. Without one, the answer carries a one-time `passwordReset` link instead.',
  })
  password?: string | null;
}

@InputType({ description: "Change a staff account's role." })
export class ChangeUserRoleInput {
  @Field(() => ID, { description: 'The user.' }) userId!: string;
  @Field(() => Role, { description: 'The new role.' }) role!: string;
  @Field(() => ID, { nullable: true, description: 'For CLINICIAN (required): the provider whose schedule is theirs.' }) providerId?: string | null;
}

@InputType({ description: 'Issue a one-time password-reset link.' })
export class IssuePasswordResetInput {
  @Field(() => ID, { description: 'The user.' }) userId!: string;
}

@InputType({ description: 'Set a password with a one-time link.' })
export class ResetPasswordInput {
  @Field(() => String, { description: 'The link\'s token.' }) token!: string;
  @Field(() => String, { description: 'At least 12 characters and hard to guess.' }) newPassword!: string;
}

type UserPayloadWithReset = UserPayload & { passwordReset?: PasswordResetLink | null };

const linkOf = (issued: IssuedPasswordReset): PasswordResetLink => ({
  token: issued.token,
  path: `/reset-password/${issued.token}`,
  expiresAt: issued.expiresAt,
  emailedTo: issued.emailedTo,
});

/**
 * A queue handle that only writes jobs, through the use case's transaction (never started, it
 * opens no connection): a link's e-mail job commits with the link. The first process's queue runs it.
 */
const writeOnlyQueue = new PgBoss({
  schema: JOB_SCHEMA,
  db: { executeSql: () => Promise.reject(new Error('jobs are written through a transaction only')) },
});
const emailLinks: PasswordResetEmailing = { enqueue: enqueuePasswordResetEmailThrough(writeOnlyQueue) };
/** Links are e-mailed only where the installation says where the web app is (PUBLIC_URL). */
const emailingOf = (context: GraphqlContext): PasswordResetEmailing | undefined => (context.publicUrl ? emailLinks : undefined);

/** Staff accounts (ADMIN): list, create, change role, password-reset links; and the public reset itself. */
@Resolver()
export class StaffResolver {
  @Query(() => [User], { description: "The tenant's staff accounts, active first, then by name (ADMIN)." })
  async users(@Ctx() context: GraphqlContext): Promise<User[]> {
    return asUsers(orThrow(await listUsers(useCase(context))));
  }

  @Mutation(() => UserPayload, {
    description:
      'Create a staff account (ADMIN): e-mail, name, role; a CLINICIAN is linked to one provider. Without a password, `passwordReset` is a one-time link, shown this once and e-mailed to the account when `emailedTo` says so. Audited.',
  })
  async createUser(@Arg('input', () => CreateUserInput, { description: 'The account.' }) input: CreateUserInput, @Ctx() context: GraphqlContext): Promise<UserPayloadWithReset> {
    const result = await createUser(useCase(context), { ...input, providerId: input.providerId ? idOf('Provider', input.providerId) : null }, emailingOf(context));
    return payload(result, ({ user, passwordReset }) => ({ user: asUser(user), passwordReset: passwordReset ? linkOf(passwordReset) : null }));
  }

  @Mutation(() => UserPayload, { description: "Change a staff account's role (ADMIN); it applies to their next request. Not your own. Audited." })
  async changeUserRole(@Arg('input', () => ChangeUserRoleInput, { description: 'The account and its role.' }) input: ChangeUserRoleInput, @Ctx() context: GraphqlContext) {
    const result = await changeUserRole(useCase(context), {
      userId: idOf('User', input.userId),
      role: input.role,
      providerId: input.providerId ? idOf('Provider', input.providerId) : null,
    });
    return payload(result, (user) => ({ user: asUser(user) }));
  }

  @Mutation(() => UserPayload, {
    description:
      'Issue a one-time password-reset link for an active staff account (ADMIN): in `passwordReset`, shown this once and e-mailed to the account when `emailedTo` says so; older links stop. Audited.',
  })
  async issuePasswordReset(
    @Arg('input', () => IssuePasswordResetInput, { description: 'The account.' }) input: IssuePasswordResetInput,
    @Ctx() context: GraphqlContext,
  ): Promise<UserPayloadWithReset> {
    const result = await issuePasswordReset(useCase(context), { userId: idOf('User', input.userId) }, emailingOf(context));
    return payload(result, (issued) => ({ user: asUser(issued.user), passwordReset: linkOf(issued) }));
  }

  @Mutation(() => OkPayload, {
    description:
      'Set a password with a one-time link (no sign-in needed): the link is spent and every session of the account ends. VALIDATION with reason PASSWORD_RESET_INVALID when the link was used, replaced or expired, or the account is deactivated.',
  })
  async resetPassword(@Arg('input', () => ResetPasswordInput, { description: 'The token and the new password.' }) input: ResetPasswordInput, @Ctx() context: GraphqlContext): Promise<OkPayload> {
    const result = await resetPassword({ em: context.em, now: context.now() }, input);
    return { ok: result.ok, userErrors: result.ok ? [] : [toUserError(result.error)] };
  }
}

@Resolver(() => UserPayload)
export class UserPayloadResetResolver {
  @FieldResolver(() => PasswordResetLink, { nullable: true, description: 'createUser without a password, and issuePasswordReset: the one-time link, shown this once.' })
  passwordReset(@Root() answer: UserPayloadWithReset): PasswordResetLink | null {
    return answer.passwordReset ?? null;
  }
}
