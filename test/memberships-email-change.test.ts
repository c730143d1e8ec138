import { ContactType } from '@ecg/policy';
import { demoOrganizationId } from '@ecg/demo-data';
import { startFederation, type Federation, type GraphQLResponse } from './support/federation';
import { contactInput, currentVersion, signedInContact } from './support/people';
import { REGISTER, RE_ENROLL, UPDATE_CONTACT, selfServiceFlows } from './support/self-service-flows';
import { startSmtp } from './support/smtp';

// A contact changing its email in one organization. The membership stays linked to the
// person's login, and the login's secrets keep going to the address the person proved: an
// administrator who edits its own contact's email cannot capture a login other organizations share.
let federation: Federation;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp();
  federation = await startFederation('members_mail', { SMTP_URL: smtp.url(), MAIL_POLL_MILLISECONDS: '100' });
});
afterAll(async () => {
  await federation?.stop();
  await smtp?.stop();
});

const ok = <T>(response: GraphQLResponse<T>): T => {
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data!;
};

it("an administrator who changes its contact's email and re-enrolls it sends the temporary password to the person, not to the new address", async () => {
  const flows = selfServiceFlows(federation, smtp);
  const adminA = await signedInContact(federation, '42061', [ContactType.ADMINISTRATOR], 'admin-a@42061.example');
  const adminB = await signedInContact(federation, '01001', [ContactType.ADMINISTRATOR], 'admin-b@01001.example');
  const email = 'shared-person@01001.example';
  const create = async (admin: { token: string }, organizationId: string) =>
    ok(
      await federation.query(
        'mutation ($input: CreateContactInput!) { createContact(input: $input) { id } }',
        { input: { ...contactInput('Shared', 'Person', email, [ContactType.READ_ONLY]), organizationId } },
        { token: admin.token },
      ),
    ).createContact.id as string;

  // B registers its person, who chooses a password; A registers the same email; the person acts for A once.
  const inB = await create(adminB, demoOrganizationId('01001'));
  ok(await federation.query(REGISTER, { id: inB }, { token: adminB.token }));
  const temporary = /Temporary password: (\S+)/.exec((await flows.nextMail(email, /registration/)).text)![1];
  ok(
    await flows.change(
      ok(await flows.login(email, temporary)).login.accessToken,
      temporary,
      'the person chose this passphrase',
    ),
  );
  const inA = await create(adminA, demoOrganizationId('42061'));
  ok(await federation.query(REGISTER, { id: inA }, { token: adminA.token }));
  const choice = ok(
    await federation.query(
      'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { choiceToken } }',
      { u: email, p: 'the person chose this passphrase' },
    ),
  ).login;
  ok(
    await federation.query(
      'mutation ($t: String!, $o: ID!) { chooseOrganization(choiceToken: $t, organizationId: $o) { accessToken } }',
      { t: choice.choiceToken, o: demoOrganizationId('42061') },
    ),
  );

  // A points its contact at an address of its own, then re-enrolls it.
  const captured = 'captured@42061.example';
  ok(
    await federation.query(
      UPDATE_CONTACT,
      {
        id: inA,
        v: await currentVersion(federation, inA),
        input: contactInput('Shared', 'Person', captured, [ContactType.READ_ONLY]),
      },
      { token: adminA.token },
    ),
  );
  const before = (await smtp.waitFor(email, 1, 100)).filter((m) => /re-enrolled/.test(m.subject)).length;
  ok(await federation.query(RE_ENROLL, { id: inA }, { token: adminA.token }));

  const mail = await flows.nextMail(email, /re-enrolled/, before);
  expect(mail.text).toMatch(/Temporary password: \S+/);
  await new Promise((r) => setTimeout(r, 1000));
  expect(smtp.received.filter((m) => m.to.toLowerCase().includes(captured))).toEqual([]);
  // The user name is still the person's email: the new address signs nobody in.
  expect(
    (await flows.login(captured, /Temporary password: (\S+)/.exec(mail.text)![1])).errors?.[0]?.extensions?.code,
  ).toBe('UNAUTHENTICATED');
});
