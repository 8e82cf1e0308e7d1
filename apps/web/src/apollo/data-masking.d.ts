import { type GraphQLCodegenDataMasking } from '@apollo/client/masking';

// Tells Apollo Client that the generated operation types are masked (data masking is on).
declare module '@apollo/client' {
  // Declaration merging needs an interface, even an empty one.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface TypeOverrides extends GraphQLCodegenDataMasking.TypeOverrides {}
}
