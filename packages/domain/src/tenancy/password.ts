import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';

/** NIST SP 800-63B asks for at least 8; staff accounts open patient records, so 12. */
export const MIN_PASSWORD_LENGTH = 12;
/**
 * Long enough for any passphrase or generated password; the same bound at creation and at
 * sign-in, where a longer one is refused as wrong without being hashed.
 */
export const MAX_PASSWORD_LENGTH = 128;
/** zxcvbn's 0-4 scale: 3 is "safely unguessable: moderate protection from offline attacks" (~10^10 guesses). */
export const MIN_PASSWORD_SCORE = 3;

const strength = new ZxcvbnFactory({
  translations,
  graphs: adjacencyGraphs,
  dictionary: { ...commonDictionary, ...englishDictionary },
  // Bounds on the work of one check (l33t variants multiply with every substitutable
  // character): a few milliseconds instead of seconds for a pathological 128 characters.
  l33tMaxSubstitutions: 4,
  maxLength: 64,
});

/**
 * What is wrong with a new password, in words a person can act on; null when it is acceptable.
 * `context` holds what the password must not be built from: the email, the name, the tenant.
 */
export function passwordProblem(plain: string, context: readonly string[] = []): string | null {
  if (plain.length < MIN_PASSWORD_LENGTH) return `The password has at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (plain.length > MAX_PASSWORD_LENGTH) return `The password has at most ${MAX_PASSWORD_LENGTH} characters.`;
  const userInputs = context.flatMap((value) => [value, ...value.split(/[^\p{L}\p{N}]+/u)]).filter((part) => part.length >= 3);
  const result = strength.check(plain, userInputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const why = [result.feedback.warning, ...result.feedback.suggestions].filter((text): text is string => Boolean(text));
  return `The password is too easy to guess (strength ${result.score} of 4; at least ${MIN_PASSWORD_SCORE} is needed).${
    why.length ? ` ${why.join(' ')}` : ' Use a longer passphrase of unrelated words.'
  }`;
}

/**
 * Passwords are stored as argon2id hashes (the library's defaults: 19 MiB, 2 passes), in the
 * PHC string format, which carries its own salt and parameters. Hashing is slow on purpose.
 */
export function hashPassword(plain: string): Promise<string> {
  return hash(plain);
}

/**
 * True when `plain` is the password the hash was made from. A hash that cannot be read
 * (a placeholder, a truncated value) answers false rather than throwing, so that sign-in
 * refuses it like any wrong password; so does a password longer than any that can be set,
 * without hashing it.
 */
export async function verifyPassword(passwordHash: string, plain: string): Promise<boolean> {
  if (plain.length > MAX_PASSWORD_LENGTH) return false;
  try {
    return await verify(passwordHash, plain);
  } catch {
    return false;
  }
}
