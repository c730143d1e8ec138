import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import { remoteTokenVerifier } from '@ecg/policy';
import {
  close,
  createLogger,
  jsonBody,
  listen,
  operationLog,
  edgeServerOptions,
  forwardedForGuard,
  requestId,
  unexpectedErrors,
  type Logger,
} from '@ecg/infrastructure';
import { loadGatewayConfig, type GatewayConfig } from './config';
import { graphiqlRouter } from './graphiql/graphiql';
import { proxyDownload } from './downloads';
import { proxyScim, SCIM_PATH } from './scim-proxy';
import { gatewayFormatError, subgraphHttpError } from './errors';
import { gatewayHealth } from './health';
import { sessionCookieRouter } from './session-cookie';
import { subgraphFetcher } from './subgraph-fetcher';
import { notFoundPage, webAppRouter } from './web-app';

export { loadGatewayConfig, type GatewayConfig };

interface GatewayContext {
  authorization?: string;
  clientAddress?: string;
  requestId?: string;
  logger: Logger;
}

/**
 * The caller's token travels on to every subgraph, which checks it again itself; so does the
 * client's address (subgraphs believe X-Forwarded-For only from their trusted proxies).
 */
class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    // Only a client's operation carries a client's context; Apollo's own health checks and schema
    // loads have an empty one (and this gateway, on a fixed supergraph, makes neither). The
    // package does not export the `kind` enum, so the operation's own request context tells them apart.
    if (!('incomingRequestContext' in options)) return;
    const { request, context } = options;
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    if (context.clientAddress) request.http?.headers.set('x-forwarded-for', context.clientAddress);
    if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }

  /** A subgraph's 401 or 403 reaches the client as the subgraph's own error, without its URL or raw answer. */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]) {
    const body = await this.parseBody(response).catch(() => undefined);
    return subgraphHttpError(response.status, body);
  }
}

/** The gateway over the committed supergraph, on `config.port` (0: any free port). */
export async function createServer(config: GatewayConfig = loadGatewayConfig()) {
  const logger = createLogger('gateway', config.logLevel, config.logDestination);
  const verify = remoteTokenVerifier(config.auth.jwksUrl, config.auth);
  // Keep-alive connections with TCP_NODELAY, each request written whole (subgraph-fetcher.ts): the
  // default make-fetch-happen adds a delayed-ACK stall to every subgraph call, Node's fetch costs
  // more CPU per call.
  const subgraphs = subgraphFetcher();
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
    buildService: ({ name, url }) =>
      new ForwardingDataSource({ url: config.subgraphUrls[name] ?? url, fetcher: subgraphs.fetch as never }),
    logger,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustedProxies);
  app.use(forwardedForGuard());
  // SPAs on the configured origins may call the API and downloads; no cookies are involved.
  app.use(
    ['/graphql', '/exports'],
    cors({
      origin: config.corsOrigins,
      allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-request-id'],
      maxAge: 600,
    }),
  );
  let ready = false;
  app.get(
    '/health',
    gatewayHealth(config.subgraphUrls, () => ready),
  );
  app.get('/exports/contacts.xlsx', proxyDownload(config.subgraphUrls.contact, '/exports/contacts.xlsx'));
  // Provisioning from HR (SCIM 2.0): server-to-server, so no CORS; the contact subgraph answers.
  app.use(SCIM_PATH, proxyScim(config.subgraphUrls.contact));
  // The web app's pages at / (before GraphiQL, which keeps GET /graphql), and its cookie sessions.
  app.use(
    webAppRouter(),
    sessionCookieRouter(config.subgraphUrls.credential, logger, config.sessionIdleTimeoutSeconds),
  );
  if (config.graphiql) app.use(graphiqlRouter());
  const { httpServer, baseUrl } = await listen(app, config.host, config.port);

  const edge = edgeServerOptions(config.production, config.edge);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...edge,
    formatError: gatewayFormatError(config.edge.exposeStackTraces, logger, config.production),
    plugins: [
      ...edge.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      operationLog<GatewayContext>(),
    ],
  });
  await apollo.start();
  app.use(
    '/graphql',
    jsonBody(logger),
    expressMiddleware(apollo, {
      // A token that does not verify stops here with 401 UNAUTHENTICATED; none is anonymous.
      context: async ({ req }) => {
        await verify(req.headers.authorization);
        const id = requestId(req);
        return {
          authorization: req.headers.authorization,
          clientAddress: req.ip,
          requestId: id,
          logger: logger.child({ requestId: id }),
        };
      },
    }),
  );

  // Last of the routes: a browser asking for any other path gets the app's "Page not found".
  app.use(notFoundPage());
  app.use(unexpectedErrors(logger));

  const url = `${baseUrl}/graphql`;
  ready = true;
  logger.info({ url }, 'gateway ready');
  let stopped: Promise<void> | undefined;
  return {
    url,
    stop: () =>
      (stopped ??= (async () => {
        await apollo.stop();
        if (httpServer.listening) await close(httpServer);
        subgraphs.close();
      })()),
  };
}
