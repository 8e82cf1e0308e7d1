import { DriverException } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { asRefusal } from './use-case.js';

const driverError = (fields: Record<string, unknown>) => new DriverException(Object.assign(new Error(String(fields['message'] ?? 'x')), fields));

describe('isDatabaseUnavailable', () => {
  it.each([
    ['connection refused', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }],
    ['connection reset', { code: 'ECONNRESET' }],
    ['admin shutdown', { code: '57P01', message: 'terminating connection due to administrator command' }],
    ['crash shutdown', { code: '57P02' }],
    ['cannot connect now', { code: '57P03', message: 'the database system is starting up' }],
    ['too many connections', { code: '53300' }],
    ['connection exception class 08', { code: '08006' }],
    ['pg without a code', { message: 'Connection terminated unexpectedly' }],
    ['the pool waited in vain', { message: 'Knex: Timeout acquiring a connection. The pool is probably full.' }],
  ])('%s is unavailability, never a refusal', (_name, fields) => {
    const wrapped = driverError(fields);
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    // As GraphQL wraps it, and as `cause`.
    expect(isDatabaseUnavailable({ message: 'wrapper', originalError: wrapped })).toBe(true);
    expect(isDatabaseUnavailable(new Error('outer', { cause: wrapped }))).toBe(true);
    expect(asRefusal(wrapped)).toBeUndefined();
  });

  it.each([
    ['a unique violation', { code: '23505' }],
    ['a statement timeout', { code: '57014' }],
    ['a data exception', { code: '22P02' }],
    ['a plain bug', { message: 'undefined is not a function' }],
  ])('%s is not', (_name, fields) => {
    expect(isDatabaseUnavailable(driverError(fields))).toBe(false);
  });

  it('survives a cycle of causes', () => {
    const a: { message: string; cause?: unknown } = { message: 'a' };
    a.cause = { message: 'b', cause: a };
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
