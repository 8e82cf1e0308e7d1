import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { CallerCache } from './caller-cache.js';

/** Mutations that may end a session, change a user or revoke a token. */
const CALLER_CHANGES = new Set(['logout', 'deactivateUser', 'changePassword', 'resetPassword', 'changeUserRole', 'revokeApiToken']);

/**
 * After a mutation that may change who a caller is, this process forgets its remembered callers
 * before the answer leaves: its own next request never relies on the notice having arrived.
 * (Other processes forget on the notice, within milliseconds.)
 */
export function forgetCallersAfterChanges(callers: CallerCache): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation }) {
          if (operation?.operation !== 'mutation') return;
          const changes = operation.selectionSet.selections.some(
            (selection) => selection.kind === Kind.FIELD && CALLER_CHANGES.has(selection.name.value),
          );
          if (changes) callers.forgetAll();
        },
      };
    },
  };
}
