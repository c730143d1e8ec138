import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Request } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { SubgraphConfig } from '../config/subgraph-config';
import { openDatabase, type DataSourceSpec } from '../database/data-source';
import { formatError } from './format-error';
import { healthHandler } from './health';
import { close, listen } from './listen';
import { createLogger, type Logger } from './logger';

/** What every request's context starts with; each subgraph adds its loaders. */
export interface BaseRequestContext extends BaseContext {
  dataSource: DataSource;
  logger: Logger;
  req: Request;
}

export interface SubgraphDefinition<C extends BaseRequestContext> extends DataSourceSpec {
  buildSchema(): Promise<GraphQLSchema>;
  /** Called once per operation: DataLoaders live here, never across requests. */
  createContext(base: BaseRequestContext): C;
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

export async function startSubgraph<C extends BaseRequestContext>(
  definition: SubgraphDefinition<C>,
  config: SubgraphConfig,
): Promise<RunningServer> {
  const logger = createLogger(config.name, config.logLevel);
  const dataSource = await openDatabase(config.database, definition);
  if (config.demoData && definition.seedDemoData) await definition.seedDemoData(dataSource, logger);

  const schema = await definition.buildSchema();
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', healthHandler(config.name, dataSource));
  const { httpServer, baseUrl } = await listen(app, config.host, config.port);

  const apollo = new ApolloServer<C>({
    schema,
    introspection: !config.production,
    includeStacktraceInErrorResponses: !config.production,
    formatError: formatError(logger, config.production),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: async ({ req }) => definition.createContext({ dataSource, logger, req }) }),
  );

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
        if (dataSource.isInitialized) await dataSource.destroy();
      })()),
  };
}

/** `index.ts` of every subgraph: start, log the URL, stop cleanly on SIGINT/SIGTERM. */
export function runUntilSignalled(start: () => Promise<StartedServer>): void {
  start().then(
    (server) => {
      const shutdown = () => server.stop().then(() => process.exit(0), () => process.exit(1));
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
