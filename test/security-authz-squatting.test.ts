import { ContactType } from '@ecg/policy';
import { demoContactId } from '@ecg/demo-data';
import { startFederation, type Federation } from './support/federation';
import { contactInput, signedInContact } from './support/people';
import { CHANGE, LOGIN, REGISTER, temporaryPasswordIn } from './support/self-service-flows';
import { startSmtp } from './support/smtp';

// The audit's finding 10 (docs/security.md): an Administrator of one organization who registers a contact with the email
// of another organization's person neither blocks that organization from giving its person a
// login nor learns, from the answer, that the email has a login anywhere.
let federation: Federation;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let squatter: { token: string };
let owner: { token: string };
beforeAll(async () => {
  smtp = await startSmtp();
  federation = await startFederation('squatting', { SMTP_URL: smtp.url(), MAIL_POLL_MILLISECONDS: '100' });
  squatter = await signedInContact(federation, '42061', [ContactType.ADMINISTRATOR], 'squatter@42061.example');
  owner = await signedInContact(federation, '01001', [ContactType.ADMINISTRATOR], 'owner@01001.example');
});
afterAll(async () => {
  await federation?.stop();
  await smtp?.stop();
});

const organizationIds: Record<string, string> = {};
async function organizationIdOf(code: string, token: string) {
  return (organizationIds[code] ??= (
    await federation.query('query ($c: String!) { organization(code: $c) { id } }', { c: code }, { token })
  ).data.organization.id);
}

/** An administrator creates a contact of its own organization with `email` and registers it: the answer. */
async function createAndRegister(admin: { token: string }, code: string, email: string) {
  const created = await federation.query(
    'mutation ($input: CreateContactInput!) { createContact(input: $input) { id } }',
    {
      input: {
        ...contactInput('Same', 'Person', email, [ContactType.READ_ONLY]),
        organizationId: await organizationIdOf(code, admin.token),
      },
    },
    { token: admin.token },
  );
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const id = created.data.createContact.id as string;
  return { id, answer: await federation.query(REGISTER, { id }, { token: admin.token }) };
}

/** What an administrator learns from a Register answer, with the names it already knows taken out. */
const learned = (response: { data?: any; errors?: { extensions?: Record<string, any> }[] }, email: string) =>
  JSON.stringify({ data: response.data ?? null, codes: (response.errors ?? []).map((e) => e.extensions?.code) })
    .replaceAll(email, 'EMAIL')
    .replace(/"essId":\d+/, '"essId":0')
    .replace(/"temporaryPasswordExpiresAt":"[^"]+"/, '"temporaryPasswordExpiresAt":"T"');

async function temporaryPasswordFor(email: string, organization: RegExp): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const mail = (await smtp.waitFor(email, 1, 100)).find(
      (m) => /registration/.test(m.subject) && organization.test(m.text),
    );
    if (mail) return temporaryPasswordIn(mail.text);
    if (Date.now() > deadline) throw new Error(`no registration mail for ${email} from ${organization}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('registering an email that already has a login in another organization', () => {
  it('answers exactly as registering a brand-new email: no USER_NAME_TAKEN, nothing to tell them apart', async () => {
    const taken = 'taken-elsewhere@person.example';
    expect((await createAndRegister(owner, '01001', taken)).answer.errors).toBeUndefined();

    const squatted = await createAndRegister(squatter, '42061', taken);
    const fresh = await createAndRegister(squatter, '42061', 'never-seen@person.example');
    expect(learned(squatted.answer, taken)).toBe(learned(fresh.answer, 'never-seen@person.example'));
    expect(squatted.answer.errors).toBeUndefined();
  });

  it("never blocks the person's own organization: registered second, its person signs in there and acts for it", async () => {
    const email = 'squatted-first@person.example';
    expect((await createAndRegister(squatter, '42061', email)).answer.errors).toBeUndefined();
    const own = await createAndRegister(owner, '01001', email);
    expect(own.answer.errors).toBeUndefined();
    expect(own.answer.data.register.status).toBe('REGISTRATION_PENDING');

    // The person uses what 01001's mail says: the login it opens is 01001's.
    const temporary = await temporaryPasswordFor(email, /01001-/);
    const first = await federation.query(LOGIN, { u: email, p: temporary });
    expect(first.errors).toBeUndefined();
    const changed = await federation.query(
      CHANGE,
      { c: temporary, n: 'the person chose this passphrase' },
      { token: first.data.login.accessToken },
    );
    expect(changed.errors).toBeUndefined();
    // With logins per person, the squatter's registration, never chosen by the person, is a membership the
    // chooser offers; the person picks 01001.
    const again = await federation.query(
      'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { choiceToken } }',
      { u: email, p: 'the person chose this passphrase' },
    );
    const chosen = await federation.query(
      'mutation ($t: String!, $o: ID!) { chooseOrganization(choiceToken: $t, organizationId: $o) { accessToken } }',
      {
        t: again.data.login.choiceToken,
        o: await organizationIdOf('01001', owner.token),
      },
    );
    const me = await federation.query(
      '{ me { contact { id } organization { code } } }',
      {},
      { token: chosen.data.chooseOrganization.accessToken },
    );
    expect(me.data.me).toEqual({ contact: { id: own.id }, organization: { code: '01001' } });
    // And 01001's administrator sees its own person's login, enrolled.
    const panel = await federation.query(
      'query ($id: ID!) { contact(id: $id) { selfService { status enrollmentCompleted } } }',
      { id: own.id },
      { token: owner.token },
    );
    expect(panel.data.contact.selfService).toEqual({ status: 'REGISTERED', enrollmentCompleted: true });
  });

  it("lets the seeds' Bruno (42061) and Betsy (01001), one email, both be registered", async () => {
    const staff = await federation.staffToken();
    for (const key of ['bruno', 'betsy']) {
      const result = await federation.query(REGISTER, { id: demoContactId(key) }, { token: staff });
      expect([key, result.errors]).toEqual([key, undefined]);
    }
  });
});
