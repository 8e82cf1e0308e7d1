import { Query, Resolver } from 'type-graphql';

@Resolver()
export class HealthResolver {
  @Query(() => String, { description: 'Answers "ok" while the API serves GraphQL.' })
  health(): string {
    return 'ok';
  }
}
