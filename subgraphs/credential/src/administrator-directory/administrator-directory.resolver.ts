import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CredentialContext } from '../context';
import { SelfServiceStatus } from '../self-service/self-service-status';
import { DirectoryAdministrator } from './directory-administrator.types';

@Resolver(() => DirectoryAdministrator)
export class DirectoryAdministratorResolver {
  @FieldResolver(() => Boolean, {
    description:
      'Whether this Administrator can act now: a login that finished enrollment and is neither locked nor disabled. Find your administrator lists only these.',
  })
  async canSignIn(@Root() administrator: DirectoryAdministrator, @Ctx() context: CredentialContext) {
    const account = await context.loaders.selfService.byContactId.load(administrator.contactId);
    return account?.status === SelfServiceStatus.REGISTERED;
  }
}

export const directoryAdministratorReference = {
  DirectoryAdministrator: {
    __resolveReference: (ref: { contactId: string }) => new DirectoryAdministrator(ref.contactId),
  },
};
