import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ContactContext } from '../context';
import { AdministratorDirectoryEntry } from './administrator-directory-entry';

@Resolver(() => AdministratorDirectoryEntry)
export class AdministratorNamesResolver {
  @FieldResolver(() => [String], { description: 'Full names of the active Administrators: no emails, no ids.' })
  administrators(@Root() entry: AdministratorDirectoryEntry, @Ctx() context: ContactContext) {
    return context.loaders.administrators.load(entry.organizationId);
  }
}

export const administratorDirectoryReference = {
  AdministratorDirectoryEntry: {
    __resolveReference: (ref: { organizationId: string }) => new AdministratorDirectoryEntry(ref.organizationId),
  },
};
