import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CredentialContext } from '../context';
import type { ContactFacts } from '../contact-directory/contact-directory';
import { Contact } from '../contact/contact.entity';
import { EmailReachability, reachabilityOf } from './email-reachability.type';

type AddressOf = Pick<ContactFacts, 'organizationId' | 'primaryEmail' | 'temporaryEmailReviewBy'>;

/** What is known of a contact's primary email; null when it has none. */
export async function contactReachability(
  facts: AddressOf,
  context: CredentialContext,
): Promise<EmailReachability | null> {
  if (!facts.primaryEmail) return null;
  const [row, internalDomains] = await Promise.all([
    context.loaders.emailReachability.load(facts.primaryEmail),
    context.loaders.internalOnlyEmailDomains.load(facts.organizationId),
  ]);
  const domain = facts.primaryEmail.split('@').pop()!.trim().toLowerCase();
  const reviewBy = facts.temporaryEmailReviewBy;
  return reachabilityOf({
    row,
    internalOnly: internalDomains.includes(domain),
    temporaryReviewBy: reviewBy ? new Date(`${reviewBy}T00:00:00Z`) : null,
  });
}

@Resolver(() => Contact)
export class EmailReachabilityResolver {
  @FieldResolver(() => EmailReachability, {
    nullable: true,
    description: "Whether the contact's primary email reaches them; null when the contact has none.",
  })
  async emailReachability(@Root() contact: Contact, @Ctx() context: CredentialContext) {
    const facts = await context.loaders.contactFacts.load(contact.id);
    return facts && contactReachability(facts, context);
  }
}
