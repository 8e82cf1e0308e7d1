import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type OperationDefinitionNode, type SelectionSetNode, type FragmentDefinitionNode } from 'graphql';
import { IDEMPOTENT_OPERATIONS, type Idempotent, type Result } from '@clinic/domain';
import { IDEMPOTENCY_KEY_INVALID, idempotencyKeyOf } from '../http/idempotency.js';
import type { GraphqlContext } from './context.js';

export const IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED';
/** Tells the caller the answer is the first call's, given again (the name Stripe and others use). */
const REPLAYED_HEADER = 'idempotent-replayed';

const replayed = new WeakSet<object>();

/** The Idempotency-Key this request sent, for a creating mutation's resolver. */
export function idempotencyKey(context: GraphqlContext): string | undefined {
  return idempotencyKeyOf(context.res);
}

/**
 * A creating mutation's outcome under its key, as the resolver's Result: a replay is marked
 * for the `Idempotent-Replayed` header; the key reused with another input is a 422 error.
 */
export function resultOf<T>(context: GraphqlContext, outcome: Idempotent<T>): Result<T> {
  if (outcome.kind === 'keyReused') {
    throw new GraphQLError(
      'This Idempotency-Key was already used for a different request of this operation; nothing was done. Use a new key for a new request.',
      { extensions: { code: IDEMPOTENCY_KEY_REUSED, http: { status: 422 } } },
    );
  }
  if (outcome.kind === 'replayed') replayed.add(context);
  return outcome.result;
}

const CREATING = new Set<string>(IDEMPOTENT_OPERATIONS);

/**
 * One key names one change: a mutation sent with an Idempotency-Key may hold at most one
 * creating field. Sets `Idempotent-Replayed: true` on an answer given again.
 */
export function idempotencyPlugin(): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document }) {
          if (operation?.operation !== 'mutation' || !idempotencyKey(contextValue)) return;
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
          }
          if (creatingFields(operation, fragments) > 1) {
            throw new GraphQLError('A mutation sent with an Idempotency-Key may create one thing only; send each with its own key.', {
              extensions: { code: IDEMPOTENCY_KEY_INVALID, http: { status: 400 } },
            });
          }
        },
        async willSendResponse({ contextValue, response }) {
          if (replayed.has(contextValue)) response.http.headers.set(REPLAYED_HEADER, 'true');
        },
      };
    },
  };
}

function creatingFields(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): number {
  const count = (selectionSet: SelectionSetNode, seen: Set<string>): number =>
    selectionSet.selections.reduce((total, selection) => {
      if (selection.kind === Kind.FIELD) return total + (CREATING.has(selection.name.value) ? 1 : 0);
      if (selection.kind === Kind.INLINE_FRAGMENT) return total + count(selection.selectionSet, seen);
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) return total;
      return total + count(fragment.selectionSet, new Set([...seen, fragment.name.value]));
    }, 0);
  return count(operation.selectionSet, new Set());
}
