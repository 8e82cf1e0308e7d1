import type { EntityManager, Viewer } from '@clinic/domain';
import type { Logger } from '../logger.js';
import type { Sessions } from '../auth/sessions.js';
import type { Loaders } from './loaders.js';

/** What every resolver receives; one per request. */
export interface GraphqlContext {
  readonly requestId: string;
  readonly log: Logger;
  /** The clock: resolvers ask it instead of `new Date()`, so tests can fix the time. */
  readonly now: () => Date;
  /** This request's own unit of work: nothing is shared between requests. */
  readonly em: EntityManager;
  /** The signed-in caller, from the bearer token; null without a valid one. */
  readonly viewer: Viewer | null;
  readonly loaders: Loaders;
  readonly sessions: Sessions;
}
