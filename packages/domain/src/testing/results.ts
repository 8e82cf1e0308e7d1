import type { Result } from '../kernel/domain-error.js';

/** The value of a use case's success; a refusal fails the test with its code and words. */
export function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`refused: ${result.error.code} ${result.error.message}`);
  return result.value;
}
