import { Field, ID, InterfaceType } from 'type-graphql';

@InterfaceType({
  description: 'An object with a global, opaque id; fetch any of them with `node(id:)`.',
  // Entities are returned as they are; their class names are the GraphQL type names.
  resolveType: (value: object) => value.constructor.name,
})
export abstract class Node {
  @Field(() => ID, { description: 'Global, opaque id.' })
  id!: string;
}
