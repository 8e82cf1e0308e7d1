import { GraphQLError } from 'graphql';
import type { Actor, UseCaseContext } from '@clinic/domain';
import type { GraphqlContext } from './context.js';

/** Everything but `login` and `viewer` needs a signed-in caller. */
export function actorOf(context: GraphqlContext): Actor {
  if (!context.viewer) {
    throw new GraphQLError('Sign in first: send `Authorization: Bearer <token>` from the login mutation.', {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  return context.viewer.actor;
}

/** The domain's view of this request: its EntityManager, the actor, and now. */
export function useCase(context: GraphqlContext): UseCaseContext {
  return { em: context.em, actor: actorOf(context), now: context.now() };
}
