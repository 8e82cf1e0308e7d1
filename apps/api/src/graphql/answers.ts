import { FieldResolver as fieldResolver, Mutation as mutation, Query as query } from 'type-graphql';

/**
 * `Query`, `Mutation` and `FieldResolver` as type-graphql's, with one more thing: when the type
 * they name is a class (an object or interface type, or String, Boolean, Number, Date), the
 * compiler checks the method's answer against it.
 *
 * type-graphql only reads the type in the decorator; the method may answer anything, and an
 * entity answered as a GraphQL type whose field it lacks (renamed, dropped) answers null. Here a
 * method answering `Promise<UserEntity[]>` under `@Query(() => [User])` fails to compile: only a
 * `User` (what the typed mappers of source.ts give, once the source holds every field) fits.
 * Scalars (ID, Int, LocalDate...), enums and unions are not classes and stay unchecked.
 *
 * Resolvers import these three from here: the lint configuration refuses type-graphql's own.
 */
type ReturnTypeFunc = Parameters<typeof query>[0];
type Options = Parameters<typeof query>[1];

/** A class whose instances are the GraphQL type: an object type, an interface, or a built-in scalar's wrapper. */
type Class<G> = abstract new (...args: never[]) => G;
type MaybePromise<T> = T | Promise<T>;

/** A database row: every entity of the domain carries its tenant (TenantOwned); no GraphQL type has that field. */
type Row = { tenant: unknown };
type Leaf = string | number | boolean | bigint | symbol | Date | null | undefined;
type Down = [never, 0, 1, 2, 3];
/** The rows an answer holds, in itself, in its list or in its fields (three levels down: a payload's page's edges). */
type RowsIn<T, Depth extends number = 4> = [Depth] extends [never]
  ? never
  : T extends Leaf
    ? never
    : T extends Row
      ? T
      : T extends readonly (infer E)[]
        ? RowsIn<E, Depth>
        : { [K in keyof T]-?: RowsIn<T[K], Down[Depth]> }[keyof T];

/** What the compiler says of a method that answers a row: the row's fields are not the type's. */
interface AnswersARow {
  'answer through a typed mapper of source.ts (asUser, asAppointment...), not a row': never;
}

/** What it says of a method whose answer is `any`: nothing would be checked. */
interface AnswersAny {
  'an answer typed any is not checked: give it its GraphQL type': never;
}

type IsAny<T> = 0 extends 1 & T ? true : false;
/** Nothing, or what is wrong with an answer. */
type Refusal<T> = IsAny<T> extends true ? AnswersAny : [RowsIn<T>] extends [never] ? unknown : AnswersARow;

/**
 * A decorator that accepts only a method answering `A` (null allowed: GraphQL checks the field's
 * nullability at run time), whatever its arguments, holding no row even where a row would fit,
 * and not typed `any`.
 */
export type AnswerDecorator<A> = <M extends (...args: never[]) => MaybePromise<A | null | undefined>>(
  target: object,
  key: string | symbol,
  descriptor: { value?: M & Refusal<Awaited<ReturnType<M>>> },
) => void;

type ListAnswer<G> = AnswerDecorator<readonly (G | null | undefined)[]>;

function typed(decorator: (type: ReturnTypeFunc, options?: Options) => MethodDecorator) {
  function answer<G>(type: () => [Class<G>], options?: Options): ListAnswer<G>;
  function answer<G>(type: () => Class<G>, options?: Options): AnswerDecorator<G>;
  function answer(type: ReturnTypeFunc, options?: Options): MethodDecorator;
  function answer(type: ReturnTypeFunc, options?: Options): MethodDecorator {
    return decorator(type, options);
  }
  return answer;
}

/** type-graphql's `Query`; the method's answer is checked against a class type. */
export const Query = typed(query);
/** type-graphql's `Mutation`; the method's answer is checked against a class type. */
export const Mutation = typed(mutation);
/** type-graphql's `FieldResolver`; the method's answer is checked against a class type. */
export const FieldResolver = typed(fieldResolver);
