import { resolve } from 'node:path';
import { loadEnvFile } from '@ecg/infrastructure';
import { startClusterDeployment } from './cluster/deployment';

// `npm run cluster`: three Galera nodes, HAProxy, two replicas of each subgraph and two gateways,
// all on this machine, data under ./data/cluster (wiped at each start). Ctrl-C stops everything.
loadEnvFile();
const root = resolve(__dirname, '../../data/cluster');
const log = (line: string) => console.error(`[cluster] ${new Date().toISOString()} ${line}`);

async function main() {
  const started = Date.now();
  const cluster = await startClusterDeployment({
    root,
    gatewayPort: Number(process.env.CLUSTER_PORT ?? 4000) || undefined,
    env: { DEMO_DATA: process.env.DEMO_DATA ?? 'true', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    log,
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    log('stopping everything it started');
    cluster.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  log(`ready in ${Math.round((Date.now() - started) / 1000)} s; logs in ${root}/logs`);
  console.log(`Gateway (HAProxy in front of two gateways): ${cluster.url}`);
  console.log(`Database (HAProxy in front of three Galera nodes): ${cluster.databaseUrl}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
