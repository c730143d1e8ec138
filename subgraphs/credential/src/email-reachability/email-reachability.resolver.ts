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

  @FieldResolver(() => [String], {
    description:
      'What the contact form should point out after a save, without refusing it: the primary email outside the organization\'s approvedEmailDomains ("ideally, but not exclusively"). Empty when nothing.',
  })
  async emailWarnings(@Root() contact: Contact, @Ctx() context: CredentialContext): Promise<string[]> {
    const facts = await context.loaders.contactFacts.load(contact.id);
    if (!facts?.primaryEmail) return [];
    const approved = await context.loaders.approvedEmailDomains.load(facts.organizationId);
    const domain = facts.primaryEmail.split('@').pop()!.trim().toLowerCase();
    if (!approved.length || approved.includes(domain)) return [];
    return [
      `The primary email's domain (${domain}) is not one of the organization's approved email domains (${approved.join(', ')}). It was saved; use an approved domain where the person has one.`,
    ];
  }
}
