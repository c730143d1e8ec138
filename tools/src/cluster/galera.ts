import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const GALERA_PROVIDER = '/usr/lib/galera/libgalera_smm.so';
const MARIADBD = '/usr/sbin/mariadbd';

/** One Galera node: its client port, the ports the cluster talks on, and its files. */
export interface GaleraNode {
  index: number;
  port: number;
  groupPort: number;
  istPort: number;
  sstPort: number;
  dir: string;
  socket: string;
  child?: ChildProcess;
}

export interface GaleraCluster {
  nodes: GaleraNode[];
  /** Start a node that was stopped or killed: it rejoins and catches up (IST or a full rsync copy). */
  start(node: GaleraNode): Promise<void>;
  /** `kill -9`: no shutdown, no goodbye to the other nodes. */
  kill(node: GaleraNode): void;
  /** wsrep_cluster_size as `node` sees it. */
  size(node: GaleraNode): Promise<number>;
  /** Wait until `node` sees `size` members and is synced (it answers queries). */
  waitForSize(node: GaleraNode, size: number, timeoutMs?: number): Promise<void>;
  sql(node: GaleraNode, statement: string): Promise<string>;
  stop(): Promise<void>;
}

/** What this machine lacks to run a cluster, with the command that installs it (empty: all there). */
export function missingForGalera(): string[] {
  const missing: string[] = [];
  if (!existsSync(GALERA_PROVIDER)) missing.push('galera-4 (apt-get install -y galera-4)');
  if (!existsSync(MARIADBD)) missing.push('mariadb-server (apt-get install -y mariadb-server)');
  if (!existsSync('/usr/bin/rsync')) missing.push('rsync (apt-get install -y rsync)');
  return missing;
}

// Small on purpose: three nodes share a laptop-sized machine with everything else. The evs
// timeouts notice a killed node in about 3 s (default: 5 to 15 s), during which the others wait.
function nodeConfig(node: GaleraNode, all: GaleraNode[]): string {
  const members = all.map((n) => `127.0.0.1:${n.groupPort}`).join(',');
  const provider = [
    `gmcast.listen_addr=tcp://127.0.0.1:${node.groupPort}`,
    `ist.recv_addr=127.0.0.1:${node.istPort}`,
    'gcache.size=32M',
    'evs.keepalive_period=PT0.5S',
    'evs.suspect_timeout=PT2S',
    'evs.inactive_timeout=PT4S',
    'evs.inactive_check_period=PT0.5S',
    'evs.install_timeout=PT4S',
  ].join(';');
  return `[mysqld]
user=${runAs()}
datadir=${node.dir}/data
socket=${node.socket}
pid-file=${node.dir}/mariadbd.pid
log-error=${node.dir}/error.log
tmpdir=${node.dir}/tmp
port=${node.port}
bind-address=127.0.0.1
skip-name-resolve
performance_schema=OFF
innodb_buffer_pool_size=32M
innodb_log_file_size=16M
max_connections=200
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
wsrep_on=ON
wsrep_provider=${GALERA_PROVIDER}
wsrep_cluster_name=ecg
wsrep_cluster_address=gcomm://${members}
wsrep_node_name=node${node.index}
wsrep_node_address=127.0.0.1:${node.groupPort}
wsrep_provider_options="${provider}"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:${node.sstPort}
wsrep_retry_autocommit=3
wsrep_slave_threads=2
`;
}

// The rsync daemon that receives a copy drops root to "nobody", which cannot write the data
// folder: as root, the nodes run as the mysql user (as Debian's server does) and own their folders.
const runAs = () => (process.getuid?.() === 0 ? 'mysql' : userInfo().username);

/**
 * After a kill -9 the node's state file says "position unknown", which would make it copy all the
 * data again: InnoDB's recovery finds the last committed transaction, and the node asks the others
 * only for what came after it (IST, from their gcache).
 */
async function recoveredPosition(node: GaleraNode): Promise<string[]> {
  const recoveryLog = join(node.dir, 'recover.log');
  await run(MARIADBD, [`--defaults-file=${join(node.dir, 'my.cnf')}`, '--wsrep-recover', `--log-error=${recoveryLog}`]);
  const found = /Recovered position: (\S+:-?\d+)/.exec(readFileSync(recoveryLog, 'utf8'));
  return found && !found[1].endsWith(':-1') ? [`--wsrep-start-position=${found[1]}`] : [];
}

/** Ports for node i: client, group, IST and SST, in blocks of four from `base`. */
export function galeraNodes(root: string, ports: number[][]): GaleraNode[] {
  return ports.map(([port, groupPort, istPort, sstPort], i) => {
    const dir = resolve(root, `node${i + 1}`);
    return { index: i + 1, port, groupPort, istPort, sstPort, dir, socket: join(dir, 'mariadbd.sock') };
  });
}

