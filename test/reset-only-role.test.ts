import { randomBytes } from 'node:crypto';
import { ContactType } from '@ecg/policy';
import { startFederation, type Federation, type GraphQLResponse } from './support/federation';
import { createOrganization, PASSWORD, signedInContact } from './support/people';
import { codeAt } from './support/second-factor';
import { startSmtp } from './support/smtp';

// The reset-only role as the ESR toolkit bounds it: "where a person does not and has never had a
// Smartcard". A Password Reset Only contact may re-enroll or unlock only a login that never had a
// second factor (STRONGER_CREDENTIAL otherwise); an Administrator still may. Through the gateway on MariaDB.
jest.setTimeout(180_000);
let federation: Federation;
let smtp: Awaited<ReturnType<typeof startSmtp>>;

beforeAll(async () => {
  smtp = await startSmtp();
  federation = await startFederation('resetonly', { SMTP_URL: smtp.url(), MAIL_POLL_MILLISECONDS: '100' });
});
afterAll(async () => {
  await federation?.stop();
  await smtp?.stop();
});

const unique = () => randomBytes(4).toString('hex');
const ok = <T = any>(r: GraphQLResponse<T>): T => {
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!;
};
const RE_ENROLL = 'mutation ($id: ID!) { reEnroll(contactId: $id) { status } }';
const UNLOCK = 'mutation ($id: ID!) { unlock(contactId: $id) { status } }';
const START = 'mutation ($p: String) { startTotpEnrolment(currentPassword: $p) { secret } }';
const CONFIRM = 'mutation ($code: String!) { confirmTotpEnrolment(code: $code) { codes } }';
const RESET_FACTORS = 'mutation ($id: ID!) { resetSecondFactors(contactId: $id) { status } }';
const lock = (id: string) =>
  federation.subgraphs.credential.dataSource.query(
    "UPDATE self_service_account SET status = 'LOCKED' WHERE contactId = ?",
    [id],
  );

async function organization() {
  const code = `P${unique()}`.slice(0, 8).toUpperCase();
  await createOrganization(federation, code);
  const person = (types: ContactType[]) =>
    signedInContact(federation, code, types, `${types[0].toLowerCase()}.${unique()}@resetonly.example`);
  return {
    resetOnly: await person([ContactType.PASSWORD_RESET_ONLY]),
    admin: await person([ContactType.ADMINISTRATOR]),
    person,
  };
}

it('a login that never had a second factor: the reset-only contact may re-enroll and unlock it', async () => {
  const org = await organization();
  const never = await org.person([ContactType.PAYROLL]);
  await lock(never.id);
  expect(ok(await federation.query(UNLOCK, { id: never.id }, { token: org.resetOnly.token })).unlock.status).toBe(
    'LOCKED',
  );
  expect(ok(await federation.query(RE_ENROLL, { id: never.id }, { token: org.resetOnly.token })).reEnroll.status).toBe(
    'REGISTRATION_PENDING',
  );
});

it('a login that had a second factor, even after it was removed: STRONGER_CREDENTIAL for the reset-only contact, an Administrator may', async () => {
  const org = await organization();
  const strong = await org.person([ContactType.PAYROLL]);
  const secret = ok(await federation.query(START, { p: PASSWORD }, { token: strong.token })).startTotpEnrolment.secret;
  ok(await federation.query(CONFIRM, { code: codeAt(secret) }, { token: strong.token }));
  // The panel offers the reset-only contact none of the buttons it would be refused.
  const actions = async (token: string) =>
    ok(
      await federation.query(
        'query ($s: String!) { organizationLogins(search: $s, page: 1, pageSize: 10) { items { account { availableActions } } } }',
        { s: strong.email },
        { token },
      ),
    ).organizationLogins.items[0].account.availableActions;
  expect(await actions(org.resetOnly.token)).toEqual([]);
  expect(await actions(org.admin.token)).toEqual(['RE_ENROLL', 'RESET_SECOND_FACTORS']);
  // Nor may the reset-only contact take the factor away; an Administrator may. The fact that the
  // login had one stays.
  expect(
    (await federation.query(RESET_FACTORS, { id: strong.id }, { token: org.resetOnly.token })).errors?.[0].extensions
      ?.code,
  ).toBe('STRONGER_CREDENTIAL');
  ok(await federation.query(RESET_FACTORS, { id: strong.id }, { token: org.admin.token }));
  await lock(strong.id);

  for (const mutation of [UNLOCK, RE_ENROLL]) {
    const refused = await federation.query(mutation, { id: strong.id }, { token: org.resetOnly.token });
    expect(refused.errors?.[0].extensions?.code).toBe('STRONGER_CREDENTIAL');
  }
  const [row] = await federation.subgraphs.credential.dataSource.query(
    'SELECT status FROM self_service_account WHERE contactId = ?',
    [strong.id],
  );
  expect(row.status).toBe('LOCKED');
  expect(ok(await federation.query(UNLOCK, { id: strong.id }, { token: org.admin.token })).unlock.status).toBe(
    'LOCKED',
  );
  expect(ok(await federation.query(RE_ENROLL, { id: strong.id }, { token: org.admin.token })).reEnroll.status).toBe(
    'REGISTRATION_PENDING',
  );
});
