import type { Viewer } from '@clinic/domain';
import type { Logger } from '../logger.js';

/**
 * Recognising a caller without a database trip on each request: the viewers of the sessions and
 * API tokens this process has checked stay in memory, and PostgreSQL says when one changes.
 * Triggers (migration 013) send `NOTIFY caller_change, 'session:<id>' | 'user:<id>' | 'token:<id>'`
 * when a session ends, a user changes (deactivated, role, provider, password) or a token is
 * revoked, whatever wrote it; this process LISTENs on its own connection and forgets what the
 * notice names. So a revocation counts here as soon as its transaction commits (milliseconds).
 *
 * Safe by construction:
 * - While the listening connection is not up (start-up, a dropped connection, a database
 *   restart), nothing is cached or answered from memory: every request asks the database, as
 *   without the cache. When it is up again, the memory starts empty.
 * - A load that started before a change and ends after its notice is not kept (a generation
 *   count), so a stale viewer never outlives the notice that ended it.
 * - An entry lives at most `ttlMs` (60 s by default) and the memory holds at most `maxEntries`.
 * - Only a valid caller is kept; a refused credential asks the database every time.
 */
export interface CallerCache {
  /** The viewer of a verified session token: from memory, or `load` (the database) once. */
  session(claims: { sessionId: string; userId: string; tenantId: string }, load: () => Promise<Viewer | null>): Promise<Viewer | null>;
  /** The viewer of an API token by the SHA-256 of its secret: from memory, or `load` once. */
  apiToken(digest: string, load: () => Promise<Viewer | null>): Promise<Viewer | null>;
  /**
   * Forgets every caller now: for a change this process has just committed (a sign-out, a
   * deactivation...), so that its next request does not wait for the notice to arrive.
   */
  forgetAll(): void;
  /** True while notices arrive (the memory is in use). */
  readonly listening: boolean;
  /** Resolves once the first attempt to listen has settled (up or not), or after `capMs`: for start-up. */
  ready(capMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** The part of a `pg` client the listener uses (what knex's raw connection is). */
interface NotifyingConnection {
  query(text: string): Promise<unknown>;
  on(event: 'notification', listener: (message: { channel: string; payload?: string }) => void): unknown;
  on(event: 'error' | 'end', listener: (error?: Error) => void): unknown;
}

/** How the cache gets and gives back its own connection (outside the pool): knex's raw connection. */
export interface ListenConnector {
  acquireRawConnection(): Promise<NotifyingConnection>;
  destroyRawConnection(connection: NotifyingConnection): Promise<void>;
}

interface Entry {
  viewer: Viewer;
  expiresAt: number;
}

const CHANNEL = 'caller_change';

export function createCallerCache(
  connector: ListenConnector,
  options: { logger: Logger; ttlMs?: number; maxEntries?: number; reconnectMs?: number; clock?: () => number },
): CallerCache {
  const { logger } = options;
  const ttlMs = options.ttlMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const reconnectMs = options.reconnectMs ?? 1_000;
  const clock = options.clock ?? Date.now;
  const entries = new Map<string, Entry>();
  let generation = 0;
  let listening = false;
  let closed = false;
  let connection: NotifyingConnection | null = null;
  let retry: NodeJS.Timeout | null = null;
  let settled = false;
  let waiting: Array<() => void> = [];
  const settle = () => {
    settled = true;
    const resolved = waiting;
    waiting = [];
    for (const resolve of resolved) resolve();
  };

  const forgetAll = () => {
    generation += 1;
    entries.clear();
  };

  const forget = (payload: string) => {
    generation += 1;
    const [kind, id] = payload.split(':', 2);
    for (const [key, entry] of entries) {
      const viewer = entry.viewer;
      const named =
        (kind === 'session' && viewer.sessionId === id) ||
        (kind === 'token' && viewer.apiTokenId === id) ||
        (kind === 'user' && viewer.user.id === id);
      if (named || !kind || !id) entries.delete(key);
    }
  };

  const down = (reason: string, error?: Error) => {
    if (!listening && connection === null) return;
    listening = false;
    forgetAll();
    const lost = connection;
    connection = null;
    if (lost) void connector.destroyRawConnection(lost).catch(() => undefined);
    if (!closed) {
      logger.warn({ component: 'caller-cache', reason, error: error?.message }, 'caller cache: not listening, every request asks the database');
      schedule();
    }
  };

  const connect = async () => {
    retry = null;
    if (closed) return;
    let opened: NotifyingConnection | null = null;
    try {
      opened = await connector.acquireRawConnection();
      opened.on('notification', (message) => {
        if (message.channel === CHANNEL) forget(message.payload ?? '');
      });
      opened.on('error', (error) => down('the listening connection failed', error));
      opened.on('end', () => down('the listening connection ended'));
      await opened.query(`listen ${CHANNEL}`);
      if (closed) {
        await connector.destroyRawConnection(opened);
        return;
      }
      connection = opened;
      forgetAll();
      listening = true;
      settle();
    } catch (error) {
      if (opened) void connector.destroyRawConnection(opened).catch(() => undefined);
      logger.warn({ component: 'caller-cache', error: (error as Error).message }, 'caller cache: cannot listen yet, every request asks the database');
      settle();
      schedule();
    }
  };

  const schedule = () => {
    if (closed || retry) return;
    retry = setTimeout(() => void connect(), reconnectMs);
    retry.unref();
  };

  const cached = async (key: string, load: () => Promise<Viewer | null>, matches: (viewer: Viewer) => boolean) => {
    if (!listening) return load();
    const now = clock();
    const entry = entries.get(key);
    if (entry && entry.expiresAt > now && matches(entry.viewer)) return entry.viewer;
    if (entry) entries.delete(key);
    const before = generation;
    const viewer = await load();
    // Kept only if nothing changed while it loaded, and only while notices arrive.
    if (viewer && listening && generation === before && matches(viewer)) {
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(key, { viewer, expiresAt: now + ttlMs });
    }
    return viewer;
  };

  void connect();

  return {
    session(claims, load) {
      return cached(`s:${claims.sessionId}`, load, (viewer) => viewer.sessionId === claims.sessionId && viewer.user.id === claims.userId && viewer.actor.tenantId === claims.tenantId);
    },
    apiToken(digest, load) {
      return cached(`t:${digest}`, load, (viewer) => viewer.apiTokenId !== null);
    },
    forgetAll,
    get listening() {
      return listening;
    },
    ready(capMs = 2_000) {
      if (settled || closed) return Promise.resolve();
      return new Promise((resolve) => {
        const cap = setTimeout(resolve, capMs);
        cap.unref();
        waiting.push(() => {
          clearTimeout(cap);
          resolve();
        });
      });
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      listening = false;
      forgetAll();
      const open = connection;
      connection = null;
      settle();
      if (open) await connector.destroyRawConnection(open).catch(() => undefined);
    },
  };
}
