import { invalidLink } from '../errors/credential-errors';
import { IsNull, MoreThan, type DataSource } from 'typeorm';
import type { CredentialConfig } from '../config';
import type { Directory } from '../contact-directory/contact-directory';
import type { MailContext } from '../mail/templates';
import type { Sessions } from '../sessions/sessions';
import type { SecondFactors } from '../second-factor/second-factors';
import { sha256 } from '../crypto/sha256';
import { AccountToken, type AccountTokenPurpose } from '../person/account-token.entity';

/** What every self-service button needs. */
export interface LifecycleDeps {
  dataSource: DataSource;
  config: CredentialConfig;
  directory: Directory;
  sessions: Sessions;
  factors: SecondFactors;
}

/**
 * Who an email is for and from which organization, asked of the subgraphs that own them. Mails
 * that carry a secret (temporary password, unlock or reset link) go to the login's user name, the
 * address its person proved, never to a contact's current email: an administrator who edits the
 * email of its organization's contact must not receive the secrets of a login other organizations
 * share. `email` only says whether the contact still has one on record.
 */
export async function mailContextOf(
  { directory }: LifecycleDeps,
  contactId: string,
  organizationId: string,
  userName: string,
): Promise<MailContext & { email: string | null; administrators: string[] }> {
  const [facts, organization] = await Promise.all([
    directory.contact(contactId),
    directory.organization(organizationId),
  ]);
  return {
    fullName: facts?.fullName ?? userName,
    organization: organization?.displayName ?? 'your organization',
    userName,
    email: facts?.primaryEmail ?? null,
    administrators: organization?.administrators ?? [],
  };
}

/** Spend a one-time link token once; the login it belongs to, or INVALID_TOKEN. */
export async function spendToken(
  { dataSource }: LifecycleDeps,
  token: string,
  purpose: AccountTokenPurpose,
): Promise<number> {
  const tokens = dataSource.getRepository(AccountToken);
  const row = await tokens.findOneBy({
    tokenHash: sha256(token),
    purpose,
    usedAt: IsNull(),
    expiresAt: MoreThan(new Date()),
  });
  const spent = row && (await tokens.update({ id: row.id, usedAt: IsNull() }, { usedAt: new Date() }));
  if (!row || spent?.affected !== 1) throw invalidLink();
  return row.essId;
}
