import { GraphQLError } from 'graphql';
import { authorize, type Actor, type Permission, type Result } from '@clinic/domain';

/**
 * Queries have no userErrors: a refusal becomes a GraphQL error with the same stable code
 * (FORBIDDEN, VALIDATION...), and NOT_FOUND becomes null where the field allows it.
 */
export function orThrow<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new GraphQLError(result.error.message, {
    extensions: {
      code: result.error.code,
      field: result.error.field,
      ...(result.error.detail ? { reason: result.error.detail.reason, params: result.error.detail.params ?? {} } : {}),
    },
  });
}

export function orNullWhenNotFound<T>(result: Result<T>): T | null {
  if (!result.ok && result.error.code === 'NOT_FOUND') return null;
  return orThrow(result);
}

/** Checks a permission before a batch loader runs (loaders answer rows, not refusals). */
export function requirePermission(actor: Actor, permission: Permission): void {
  try {
    authorize(actor, permission);
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    throw new GraphQLError(message, { extensions: { code } });
  }
}
