import { hash, verify } from '@node-rs/argon2';

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
 * refuses it like any wrong password.
 */
export async function verifyPassword(passwordHash: string, plain: string): Promise<boolean> {
  try {
    return await verify(passwordHash, plain);
  } catch {
    return false;
  }
}
