import type { EntityManager, Viewer } from '@clinic/domain';
import type { Logger } from '../logger.js';
import type { Request, Response } from 'express';
import type { Sessions } from '../auth/sessions.js';
import type { SignInThrottle } from '../auth/sign-in-throttle.js';
import type { Loaders } from './loaders.js';

/** What every resolver receives; one per request. */
export interface GraphqlContext {
  readonly requestId: string;
  readonly log: Logger;
  /** The clock: resolvers ask it instead of `new Date()`, so tests can fix the time. */
  readonly now: () => Date;
  /** This request's own unit of work: nothing is shared between requests. */
  readonly em: EntityManager;
  /** The signed-in caller, from the bearer token or the session cookie; null without one. */
  readonly viewer: Viewer | null;
  readonly loaders: Loaders;
  readonly sessions: Sessions;
  readonly signInThrottle: SignInThrottle;
  /** PUBLIC_URL: set, password-reset links are e-mailed (queued with the link) as well as shown. */
  readonly publicUrl: string | undefined;
  /** The HTTP exchange: `login` and `logout` set the session cookie, the throttle reads the address. */
  readonly req: Request;
  readonly res: Response;
  /** Aborted once the request has passed REQUEST_TIMEOUT_MS: no resolver starts after that (http/request-deadline.ts). */
  readonly deadline?: AbortSignal;
}

/** The parts of a context made on first use, and how to make them. */
interface LazyParts {
  log?: Logger;
  loaders?: Loaders;
  readonly makeLog: () => Logger;
  readonly makeLoaders: () => Loaders;
}

const LAZY = Symbol('lazyContextParts');

/** `log` and `loaders` as getters of the prototype: a copy of the context shares what they made. */
class LazyContext {
  declare [LAZY]: LazyParts;

  get log(): Logger {
    const lazy = this[LAZY];
    return (lazy.log ??= lazy.makeLog());
  }

  get loaders(): Loaders {
    const lazy = this[LAZY];
    return (lazy.loaders ??= lazy.makeLoaders());
  }
}

/**
 * A request's context whose logger and batch loaders are made on first use. Apollo copies the
 * context for each operation (`Object.assign` onto an object of the same prototype), which reads
 * every own getter: getters of the object itself would make both on every request, even for an
 * answer a read model gives whole. Here they are getters of the prototype, which the copy keeps,
 * and what they make is kept in one record (a symbol-keyed property, copied by reference) that
 * the copies share, so the loaders' batching and caching hold across them.
 */
export function contextWithLazyParts(
  fields: Omit<GraphqlContext, 'log' | 'loaders'>,
  make: { log: () => Logger; loaders: () => Loaders },
): GraphqlContext {
  const context = new LazyContext();
  context[LAZY] = { makeLog: make.log, makeLoaders: make.loaders };
  return Object.assign(context, fields);
}
