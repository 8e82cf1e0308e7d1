import { describe, expect, it } from 'vitest';
import type { Logger } from '../logger.js';
import { contextWithLazyParts } from './context.js';
import type { Loaders } from './loaders.js';

/** What Apollo does with the context of each operation (@apollo/server's cloneObject). */
const copyAsApolloDoes = <T extends object>(object: T): T => Object.assign(Object.create(Object.getPrototypeOf(object) as object) as T, object);

describe('contextWithLazyParts', () => {
  it("makes the logger and the loaders on first use only, even once Apollo has copied the context, and once for the copies", () => {
    const made = { log: 0, loaders: 0 };
    const log = {} as Logger;
    const loaders = {} as Loaders;
    const context = contextWithLazyParts(
      { requestId: 'r1', now: () => new Date(0), em: {} as never, viewer: null, sessions: {} as never, signInThrottle: {} as never, publicUrl: undefined, req: {} as never, res: {} as never },
      { log: () => (made.log += 1, log), loaders: () => (made.loaders += 1, loaders) },
    );
    const copy = copyAsApolloDoes(context);
    expect(made).toEqual({ log: 0, loaders: 0 });
    expect(copy.requestId).toBe('r1');
    expect(copy.loaders).toBe(loaders);
    expect(context.loaders).toBe(loaders);
    expect(copyAsApolloDoes(copy).log).toBe(log);
    expect(made).toEqual({ log: 1, loaders: 1 });
  });
});
