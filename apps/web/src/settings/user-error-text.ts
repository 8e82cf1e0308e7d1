import { en, type MessageKey } from '../i18n/messages';
import type { FieldUserError } from '../layout/states';

/** A userError in the reader's language: its `error_<CODE>` words when the app has them, else the server's message. */
export function userErrorText(t: (key: MessageKey, values?: Record<string, string | number>) => string, error: FieldUserError): string {
  const key = `error_${error.code}`;
  return key in en ? t(key as MessageKey) : error.message;
}

/** The same errors with their messages in the reader's language, for FormErrors and errorsFor. */
export function localized<T extends FieldUserError>(t: (key: MessageKey, values?: Record<string, string | number>) => string, errors: readonly T[] | undefined): T[] {
  return (errors ?? []).map((error) => ({ ...error, message: userErrorText(t, error) }));
}
