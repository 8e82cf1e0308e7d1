import { Arg, Ctx, Field, ID, InputType, ObjectType, Resolver, Root } from 'type-graphql';
import { FieldResolver, Mutation, Query } from '../answers.js';
import {
  changePassword,
  createApiToken,
  deactivateUser,
  endSession,
  listApiTokens,
  revokeApiToken,
  signIn,
  startSession,
  type ApiToken as ApiTokenEntity,
  type User as UserEntity,
} from '@clinic/domain';
import { clearSessionCookie, setSessionCookie } from '../../auth/session-cookie.js';
import type { SignInAttempt } from '../../auth/sign-in-throttle.js';
import { idOf } from '../global-id.js';
import { asProvider, asUser } from '../source.js';
import type { GraphqlContext } from '../context.js';
import { related } from '../loaders.js';
import { payload, toUserError, UserError } from '../user-error.js';
import { actorOf, useCase } from '../viewer.js';
import { InstantScalar } from '../scalars.js';
import { orThrow } from './query-result.js';
import { LoginInput } from '../types/inputs.js';
import { LoginPayload } from '../types/payloads.js';
import { User } from '../types/people.type.js';
import { Provider } from '../types/catalogue.type.js';

@ObjectType({ description: 'A long-lived token for an integration; it acts as the user who created it.' })
export class ApiToken {
  @Field(() => ID, { description: 'Id, for revoking.' }) id!: string;
  @Field(() => String, { description: 'What the token is for.' }) name!: string;
  @Field(() => InstantScalar, { description: 'When it was created.' }) createdAt!: Date;
  @Field(() => InstantScalar, { nullable: true, description: 'When it was revoked; it no longer works.' }) revokedAt?: Date | null;
}

@InputType({ description: 'A new API token.' })
export class CreateApiTokenInput {
  @Field(() => String, { description: 'What the token is for, e.g. "billing export".' }) name!: string;
}

@InputType({ description: 'Revoke an API token.' })
export class RevokeApiTokenInput {
  @Field(() => ID, { description: 'The token.' }) tokenId!: string;
}

