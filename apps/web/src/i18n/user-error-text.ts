import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { isMessageKey, type LocaleTools } from './locale';

/** A refusal as the API gives it: a userError, or a query's GraphQL error. */
export interface TranslatableError {
  code: string;
  message: string;
  reason?: string | null;
  params?: readonly { name: string; value: string }[] | null;
}

/**
 * The refusal in the user's language: the sentence of its `reason` (with its params), else of its
 * code, else, for a code this app does not know yet, the server's English words.
 */
export function userErrorText(t: LocaleTools['t'], error: TranslatableError): string {
  // Whole numbers become numbers again, for plural forms and the user's digits.
  const params = Object.fromEntries((error.params ?? []).map(({ name, value }) => [name, /^-?\d+$/.test(value) ? Number(value) : value]));
  const byReason = error.reason ? `error_${error.reason}` : null;
  if (byReason && isMessageKey(byReason)) return t(byReason, params);
  const byCode = `error_${error.code}`;
  if (isMessageKey(byCode)) return t(byCode, params);
  return error.message;
}

/** A failed request's first refusal, when the server gave one with a code. */
export function refusalOf(error: unknown): TranslatableError | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const [first] = error.errors;
  const extensions = first?.extensions ?? {};
  if (typeof extensions['code'] !== 'string') return null;
  const params = extensions['params'];
  return {
    code: extensions['code'],
    message: first!.message,
    reason: typeof extensions['reason'] === 'string' ? extensions['reason'] : null,
    params:
      params && typeof params === 'object'
        ? Object.entries(params as Record<string, unknown>).map(([name, value]) => ({ name, value: String(value) }))
        : null,
  };
}
