import { z } from 'zod';
import { loadSubgraphConfig, parseEnv, type SubgraphConfig } from '@ecg/infrastructure';

export interface ContactConfig extends SubgraphConfig {
  /** The organization subgraph's GraphQL endpoint: asked whether an organization exists, and (at once) whether a session is current. */
  organizationUrl: string;
  /** SCIM requests one provisioning token may make per minute. */
  scimRequestsPerMinute: number;
}

const contactEnv = z.object({
  ORGANIZATION_URL: z
    .string()
    .url()
    .default('http://localhost:4001/graphql')
    .describe('The organization subgraph: asked whether an organization exists before a contact is created in it.'),
  SCIM_REQUESTS_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .default(600)
    .describe(
      'SCIM requests one provisioning token may make in any minute (a directory sends bursts at its first sync); more answer 429.',
    ),
});

/** The contact subgraph's settings (CONTACT_PORT, default 4002), and where the organization subgraph answers. */
export function loadContactConfig(env: NodeJS.ProcessEnv = process.env): ContactConfig {
  const base = loadSubgraphConfig({ name: 'contact', defaultPort: 4002 }, env);
  const parsed = parseEnv(contactEnv, env);
  return { ...base, organizationUrl: parsed.ORGANIZATION_URL, scimRequestsPerMinute: parsed.SCIM_REQUESTS_PER_MINUTE };
}
