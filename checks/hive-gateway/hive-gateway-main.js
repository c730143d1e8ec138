// Hive Gateway with the Rust query planner of Hive Router in a process of its own (the router
// runtime loads its planner with a dynamic import(), which jest's module sandbox refuses), on the
// committed supergraph, pointed at our subgraphs, forwarding the caller's token.
// Plain JavaScript: it runs from this package's own node_modules, with no build step.
// HIVE_PORT, ORGANIZATION_URL, CONTACT_URL, CREDENTIAL_URL, HIVE_DEDUPLICATE=true|false.
const { readFileSync } = require('node:fs');
const { createServer } = require('node:http');
const { resolve } = require('node:path');
const { createGatewayRuntime, HTTPTransport } = require('@graphql-hive/gateway');
const { unifiedGraphHandler } = require('@graphql-hive/router-runtime');

async function main() {
  const env = process.env;
  const subgraphUrls = { organization: env.ORGANIZATION_URL, contact: env.CONTACT_URL, credential: env.CREDENTIAL_URL };
  // Hive merges identical subgraph requests in flight by default; a fair benchmark turns it off.
  const deduplicateInflightRequests = env.HIVE_DEDUPLICATE !== 'false';
  const gateway = createGatewayRuntime({
    supergraph: readFileSync(resolve(__dirname, '../../schema/supergraph.graphql'), 'utf8'),
    unifiedGraphHandler,
    logging: false,
    // Loaded here rather than by the runtime's dynamic import.
    transports: { http: HTTPTransport },
    landingPage: false,
    graphiql: false,
    transportEntries: Object.fromEntries(
      Object.entries(subgraphUrls).map(([name, location]) => [
        name,
        { location, options: { deduplicateInflightRequests } },
      ]),
    ),
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
    },
  });
  const server = createServer(gateway);
  await new Promise((done) => server.listen(Number(env.HIVE_PORT ?? 0), '127.0.0.1', done));
  // The parent reads this line to learn the address.
  console.log(`hive-gateway listening http://127.0.0.1:${server.address().port}/graphql`);
  const stop = () => {
    server.closeAllConnections();
    server.close(() => void gateway.dispose().then(() => process.exit(0)));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
