import { z } from 'zod';
import { loadSubgraphConfig, parseEnv, type SubgraphConfig } from '@ecg/infrastructure';

export interface ContactConfig extends SubgraphConfig {
  /** The organization subgraph's GraphQL endpoint: asked whether an organization exists, and (at once) whether a session is current. */
  organizationUrl: string;
}

const contactEnv = z.object({
  ORGANIZATION_URL: z
    .string()
    .url()
    .default('http://localhost:4001/graphql')
    .describe('The organization subgraph: asked whether an organization exists before a contact is created in it.'),
});

/** The contact subgraph's settings (CONTACT_PORT, default 4002), and where the organization subgraph answers. */
export function loadContactConfig(env: NodeJS.ProcessEnv = process.env): ContactConfig {
  const base = loadSubgraphConfig({ name: 'contact', defaultPort: 4002 }, env);
  return { ...base, organizationUrl: parseEnv(contactEnv, env).ORGANIZATION_URL };
}
