import type { OrganizationContext } from '../context';

/** Other subgraphs name an organization by id; every representation goes through the loader. */
export const organizationReference = {
  Organization: {
    __resolveReference: (ref: { id: string }, context: OrganizationContext) =>
      context.loaders.organization.byId.load(ref.id),
  },
};
