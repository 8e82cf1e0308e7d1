import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { isDemoInstallation, type Database } from '@clinic/domain';
import type { ApiConfig } from './config.js';
import { randomBytes } from 'node:crypto';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { noStoreAnswers } from './graphql/no-store.js';
import { contextWithLazyParts, type GraphqlContext } from './graphql/context.js';
import { createLoaders } from './graphql/loaders.js';
import { formatError, logUnexpectedErrors } from './graphql/format-error.js';
import { depthLimit, MAX_DEPTH } from './graphql/limits.js';
import { callFieldResolversDirectly, readPlainFieldsDirectly } from './graphql/plain-fields.js';
import { graphqlRequestGuard } from './http/graphql-request-guard.js';
import { abandonAfterDeadline, deadlineOf, requestDeadline, stopResolversAfterDeadline } from './http/request-deadline.js';
import { createSessions } from './auth/sessions.js';
import { viewerOfRequest } from './auth/credentials.js';
import { createCallerCache, type ListenConnector } from './auth/caller-cache.js';
import { forgetCallersAfterChanges } from './auth/forget-callers.js';
import { oneSignInPerRequest } from './auth/one-sign-in-per-request.js';
import { createSignInThrottle } from './auth/sign-in-throttle.js';
import { buildGraphqlSchema } from './graphql/schema.js';
import { errorHandler, notFound } from './http/errors.js';
import { healthRoutes } from './http/health.js';
import { gracefulShutdown } from './http/graceful-shutdown.js';
import { idempotencyKeys } from './http/idempotency.js';
import { idempotencyPlugin } from './graphql/idempotency.js';
import { guardContext, serviceUnavailable } from './graphql/unavailable.js';
import { requestScope, requestScopeOf } from './http/request-scope.js';
import { securityHeaders } from './http/security-headers.js';
import { webAppRoutes } from './http/web-app.js';
import type { Logger } from './logger.js';

export interface ServerDependencies {
  database: Pick<Database, 'orm' | 'isReachable'>;
  config: Pick<ApiConfig, 'webDist'> & Partial<Pick<ApiConfig, 'explorerDist' | 'requestTimeoutMs' | 'trustProxy' | 'publicUrl'>>;
  logger: Logger;
  now?: () => Date;
  /** Signs session tokens; a fresh random one (tokens die with the process) when absent. */
  sessionSecret?: Uint8Array;
}

export interface ApiServer {
  /** Starts accepting connections; resolves with the URL a person on this machine would open. */
  listen(port: number, host: string): Promise<{ url: string }>;
  /**
   * Graceful: /readyz answers 503 at once, requests are served as usual for `drainMs` (default
   * 0), then it stops accepting and answers every request it has received before it stops.
   */
  close(options?: { drainMs?: number }): Promise<void>;
}

const GRAPHQL_PATH = '/graphql';
/** A working day and then some: staff sign in once a shift. */
const SESSION_TTL_SECONDS = 12 * 60 * 60;
const EXPLORER_PATH = '/explorer';
const API_PATHS = [GRAPHQL_PATH, '/healthz', '/readyz', EXPLORER_PATH];
/** REQUEST_TIMEOUT_MS's default. */
const REQUEST_TIMEOUT_MS = 30_000;

