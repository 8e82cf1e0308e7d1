import { type LocaleTools } from './locale';
import { en, type MessageKey } from './messages';

/** An audited operation ("setAppointmentStatus") in plain words of the user's language. */
export function operationName(t: LocaleTools['t'], operation: string): string {
  const key = `op_${operation}`;
  return Object.hasOwn(en, key) ? t(key as MessageKey) : operation;
}
