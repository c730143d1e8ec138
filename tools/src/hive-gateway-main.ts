import { startHiveGateway } from './hive-gateway';

// Hive Gateway in a process of its own, for the test and the benchmark:
// HIVE_PORT, ORGANIZATION_URL, CONTACT_URL, CREDENTIAL_URL, HIVE_DEDUPLICATE=true|false.
async function main() {
  const env = process.env;
  const gateway = await startHiveGateway({
    port: Number(env.HIVE_PORT ?? 0),
    subgraphUrls: { organization: env.ORGANIZATION_URL!, contact: env.CONTACT_URL!, credential: env.CREDENTIAL_URL! },
    deduplicateInflightRequests: env.HIVE_DEDUPLICATE !== 'false',
  });
  // The parent reads this line to learn the address.
  console.log(`hive-gateway listening ${gateway.url}`);
  const stop = () => void gateway.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