/** The one HTTP process: health probes, GraphQL, and the built web app. */
export async function createServer({
  database,
  config,
  logger,
  now = () => new Date(),
  sessionSecret = randomBytes(32),
}: ServerDependencies): Promise<ApiServer> {
  const app = express();
  const httpServer = createHttpServer(app);
  const shutdown = gracefulShutdown(httpServer);
  const sessions = createSessions(sessionSecret, { ttlSeconds: SESSION_TTL_SECONDS, now });
  const signInThrottle = createSignInThrottle(database.orm.em.getConnection().getKnex());
  // Callers recognised from memory, forgotten on PostgreSQL's notice (auth/caller-cache.ts).
  const callers = createCallerCache(database.orm.em.getConnection().getKnex().client as ListenConnector, {
    logger: logger.child({ component: 'caller-cache' }),
  });
  await callers.ready();
  const schema = await buildGraphqlSchema();
  readPlainFieldsDirectly(schema);
  callFieldResolversDirectly(schema);
  stopResolversAfterDeadline(schema);
  const apollo = new ApolloServer<GraphqlContext>({
    schema,
    // Protection: depth and cost are checked before anything runs; CSRF prevention is Apollo's
    // default (on); introspection stays on because integrators need it.
    validationRules: [depthLimit(MAX_DEPTH)],
    introspection: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: true,
    // No automatic persisted queries: nothing here uses them, and a cache is one more surface.
    persistedQueries: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No @cacheControl hints here: no per-field cache accounting; answers stay `no-store`.
      ApolloServerPluginCacheControlDisabled(),
      noStoreAnswers(),
      abandonAfterDeadline(),
      logUnexpectedErrors(logger.child({ component: 'graphql' }), () => database.isReachable()),
      serviceUnavailable(),
      idempotencyPlugin(),
      forgetCallersAfterChanges(callers),
    ],
    includeStacktraceInErrorResponses: false,
    // Compact JSON: Apollo's default indents every answer (more to build and to send).
    stringifyResult: (result) => JSON.stringify(result),
    formatError,
    logger: apolloLoggerFor(logger.child({ component: 'apollo' })),
  });
  await apollo.start();

  app.disable('x-powered-by');
  // req.ip (the sign-in throttle's client address) and req.secure (the Secure cookie) trust
  // X-Forwarded-* only from the proxies TRUST_PROXY names; none by default.
  app.set('trust proxy', config.trustProxy ?? false);
  // First, so that every answer carries them: the app, the explorer, the API, health and errors.
  app.use(securityHeaders({ explorerPath: EXPLORER_PATH }));
  app.use(requestScope(logger));
  app.use(healthRoutes(database, shutdown));
  // GraphQL answers carry no ETag: each is `no-store` and a POST is never revalidated, so
  // hashing every answer (what express's res.send does by default) is work for nothing. A
  // sub-application has a setting of its own and takes the rest (trust proxy) from the app.
  const graphqlApp = express();
  graphqlApp.disable('x-powered-by');
  graphqlApp.set('etag', false);
  app.use(GRAPHQL_PATH, graphqlApp);
  graphqlApp.use(
    // Body size, control characters, batch size, string lengths and the request's summed cost.
    ...graphqlRequestGuard(schema),
    idempotencyKeys(),
    oneSignInPerRequest(),
    requestDeadline(config.requestTimeoutMs ?? REQUEST_TIMEOUT_MS),
    expressMiddleware(apollo, {
      context: guardContext(async ({ req, res }): Promise<GraphqlContext> => {
        const scope = requestScopeOf(res);
        const em = database.orm.em.fork();
        const viewer = await viewerOfRequest(req, res, em, sessions, now(), callers);
        // Logger and loaders made on first use: a read model's answer is loaded whole and never
        // asks its loaders (see contextWithLazyParts: Apollo copies the context).
        return contextWithLazyParts(
          { requestId: scope.requestId, now, em, viewer, sessions, signInThrottle, publicUrl: config.publicUrl, req, res, deadline: deadlineOf(res) },
          {
            log: () => scope.log,
            loaders: () =>
              createLoaders(() => {
                if (!viewer) throw new Error('loaders are used only for a signed-in viewer');
                return { em, actor: viewer.actor, now: now() };
              }),
          },
        );
      }, () => database.isReachable()),
    }),
  );
  if (config.explorerDist) app.use(EXPLORER_PATH, webAppRoutes({ webDist: config.explorerDist, apiPaths: [] }));
  app.use(
    webAppRoutes({ webDist: config.webDist, apiPaths: API_PATHS, demoInstallation: () => isDemoInstallation(database.orm.em.fork()) }),
  );
  app.use(notFound);
  app.use(errorHandler);

  let closing: Promise<void> | undefined;
  return {
    async listen(port, host) {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      const address = httpServer.address() as AddressInfo;
      return { url: `http://${displayHost(host)}:${address.port}` };
    },
    close({ drainMs = 0 } = {}) {
      // Every request received is answered before Apollo stops (see http/graceful-shutdown.ts).
      closing ??= shutdown
        .drain(drainMs)
        .then(() => apollo.stop())
        .finally(() => callers.close());
      return closing;
    },
  };
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

function apolloLoggerFor(log: Logger) {
  return {
    debug: (message?: unknown) => log.debug(String(message)),
    info: (message?: unknown) => log.info(String(message)),
    warn: (message?: unknown) => log.warn(String(message)),
    error: (message?: unknown) => log.error(String(message)),
  };
}
