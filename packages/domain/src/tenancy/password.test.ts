import { describe, expect, it } from 'vitest';
import { MAX_PASSWORD_LENGTH, hashPassword, passwordProblem, verifyPassword } from './password.js';

describe('the password rule', () => {
  it('takes a passphrase of unrelated words', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('staple-orbit-lantern-47')).toBeNull();
  });

  it('refuses twelve spaces, a common password and a short one, saying why', () => {
    expect(passwordProblem(' '.repeat(12))).toMatch(/^The password is too easy to guess \(strength 0 of 4; at least 3 is needed\)\. Repeated characters/);
    expect(passwordProblem('password1234')).toMatch(/too easy to guess.*commonly used password/);
    expect(passwordProblem('Zq9!xT2#')).toBe('The password has at least 12 characters.');
  });

  it("refuses a password built from the account's own email or name", () => {
    expect(passwordProblem('boss@acme.example1')).toBeNull();
    expect(passwordProblem('boss@acme.example1', ['boss@acme.example', 'Dr Boss'])).toMatch(/too easy to guess/);
  });

  it(`refuses more than ${MAX_PASSWORD_LENGTH} characters at creation, and at sign-in without hashing`, async () => {
    const long = 'correct horse battery staple '.repeat(5);
    expect(passwordProblem(long)).toBe(`The password has at most ${MAX_PASSWORD_LENGTH} characters.`);
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    const started = performance.now();
    expect(await verifyPassword(stored, 'x'.repeat(MAX_PASSWORD_LENGTH + 1))).toBe(false);
    // No argon2 run: a hash takes tens of milliseconds, this answers at once.
    expect(performance.now() - started).toBeLessThan(5);
  });
});
