import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, Info, Resolver, Root } from 'type-graphql';
import { FieldResolver } from '../answers.js';
import { mayReadEmail, permissionsOf, type User as UserEntity } from '@clinic/domain';
import type { GraphqlContext } from '../context.js';
import { User } from '../types/people.type.js';

/** The root field an answer hangs from, e.g. "login". */
function rootFieldOf(info: GraphQLResolveInfo): string | number {
  let path = info.path;
  while (path.prev) path = path.prev;
  return path.key;
}

@Resolver(() => User)
export class UserFieldsResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Sign-in email, lower case. Staff e-mail addresses are for ADMIN; every user sees their own. Null otherwise.',
  })
  email(@Root() user: UserEntity, @Ctx() context: GraphqlContext, @Info() info: GraphQLResolveInfo): string | null {
    // `login` answers the user who just signed in, before the request carries their token.
    const signingIn = !context.viewer && info.operation.operation === 'mutation' && rootFieldOf(info) === 'login';
    return signingIn || mayReadEmail(context.viewer?.actor ?? null, user) ? user.email : null;
  }

  @FieldResolver(() => [String], {
    description:
      "What the user's role may do (e.g. manageStaff, bookAppointment): the web app offers only these. Listed for the signed-in user; empty for anyone else.",
  })
  permissions(@Root() user: UserEntity, @Ctx() context: GraphqlContext): string[] {
    return context.viewer?.user.id === user.id ? permissionsOf(user.role) : [];
  }
}
