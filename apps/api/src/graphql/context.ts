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