/**
 * Three (or more) MariaDB nodes with wsrep on loopback ports, data under `root`: the first
 * bootstraps a new cluster (--wsrep-new-cluster), the others join it and copy its data (rsync SST).
 * Users: root@127.0.0.1 without password (as the tests' server) and haproxy@127.0.0.1 for its check.
 */
export async function startGalera(root: string, ports: number[][], log = (_: string) => {}): Promise<GaleraCluster> {
  const missing = missingForGalera();
  if (missing.length) throw new Error(`a Galera cluster needs: ${missing.join(', ')}`);
  rmSync(root, { recursive: true, force: true });
  const nodes = galeraNodes(root, ports);
  for (const node of nodes) {
    mkdirSync(join(node.dir, 'data'), { recursive: true });
    mkdirSync(join(node.dir, 'tmp'), { recursive: true });
    writeFileSync(join(node.dir, 'my.cnf'), nodeConfig(node, nodes));
    if (process.getuid?.() === 0) await run('chown', ['-R', 'mysql:mysql', node.dir]);
  }
  const client = (node: GaleraNode, statement: string) =>
    run('mariadb', [`--socket=${node.socket}`, '-uroot', '-N', '-B', '-e', statement]).then((r) => r.stdout.trim());

  function spawnNode(node: GaleraNode, extra: string[] = []) {
    const out = openSync(join(node.dir, 'stdout.log'), 'a');
    const child = spawn(MARIADBD, [`--defaults-file=${join(node.dir, 'my.cnf')}`, ...extra], {
      stdio: ['ignore', out, out],
    });
    node.child = child;
    child.once('exit', () => {
      if (node.child === child) node.child = undefined;
    });
  }
  async function size(node: GaleraNode): Promise<number> {
    const status = await client(node, "SHOW STATUS WHERE Variable_name IN ('wsrep_cluster_size', 'wsrep_ready')");
    const values = Object.fromEntries(status.split('\n').map((line) => line.split('\t') as [string, string]));
    return values.wsrep_ready === 'ON' ? Number(values.wsrep_cluster_size) : 0;
  }
  async function waitForSize(node: GaleraNode, wanted: number, timeoutMs = 90_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!node.child) throw new Error(`galera node${node.index} exited: see ${node.dir}/error.log`);
      const seen = await size(node).catch(() => 0);
      if (seen === wanted) return;
      if (Date.now() > deadline)
        throw new Error(`galera node${node.index}: cluster size ${seen}, not ${wanted}, after ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  const [first, ...others] = nodes;
  await run('mariadb-install-db', [
    `--defaults-file=${join(first.dir, 'my.cnf')}`,
    '--auth-root-authentication-method=socket',
    '--skip-test-db',
  ]);
  const stopNode = (node: GaleraNode) =>
    new Promise<void>((done) => {
      const child = node.child;
      if (!child) return done();
      const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.once('exit', () => (clearTimeout(force), done()));
      child.kill('SIGTERM');
    });
  const stopAll = async () => {
    for (const node of [...nodes].reverse()) await stopNode(node);
  };
  try {
    await bootstrap();
  } catch (error) {
    await stopAll(); // nothing left running when the start fails
    throw error;
  }

  async function bootstrap() {
    log(`galera: bootstrapping node1 on port ${first.port}`);
    spawnNode(first, ['--wsrep-new-cluster']);
    await waitForSize(first, 1);
    await client(
      first,
      "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION; " +
        "CREATE USER IF NOT EXISTS 'haproxy'@'127.0.0.1';",
    );
    // The joiners start from a copy of the first node's files, stopped cleanly: they then join with
    // nothing to transfer, instead of a full copy each (rsync SST, 20 s or more, one at a time).
    await stopNode(first);
    for (const node of others) await run('cp', ['-a', `${first.dir}/data/.`, `${node.dir}/data/`]);
    spawnNode(first, ['--wsrep-new-cluster']);
    await waitForSize(first, 1);
    log(`galera: ${others.map((n) => `node${n.index} on port ${n.port}`).join(', ')} joining`);
    for (const node of others) spawnNode(node);
    await Promise.all(nodes.map((node) => waitForSize(node, nodes.length)));
  }

  return {
    nodes,
    start: async (node) => {
      spawnNode(node, await recoveredPosition(node));
      await waitForSize(node, nodes.filter((n) => n.child).length);
    },
    kill: (node) => node.child?.kill('SIGKILL'),
    size,
    waitForSize,
    sql: client,
    // The joiners first, the node that bootstrapped last (it then holds the newest state).
    stop: stopAll,
  };
}
