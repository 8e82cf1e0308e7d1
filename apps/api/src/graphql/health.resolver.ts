import { Ctx, Field, ObjectType, Resolver } from 'type-graphql';
import { Query } from './answers.js';
import { isDemoInstallation } from '@clinic/domain';
import type { GraphqlContext } from './context.js';

@ObjectType({ description: 'What anyone may know about this installation before signing in.' })
export class Installation {
  @Field(() => Boolean, {
    description:
      'True when this database holds the demo data, whose accounts share a public password: the sign-in page lists them only then. A real installation answers false.',
  })
  demo!: boolean;
}

@Resolver()
export class HealthResolver {
  @Query(() => String, { description: 'Answers "ok" while the API serves GraphQL.' })
  health(): string {
    return 'ok';
  }

  @Query(() => Installation, { description: 'This installation, for the sign-in page; no token needed.' })
  async installation(@Ctx() { em }: GraphqlContext): Promise<Installation> {
    return { demo: await isDemoInstallation(em) };
  }
}
