import type { RunningServer } from '@ecg/infrastructure';
import type { SubgraphName } from '@ecg/tools';
import { PRODUCTION_HASH_COST } from '@ecg/credential';
import { startLocalFederation } from '@ecg/tools';
import { uniqueDatabaseUrl } from './database';
import { prepareFromTemplates } from './database-template';
import { collectRequestSecrets, collectResponseSecrets } from './secrets';
import { enrolWithChallenge } from './second-factor';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface QueryOptions {
  url?: string;
  token?: string;
  headers?: Record<string, string>;
}

export const TEST_STAFF = { email: 'staff@test.example', password: 'staff-password-for-tests' };

/**
 * The scrypt cost (log2 N) tests hash at: 2^10 takes about 1 ms where the production 2^17 takes
 * 270-760 ms, and the suite hashes hundreds of times. Tests about hashing's cost pass
 * `PASSWORD_HASH_COST: String(PRODUCTION_HASH_COST)`.
 */
export const TEST_HASH_COST = 10;

/**
 * The rate-limit purge every subgraph runs 5 s after it starts (and every 10 minutes): it may land
 * inside any request a test counts the statements of, and belongs to none (the request's own
 * rate-limit statements are written by hand, `FROM rate_limit` without quotes).
 */
export const isRateLimitPurge = (sql: string) => /FROM `rate_limit`/.test(sql);

export interface Federation {
  gatewayUrl: string;
  subgraphs: Record<SubgraphName, RunningServer>;
  /** The cost the credential subgraph hashes at: fixtures that write hashes use it too. */
  passwordHashCost: number;
  /** POST a GraphQL operation to `url` (default: the gateway), with `token` as Bearer if given. */
  query<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    options?: QueryOptions,
  ): Promise<GraphQLResponse<T>>;
  /** Sign in through the gateway; the access token. */
  login(userName: string, password: string): Promise<string>;
  /** An access token of the test's staff user. */
  staffToken(): Promise<string>;
  stopSubgraph(name: SubgraphName): Promise<void>;
  startSubgraph(name: SubgraphName): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real thing for a test: the three subgraphs over fresh MariaDB databases (with the demo
 * data), and the gateway over the committed supergraph, all on ephemeral ports.
 */
export async function startFederation(label = 'fed', extraEnv: NodeJS.ProcessEnv = {}): Promise<Federation> {
  // A production start is held to the production floor, as a real one is.
  const passwordHashCost = Number(
    extraEnv.PASSWORD_HASH_COST ?? (extraEnv.NODE_ENV === 'production' ? PRODUCTION_HASH_COST : TEST_HASH_COST),
  );
  const databaseUrl = uniqueDatabaseUrl(label);
  await prepareFromTemplates(databaseUrl, extraEnv);
  const local = await startLocalFederation({
    DATABASE_URL: databaseUrl,
    STAFF_EMAIL: TEST_STAFF.email,
    STAFF_PASSWORD: TEST_STAFF.password,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    LOG_DESTINATION: process.env.LOG_DESTINATION,
    DEMO_DATA: 'true',
    // Tests sign in far more often than people do; the limits have a test of their own.
    LOGIN_LIMIT_PER_ADDRESS: '100000',
    LOGIN_LIMIT_PER_USER: '100000',
    // Required in production; the same test key whatever NODE_ENV a test starts with.
    SECOND_FACTOR_KEY: 'f'.repeat(64),
    ...extraEnv,
    PASSWORD_HASH_COST: String(passwordHashCost),
  });

  const client = federationClient(() => local.gatewayUrl);

  return {
    gatewayUrl: local.gatewayUrl,
    subgraphs: local.subgraphs,
    passwordHashCost,
    stopSubgraph: local.stopSubgraph,
    startSubgraph: local.startSubgraph,
    ...client,
    stop: () => local.stop({ dropDatabases: true }),
  };
}

/**
 * Queries, sign-in and the staff token over a gateway: `gateway()` names the one for each request
 * (the replica test turns between two). Every password sent and token issued is noted for the log
 * audit, which searches the suite's log for them.
 */
export function federationClient(gateway: () => string): Pick<Federation, 'query' | 'login' | 'staffToken'> {
  const query: Federation['query'] = async (document, variables, options = {}) => {
    const response = await fetch(options.url ?? gateway(), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: JSON.stringify({ query: document, variables }),
    });
    const body = (await response.json()) as GraphQLResponse;
    collectRequestSecrets(document, variables);
    collectResponseSecrets(body.data);
    return body;
  };
  // Staff in production must set up a second factor at their first sign-in: the helper
  // does, as a person would, and keeps the recovery codes for the later sign-ins of the test.
  const recoveryCodes = new Map<string, string[]>();
  const login = async (userName: string, password: string) => {
    const { data, errors } = await query(
      'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken secondFactorChallenge secondFactorEnrolmentChallenge } }',
      { u: userName, p: password },
    );
    if (errors) throw new Error(`login failed for ${userName}: ${JSON.stringify(errors)}`);
    const { accessToken, secondFactorChallenge, secondFactorEnrolmentChallenge } = data.login;
    if (secondFactorEnrolmentChallenge) {
      const enrolled = await enrolWithChallenge(query, secondFactorEnrolmentChallenge);
      recoveryCodes.set(userName, enrolled.codes);
      return enrolled.accessToken;
    }
    const spare = recoveryCodes.get(userName)?.shift();
    if (secondFactorChallenge && spare) {
      const second = await query(
        'mutation ($c: String!, $r: String) { verifySecondFactor(challenge: $c, recoveryCode: $r) { accessToken } }',
        { c: secondFactorChallenge, r: spare },
      );
      if (second.errors) throw new Error(`second step failed for ${userName}: ${JSON.stringify(second.errors)}`);
      return second.data.verifySecondFactor.accessToken as string;
    }
    return accessToken as string;
  };
  let staff: Promise<string> | undefined;
  return { query, login, staffToken: () => (staff ??= login(TEST_STAFF.email, TEST_STAFF.password)) };
}