@ObjectType({ description: 'The answer to createApiToken.' })
export class CreateApiTokenPayload {
  @Field(() => String, { nullable: true, description: 'The secret, shown this once: send as `Authorization: Bearer <secret>`.' })
  secret?: string | null;
  @Field(() => ApiToken, { nullable: true, description: 'The token.' }) apiToken?: ApiToken | null;
  @Field(() => [UserError], { description: 'Why nothing changed; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'The answer to revokeApiToken.' })
export class RevokeApiTokenPayload {
  @Field(() => ApiToken, { nullable: true, description: 'The revoked token.' }) apiToken?: ApiToken | null;
  @Field(() => [UserError], { description: 'Why nothing changed; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'The answer to an operation that has nothing to show but whether it was done.' })
export class OkPayload {
  @Field(() => Boolean, { description: 'True when it was done.' }) ok!: boolean;
  @Field(() => [UserError], { description: 'Why nothing changed; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'The answer to an operation on a staff account.' })
export class UserPayload {
  @Field(() => User, { nullable: true, description: 'The account, as it is now.' }) user?: User | null;
  @Field(() => [UserError], { description: 'Why nothing changed; empty on success.' }) userErrors!: UserError[];
}

@InputType({ description: 'Change your own password.' })
export class ChangePasswordInput {
  @Field(() => String, { description: 'The password now.' }) currentPassword!: string;
  @Field(() => String, { description: 'The new password: at least 12 characters and not easy to guess.' }) newPassword!: string;
}

@InputType({ description: 'Deactivate a staff account.' })
export class DeactivateUserInput {
  @Field(() => ID, { description: 'The user.' }) userId!: string;
}

/** The address the throttle counts; behind a proxy, TRUST_PROXY decides what req.ip believes. */
const clientAddress = (context: GraphqlContext) => context.req.ip ?? context.req.socket.remoteAddress ?? 'unknown';

const tooManyAttempts = (attempt: Extract<SignInAttempt, { allowed: false }>): UserError => ({
  code: 'TOO_MANY_ATTEMPTS',
  message: `Too many sign-in attempts. Try again in ${attempt.retryAfterSeconds} seconds.`,
  field: null,
  params: [{ name: 'retryAfterSeconds', value: String(attempt.retryAfterSeconds) }],
});

const tokenOf = (token: ApiTokenEntity): ApiToken & { user: ApiTokenEntity['user'] } => ({
  user: token.user,
  id: token.id,
  name: token.name,
  createdAt: token.createdAt,
  revokedAt: token.revokedAt ?? null,
});

@Resolver(() => User)
export class ViewerResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user; null without a valid token.' })
  viewer(@Ctx() context: GraphqlContext): User | null {
    const user = context.viewer?.user;
    return user ? asUser(user) : null;
  }

  @Mutation(() => LoginPayload, {
    description:
      'Sign in: answers a session token (for `Authorization: Bearer`) and sets the browser\'s HttpOnly session cookie. ' +
      'A wrong password and an unknown email answer alike. Throttled per account and per address: TOO_MANY_ATTEMPTS ' +
      'with retryAfterSeconds. One login per HTTP request.',
  })
  async login(@Arg('input', () => LoginInput, { description: 'Email and password.' }) input: LoginInput, @Ctx() context: GraphqlContext): Promise<LoginPayload> {
    const attempt = await context.signInThrottle.attempt(input.email, clientAddress(context));
    if (!attempt.allowed) return { token: null, user: null, retryAfterSeconds: attempt.retryAfterSeconds, userErrors: [tooManyAttempts(attempt)] };
    const user = await signIn(context.em, input.email, input.password);
    if (!user) {
      await attempt.failed();
      return { token: null, user: null, retryAfterSeconds: null, userErrors: [{ code: 'INVALID_CREDENTIALS', message: 'The email or password is wrong.', field: ['input', 'password'] }] };
    }
    await attempt.succeeded();
    const session = await startSession(context.em, user, { now: context.now(), ttlSeconds: context.sessions.ttlSeconds });
    const token = await context.sessions.issue(session);
    setSessionCookie(context.req, context.res, token, context.sessions.ttlSeconds);
    return { token, user: asUser(user), retryAfterSeconds: null, userErrors: [] };
  }

  @Mutation(() => OkPayload, { description: 'Sign out: this session ends now, and the browser\'s session cookie is cleared. Safe to repeat.' })
  async logout(@Ctx() context: GraphqlContext): Promise<OkPayload> {
    clearSessionCookie(context.req, context.res);
    if (!context.viewer) return { ok: true, userErrors: [] };
    const result = await endSession(useCase(context), context.viewer.sessionId ?? '');
    return { ok: result.ok, userErrors: result.ok ? [] : [toUserError(result.error)] };
  }

  @Mutation(() => OkPayload, { description: 'Change your own password; your other sessions end. Not with an API token.' })
  async changePassword(
    @Arg('input', () => ChangePasswordInput, { description: 'The current and the new password.' }) input: ChangePasswordInput,
    @Ctx() context: GraphqlContext,
  ): Promise<OkPayload> {
    actorOf(context);
    const viewer = context.viewer!;
    // Checking the current password is a guess like a sign-in: the same throttle counts it.
    const attempt = await context.signInThrottle.attempt(viewer.user.email, clientAddress(context));
    if (!attempt.allowed) return { ok: false, userErrors: [tooManyAttempts(attempt)] };
    const result = await changePassword({ ...useCase(context), sessionId: viewer.sessionId }, input);
    if (!result.ok && result.error.field?.[1] === 'currentPassword') await attempt.failed();
    else await attempt.succeeded();
    return { ok: result.ok, userErrors: result.ok ? [] : [toUserError(result.error)] };
  }

  @Mutation(() => UserPayload, { description: 'Deactivate a staff account (ADMIN): it cannot sign in, its sessions and API tokens stop at once; its history stays.' })
  async deactivateUser(
    @Arg('input', () => DeactivateUserInput, { description: 'The user.' }) input: DeactivateUserInput,
    @Ctx() context: GraphqlContext,
  ): Promise<UserPayload> {
    const result = await deactivateUser(useCase(context), { userId: idOf('User', input.userId) });
    return payload(result, (user) => ({ user: asUser(user) }));
  }

  @FieldResolver(() => Boolean, { description: 'False once an ADMIN deactivated the account.' })
  active(@Root() user: UserEntity): boolean {
    return !user.deactivatedAt;
  }

  @Query(() => [ApiToken], { description: 'The tenant\'s API tokens (ADMIN).' })
  async apiTokens(@Ctx() context: GraphqlContext): Promise<ApiToken[]> {
    return orThrow(await listApiTokens(useCase(context))).map(tokenOf);
  }

  @Mutation(() => CreateApiTokenPayload, { description: 'Create a long-lived token for an integration (ADMIN).' })
  async createApiToken(
    @Arg('input', () => CreateApiTokenInput, { description: 'The token\'s name.' }) input: CreateApiTokenInput,
    @Ctx() context: GraphqlContext,
  ): Promise<CreateApiTokenPayload> {
    return payload(await createApiToken(useCase(context), input), ({ token, secret }) => ({ secret, apiToken: tokenOf(token) }));
  }

  @Mutation(() => RevokeApiTokenPayload, { description: 'Revoke an API token at once (ADMIN).' })
  async revokeApiToken(
    @Arg('input', () => RevokeApiTokenInput, { description: 'The token.' }) input: RevokeApiTokenInput,
    @Ctx() context: GraphqlContext,
  ): Promise<RevokeApiTokenPayload> {
    const result = await revokeApiToken(useCase(context), { tokenId: input.tokenId });
    return payload(result, (token) => ({ apiToken: tokenOf(token) }));
  }

  @FieldResolver(() => Provider, { nullable: true, description: 'For a clinician: the provider whose schedule is theirs.' })
  async provider(@Root() user: UserEntity, @Ctx() context: GraphqlContext): Promise<Provider | null> {
    return user.provider ? asProvider(await related(context.loaders.provider, user.provider)) : null;
  }
}
