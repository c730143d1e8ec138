import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type Request } from 'express';
import type { GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddlewareGenerator } from 'graphql-middleware';
import type { DataSource } from 'typeorm';
import { remoteTokenVerifier, type AuthContext, type Principal, type TokenVerifier } from '@ecg/policy';
import type { SubgraphConfig } from '../config/subgraph-config';
import { openDatabase, withStartupLock, type DataSourceSpec } from '../database/data-source';
import { queryLimits } from '../graphql/limits';
import { setIpv6RateLimitPrefix } from '../rate-limit/client-address';
import { sameRealmErrors } from './error-realm';
import { formatError } from './format-error';
import { healthHandler } from './health';
import { jsonBody, unexpectedErrors } from './json-body';
import { operationLog, requestId } from './operation-log';
import { close, listen } from './listen';
import { createLogger, type Logger } from './logger';

/** What every request's context starts with; each subgraph adds its loaders. */
export interface BaseRequestContext extends BaseContext {
  dataSource: DataSource;
  logger: Logger;
  req: Request;
  /** Checked again here, whatever the gateway said: a request straight to a subgraph gets no more. */
  principal: Principal;
}

export interface SubgraphDefinition<C extends BaseRequestContext, S = void> extends DataSourceSpec {
  buildSchema(): Promise<GraphQLSchema>;
  /** graphql-shield rules derived from the capability matrix (see `permissions()`); they read only the principal. */
  permissions: IMiddlewareGenerator<unknown, AuthContext, unknown>;
  /** Once the database is ready: build the long-lived services requests share (keys, clients); one replica of a database at a time. */
  onStart?(dataSource: DataSource, logger: Logger): Promise<S>;
  /** Before the database closes: stop background work (the mail dispatcher). */
  onStop?(services: S): Promise<void>;
  /** How access tokens are checked; default: against the JWKS the credential subgraph publishes. */
  createVerifier?(services: S): TokenVerifier;
  /** Extra HTTP routes (the JWKS, downloads), mounted before GraphQL. */
  routes?(app: Express, tools: { services: S; verify: TokenVerifier; dataSource: DataSource; logger: Logger }): void;
  /** Called once per operation: DataLoaders live here, never across requests. */
  createContext(base: BaseRequestContext, services: S): C;
  /** Fill an empty database with demonstration rows (only when `config.demoData`). */
  seedDemoData?(dataSource: DataSource, logger: Logger): Promise<void>;
}

/** What `createServer(config)` of every service returns. */
export interface StartedServer {
  /** The GraphQL endpoint, e.g. http://localhost:4001/graphql. */
  url: string;
  stop(): Promise<void>;
}

export interface RunningServer extends StartedServer {
  dataSource: DataSource;
}

export async function startSubgraph<C extends BaseRequestContext, S = void>(
  definition: SubgraphDefinition<C, S>,
  config: SubgraphConfig,
): Promise<RunningServer> {
  const logger = createLogger(config.name, config.logLevel, config.logDestination);
  setIpv6RateLimitPrefix(config.edge.rateLimitIpv6PrefixLength);
  const dataSource = await openDatabase(config.database, definition);
  // One replica at a time: each finds what an earlier one created (demo rows, the first staff
  // login, the signing key) instead of creating its own.
  const services = await withStartupLock(config.database, dataSource, async () => {
    if (config.demoData && definition.seedDemoData) await definition.seedDemoData(dataSource, logger);
    return (await definition.onStart?.(dataSource, logger)) as S;
  });

  const schema = applyMiddleware(await definition.buildSchema(), sameRealmErrors, definition.permissions);
  const verify = definition.createVerifier?.(services) ?? remoteTokenVerifier(config.auth.jwksUrl, config.auth);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustedProxies);
  app.get('/health', healthHandler(config.name, dataSource));
  definition.routes?.(app, { services, verify, dataSource, logger });
  const { httpServer, baseUrl } = await listen(app, config.host, config.port);

  const limits = queryLimits(config.production, config.edge.maxQueryCost);
  const apollo = new ApolloServer<C>({
    schema,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    allowBatchedHttpRequests: false,
    introspection: !config.production,
    includeStacktraceInErrorResponses: config.edge.exposeStackTraces,
    formatError: formatError(logger, config.edge.exposeStackTraces),
    // Cache control off: no field has a cache hint (answers are per caller), and the plugin, on by
    // default, wraps every field resolver of every row to compute a policy that is always "no cache".
    // Its one visible effect, `cache-control: no-store` on every answer, is kept by noStore.
    plugins: [
      ...limits.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      noStore,
      operationLog<C>(),
    ],
  });
  await apollo.start();
  app.use(
    '/graphql',
    jsonBody(logger),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        definition.createContext(
          {
            dataSource,
            logger: logger.child({ requestId: requestId(req) }),
            req,
            principal: await verify(req.headers.authorization),
          },
          services,
        ),
    }),
  );

  app.use(unexpectedErrors(logger));

  const url = `${baseUrl}/graphql`;
  logger.info({ url, database: config.database.kind }, `${config.name} subgraph ready`);
  let stopped: Promise<void> | undefined;
  return {
    url,
    dataSource,
    stop: () =>
      (stopped ??= (async () => {
        await apollo.stop();
        if (httpServer.listening) await close(httpServer);
        await definition.onStop?.(services);
        if (dataSource.isInitialized) await dataSource.destroy();
      })()),
  };
}

/** Answers are per caller: no cache may keep them (what Apollo's cache-control plugin said for every answer). */
const noStore: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};

/** `index.ts` of every subgraph: start, log the URL, stop cleanly on SIGINT/SIGTERM. */
export function runUntilSignalled(start: () => Promise<StartedServer>): void {
  start().then(
    (server) => {
      const shutdown = () =>
        server.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
