import { randomUUID } from 'node:crypto';
import { hashPassword } from '@ecg/credential';
import type { ContactType } from '@ecg/policy';
import type { Federation } from './federation';

export const PASSWORD = 'correct horse battery staple';
// One hash of PASSWORD per cost: hashing it for every fixture would cost more than the tests.
const passwordHashes = new Map<number, Promise<string>>();
const hashOfPassword = (cost: number) => {
  if (!passwordHashes.has(cost)) passwordHashes.set(cost, hashPassword(PASSWORD, cost));
  return passwordHashes.get(cost)!;
};

export async function organizationId(federation: Federation, code: string): Promise<string> {
  const { data, errors } = await federation.query(
    'query ($code: String!) { organization(code: $code) { id } }',
    { code },
    { token: await federation.staffToken() },
  );
  if (!data?.organization) throw new Error(`no organization ${code}: ${JSON.stringify(errors ?? null)}`);
  return data.organization.id;
}

export const contactInput = (firstName: string, lastName: string, email: string, contactTypes: ContactType[]) => ({
  firstName,
  lastName,
  primaryEmail: email,
  confirmPrimaryEmail: email,
  status: 'ACTIVE',
  contactTypes,
});

/** A contact created by staff through the gateway. */
export async function createContact(
  federation: Federation,
  organizationCode: string,
  input: ReturnType<typeof contactInput>,
): Promise<string> {
  const { data, errors } = await federation.query(
    'mutation ($input: CreateContactInput!) { createContact(input: $input) { id } }',
    { input: { ...input, organizationId: await organizationId(federation, organizationCode) } },
    { token: await federation.staffToken() },
  );
  if (errors) throw new Error(JSON.stringify(errors));
  return data.createContact.id;
}

/** The contact's current `version`, as a form would have loaded it (read as staff). */
export async function currentVersion(federation: Federation, contactId: string): Promise<number> {
  const { data } = await federation.query(
    'query ($id: ID!) { contact(id: $id) { version } }',
    { id: contactId },
    { token: await federation.staffToken() },
  );
  return data.contact.version;
}

/**
 * A self-service login that finished enrollment, written straight into the credential database:
 * a fixture for tests about what signed-in contacts may do (registration has its own tests).
 */
export async function giveLogin(
  federation: Federation,
  contactId: string,
  organizationCode: string,
  email: string,
): Promise<void> {
  const dataSource = federation.subgraphs.credential.dataSource;
  const result = await dataSource.query(
    'INSERT INTO self_service_account (contactId, organizationId, userName, status, enrollmentCompleted, version) VALUES (?, ?, ?, ?, 1, 1)',
    [contactId, await organizationId(federation, organizationCode), email.toLowerCase(), 'REGISTERED'],
  );
  await dataSource.query('INSERT INTO account_secret (essId, passwordHash) VALUES (?, ?)', [
    result.insertId,
    await hashOfPassword(federation.passwordHashCost),
  ]);
}

/**
 * A second membership of an existing login: a contact of `organizationCode` with the same email,
 * linked to the login and confirmed (as a full session in it would confirm it), written straight
 * into the credential database. Its contact id.
 */
export async function linkMembership(
  federation: Federation,
  organizationCode: string,
  email: string,
  types: ContactType[],
  names: [string, string] = ['Also', 'Member'],
): Promise<string> {
  const contactId = await createContact(federation, organizationCode, contactInput(...names, email, types));
  const dataSource = federation.subgraphs.credential.dataSource;
  const [login] = await dataSource.query(
    'SELECT essId FROM self_service_account WHERE userName = ? AND loginEssId IS NULL',
    [email.toLowerCase()],
  );
  await dataSource.query(
    'INSERT INTO self_service_account (contactId, organizationId, userName, status, enrollmentCompleted, version, loginEssId, linkConfirmedAt) VALUES (?, ?, ?, ?, 1, 1, ?, NOW())',
    [contactId, await organizationId(federation, organizationCode), email.toLowerCase(), 'REGISTERED', login.essId],
  );
  return contactId;
}

/** A signed-in contact of `organizationCode` with `types`. */
export async function signedInContact(
  federation: Federation,
  organizationCode: string,
  types: ContactType[],
  email: string,
) {
  const id = await createContact(
    federation,
    organizationCode,
    contactInput('Test', types.join(' ').slice(0, 90), email, types),
  );
  await giveLogin(federation, id, organizationCode, email);
  return { id, email, token: await federation.login(email, PASSWORD) };
}

/** An organization of the test's own, written straight into the organization database (there is no API to create one). */
export async function createOrganization(
  federation: Federation,
  code: string,
  name = `TEST ORGANIZATION ${code}`,
): Promise<string> {
  const id = randomUUID();
  await federation.subgraphs.organization.dataSource.query(
    'INSERT INTO organization (id, code, name, organizationType, automaticInternetAccess, version) VALUES (?, ?, ?, ?, 1, 1)',
    [id, code, name, 'SCHOOL_DISTRICT'],
  );
  return id;
}

/** A staff login of the test's own, written into the credential database. */
export async function staffLogin(
  federation: Federation,
  email: string,
  password = 'a staff members passphrase',
  displayName = 'Staff',
) {
  await federation.subgraphs.credential.dataSource.query(
    'INSERT INTO staff_account (id, email, displayName, passwordHash) VALUES (?, ?, ?, ?)',
    [randomUUID(), email, displayName, await hashPassword(password, federation.passwordHashCost)],
  );
  return { email, password };
}
