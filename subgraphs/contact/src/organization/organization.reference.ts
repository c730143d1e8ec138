import { Organization } from './organization.entity';

/** Nothing to load: `contacts` needs only the id, and existence is the organization subgraph's business. */
export const organizationReference = {
  Organization: { __resolveReference: (ref: { id: string }) => new Organization(ref.id) },
};
