import 'reflect-metadata';
import { loadSubgraphConfig, startSubgraph, type RunningServer, type SubgraphConfig } from '@ecg/shared';
import { createContext } from './context';
import { seedDemoData } from './demo';
import { CreateSelfServiceAccount1763780000000 } from './migrations/1763780000000-create-self-service-account';
import { buildSchema } from './schema';
import { SelfServiceAccount } from './self-service/self-service-account.entity';

export { buildSchema };
export const entities = [SelfServiceAccount];
export const migrations = [CreateSelfServiceAccount1763780000000];

/** The credential subgraph: self-service logins (`Contact.selfService`), and later sign-in and tokens. */
export function createServer(config: SubgraphConfig = loadSubgraphConfig('credential')): Promise<RunningServer> {
  return startSubgraph({ entities, migrations, buildSchema, createContext, seedDemoData }, config);
}
