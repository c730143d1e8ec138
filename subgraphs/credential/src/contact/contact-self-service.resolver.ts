import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CredentialContext } from '../context';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import { Contact } from './contact.entity';

@Resolver(() => Contact)
export class ContactSelfServiceResolver {
  @FieldResolver(() => SelfServiceAccount, { nullable: true, description: 'The Self Service Details panel; null when never registered.' })
  selfService(@Root() contact: Contact, @Ctx() context: CredentialContext) {
    return context.loaders.selfService.byContactId.load(contact.id);
  }
}
