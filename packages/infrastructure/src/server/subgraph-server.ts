import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { applyMiddleware } from 'graphql-middleware';
import type { DataSource } from 'typeorm';
import { permissions, remoteTokenVerifier, type TokenVerifier } from '@ecg/policy';
import type { SubgraphConfig } from '../config/subgraph-config';
import { openDatabase } from '../database/data-source';
import { withStartupLock } from '../database/startup-lock';
import { edgeServerOptions } from '../graphql/limits';
import { setIpv6RateLimitPrefix } from '../rate-limit/client-address';
import { purgeStaleRateLimits } from '../rate-limit/rate-limit';
import { startPeriodic } from '../database/purge';
import { sameRealmErrors } from './error-realm';
import { formatError } from './format-error';
import { forwardedForGuard } from './forwarded-for';
import { healthHandler } from './health';
import { jsonBody, unexpectedErrors } from './json-body';
import { operationLog, requestId } from './operation-log';
import { close, listen } from './listen';
import { createLogger, type Logger } from './logger';
import type { BaseRequestContext } from './request-context';
import { mergeModules } from '../modules/merge-modules';
import { buildModuleSchema } from '../modules/module-schema';
import { requestLoaders } from '../modules/module-loaders';
import type { SubgraphModule } from '../modules/subgraph-module';

export type { BaseRequestContext };

export interface SubgraphDefinition<S = void> {
  /** The feature folders' modules: their resolvers, rules, loaders, entities, migrations and routes. */
  modules: readonly SubgraphModule<S>[];
  /** Once the database is ready: build the long-lived services requests share (keys, clients); one replica of a database at a time. */
  onStart?(dataSource: DataSource, logger: Logger): Promise<S>;
  /** Before the database closes: stop background work (the mail dispatcher). */
  onStop?(services: S): Promise<void>;
  /** How access tokens are checked; default: against the JWKS the credential subgraph publishes. */
  createVerifier?(services: S): TokenVerifier;
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

export async function startSubgraph<S = void>(
  definition: SubgraphDefinition<S>,
  config: SubgraphConfig,
): Promise<RunningServer> {
  // Before anything opens: two modules claiming one rule, loader or field stop the start here.
  const modules = mergeModules(definition.modules);
  const guards = permissions(modules.rules, modules.publicEntityTypes, { currentSession: modules.everyMutation });
  const schema = applyMiddleware(await buildModuleSchema(modules), sameRealmErrors, guards);
  const loaders = requestLoaders(modules.loaders);

  const logger = createLogger(config.name, config.logLevel, config.logDestination);
  setIpv6RateLimitPrefix(config.edge.rateLimitIpv6PrefixLength);
  const dataSource = await openDatabase(config.database, modules);
  // One replica at a time: each finds what an earlier one created (demo rows, the first staff
  // login, the signing key) instead of creating its own.
  const services = await withStartupLock(config.database, dataSource, async () => {
    if (config.demoData && definition.seedDemoData) await definition.seedDemoData(dataSource, logger);
    return (await definition.onStart?.(dataSource, logger)) as S;
  });

  // Every replica purges, in bounded batches: no one of them is special.
  const purge = startPeriodic('purge rate limits', 10 * 60_000, () => purgeStaleRateLimits(dataSource), logger);
  const verify = definition.createVerifier?.(services) ?? remoteTokenVerifier(config.auth.jwksUrl, config.auth);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustedProxies);
  app.use(forwardedForGuard());
  let ready = false;
  app.get(
    '/health',
    healthHandler(config.name, dataSource, () => ready),
  );
  for (const routes of modules.routes) routes(app, { services, verify, dataSource, logger });
  const { httpServer, baseUrl } = await listen(app, config.host, config.port);

  const edge = edgeServerOptions(config.production, config.edge);
  const apollo = new ApolloServer<BaseRequestContext>({
    schema,
    ...edge,
    formatError: formatError(logger, config.edge.exposeStackTraces, config.production),
    // Cache control off: no field has a cache hint (answers are per caller), and the plugin, on by
    // default, wraps every field resolver of every row to compute a policy that is always "no cache".
    // Its one visible effect, `cache-control: no-store` on every answer, is kept by noStore.
    plugins: [
      ...edge.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      noStore,
      operationLog<BaseRequestContext>(),
    ],
  });
  await apollo.start();
  app.use(
    '/graphql',
    jsonBody(logger),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const request: BaseRequestContext = {
          dataSource,
          logger: logger.child({ requestId: requestId(req) }),
          req,
          principal: await verify(req.headers.authorization),
        };
        return { ...request, services, loaders: loaders(request, services) };
      },
    }),
  );

  app.use(unexpectedErrors(logger));

  const url = `${baseUrl}/graphql`;
  ready = true;
  logger.info({ url, database: config.database.kind }, `${config.name} subgraph ready`);
  let stopped: Promise<void> | undefined;
  return {
    url,
    dataSource,
    stop: () =>
      (stopped ??= (async () => {
        await apollo.stop();
        if (httpServer.listening) await close(httpServer);
        await purge.stop();
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
