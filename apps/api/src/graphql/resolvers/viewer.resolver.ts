import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
  signIn,
  type ApiToken as ApiTokenEntity,
  type User as UserEntity,
} from '@clinic/domain';
import type { GraphqlContext } from '../context.js';
import { related } from '../loaders.js';
import { payload, UserError } from '../user-error.js';
import { useCase } from '../viewer.js';
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

const tokenOf = (token: ApiTokenEntity): ApiToken => ({
  id: token.id,
  name: token.name,
  createdAt: token.createdAt,
  revokedAt: token.revokedAt ?? null,
});

@Resolver(() => User)
export class ViewerResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user; null without a valid token.' })
  viewer(@Ctx() context: GraphqlContext): UserEntity | null {
    return context.viewer?.user ?? null;
  }

  @Mutation(() => LoginPayload, { description: 'Sign in. A wrong password and an unknown email answer alike.' })
  async login(@Arg('input', () => LoginInput, { description: 'Email and password.' }) input: LoginInput, @Ctx() context: GraphqlContext): Promise<LoginPayload> {
    const viewer = await signIn(context.em, input.email, input.password);
    if (!viewer) {
      return { token: null, user: null, userErrors: [{ code: 'INVALID_CREDENTIALS', message: 'The email or password is wrong.', field: ['input', 'password'] }] };
    }
    return { token: await context.sessions.issue(viewer.user), user: viewer.user as unknown as User, userErrors: [] };
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
  async provider(@Root() user: UserEntity, @Ctx() context: GraphqlContext) {
    return user.provider ? related(context.loaders.provider, user.provider) : null;
  }
}
