import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CredentialContext } from '../context';
import { Contact } from '../contact/contact.entity';
import { EmailReachability, reachabilityOf } from './email-reachability.type';

@Resolver(() => Contact)
export class EmailReachabilityResolver {
  @FieldResolver(() => EmailReachability, {
    nullable: true,
    description: "Whether the contact's primary email reaches them; null when the contact has none.",
  })
  async emailReachability(@Root() contact: Contact, @Ctx() context: CredentialContext) {
    const facts = await context.loaders.contactFacts.load(contact.id);
    if (!facts?.primaryEmail) return null;
    const [row, internalDomains] = await Promise.all([
      context.loaders.emailReachability.load(facts.primaryEmail),
      context.loaders.internalOnlyEmailDomains.load(facts.organizationId),
    ]);
    const domain = facts.primaryEmail.split('@').pop()!.trim().toLowerCase();
    return reachabilityOf({ row, internalOnly: internalDomains.includes(domain), temporaryReviewBy: null });
  }
}
