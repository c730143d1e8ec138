import { z } from 'zod';
import { loadSubgraphConfig, parseEnv, type SubgraphConfig } from '@ecg/infrastructure';

export interface OrganizationConfig extends SubgraphConfig {
  /** Whom a person asks when Find your administrator finds nobody: the pension system's helpdesk. */
  helpdeskContact: string | null;
}

const organizationEnv = z.object({
  HELPDESK_CONTACT: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe(
      'How to reach the pension system\'s employer helpdesk (a phone number, an email address, hours), shown publicly on Find your administrator when no organization or no administrator who can help is found, e.g. "Employer Services, 1-800-555-0100, weekdays 8-5". Unset: the page says to contact the pension system\'s employer services.',
    ),
});

/** The organization subgraph's settings (ORGANIZATION_PORT, default 4001), and the helpdesk's contact. */
export function loadOrganizationConfig(env: NodeJS.ProcessEnv = process.env): OrganizationConfig {
  const base = loadSubgraphConfig({ name: 'organization', defaultPort: 4001 }, env);
  return { ...base, helpdeskContact: parseEnv(organizationEnv, env).HELPDESK_CONTACT || null };
}
