import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { IsNull, type DataSource } from 'typeorm';
import { notFound } from '@ecg/infrastructure';
import type { Principal } from '@ecg/policy';
import { Contact } from '../contact/contact.entity';
import { ProvisioningToken } from './provisioning-token.entity';

// A prefix tells people (and secret scanners) what a leaked string is.
const PREFIX = 'ecgp_';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

async function creatorName(dataSource: DataSource, principal: Principal): Promise<string> {
  if (principal.kind !== 'contact') return 'staff';
  const contact = await dataSource.getRepository(Contact).findOneBy({ id: principal.id });
  return contact?.fullName ?? 'a contact';
}

/** A new token for the organization: the row, and the token itself, which is never stored. */
export async function createProvisioningToken(
  dataSource: DataSource,
  principal: Principal,
  organizationId: string,
  label: string,
): Promise<{ token: string; provisioningToken: ProvisioningToken }> {
  const token = PREFIX + randomBytes(32).toString('base64url');
  const row = dataSource.getRepository(ProvisioningToken).create({
    id: randomUUID(),
    organizationId,
    label,
    tokenHash: hashOf(token),
    createdBy: await creatorName(dataSource, principal),
    lastUsedAt: null,
    revokedAt: null,
  });
  return { token, provisioningToken: await dataSource.getRepository(ProvisioningToken).save(row) };
}

/** Revoke a token: refused from the next request on. Revoking twice keeps the first date. */
export async function revokeProvisioningToken(dataSource: DataSource, id: string): Promise<ProvisioningToken> {
  const repository = dataSource.getRepository(ProvisioningToken);
  await repository.update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
  const row = await repository.findOneBy({ id });
  if (!row) throw notFound('Provisioning token');
  return row;
}

export const provisioningTokensOf = (dataSource: DataSource, organizationId: string) =>
  dataSource.getRepository(ProvisioningToken).find({ where: { organizationId }, order: { createdAt: 'DESC' } });

/** The live token a `Bearer` header carries, or null; a hit notes when it was last used. */
export async function provisioningTokenOf(
  dataSource: DataSource,
  authorization: string | undefined,
): Promise<ProvisioningToken | null> {
  const token = /^Bearer (ecgp_[A-Za-z0-9_-]{43})$/.exec(authorization ?? '')?.[1];
  if (!token) return null;
  const repository = dataSource.getRepository(ProvisioningToken);
  const row = await repository.findOneBy({ tokenHash: hashOf(token), revokedAt: IsNull() });
  if (!row) return null;
  // At most once a minute: a directory's burst of requests does not rewrite the row each time.
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await repository.update({ id: row.id }, { lastUsedAt: now });
    row.lastUsedAt = now;
  }
  return row;
}
