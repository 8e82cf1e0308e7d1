import { isMessageKey, type LocaleTools } from './locale';

/** An audited operation ("setAppointmentStatus") in plain words of the user's language. */
export function operationName(t: LocaleTools['t'], operation: string): string {
  const key = `op_${operation}`;
  return isMessageKey(key) ? t(key) : operation;
}
