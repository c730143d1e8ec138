import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ContactContext } from '../context';
import { AdministratorDirectoryEntry } from './administrator-directory-entry';
import { DirectoryAdministrator } from './directory-administrator';

@Resolver(() => AdministratorDirectoryEntry)
export class AdministratorNamesResolver {
  @FieldResolver(() => [String], { description: 'Full names of the active Administrators: no emails, no ids.' })
  async administrators(@Root() entry: AdministratorDirectoryEntry, @Ctx() context: ContactContext) {
    return (await context.loaders.administrators.load(entry.organizationId)).map((a) => a.name);
  }

  @FieldResolver(() => [DirectoryAdministrator], {
    description:
      'The active Administrators, each with the way to reach them they publish (and, from the credential subgraph, whether they can sign in).',
  })
  administratorContacts(@Root() entry: AdministratorDirectoryEntry, @Ctx() context: ContactContext) {
    return context.loaders.administrators.load(entry.organizationId);
  }
}

export const administratorDirectoryReference = {
  AdministratorDirectoryEntry: {
    __resolveReference: (ref: { organizationId: string }) => new AdministratorDirectoryEntry(ref.organizationId),
  },
};
