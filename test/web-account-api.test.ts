import { ContactType } from '@ecg/policy';
import { startFederation, type Federation } from './support/federation';
import { PASSWORD, signedInContact } from './support/people';

// What the web app's pages need from the API: an organization's own help message
// (set by its administrators, shown by the public lookup), and a person's own account page
// (Self Service Details, security events, sign out everywhere) whatever their contact types.
let federation: Federation;
beforeAll(async () => {
  federation = await startFederation('webapi');
});
afterAll(() => federation?.stop());

const UPDATE_ORG = `mutation ($id: ID!, $v: Int!, $input: OrganizationInput!) { updateOrganization(id: $id, expectedVersion: $v, input: $input) { version helpMessage } }`;
const FIND =
  'query ($o: String!) { findAdministrators(organization: $o) { organizationCode helpMessage administrators } }';
const organizationNow = async (code: string) =>
  (
    await federation.query(
      `{ organization(code: "${code}") { id version name organizationType automaticInternetAccess helpMessage address { line1 line2 city state postalCode country } } }`,
      {},
      { token: await federation.staffToken() },
    )
  ).data.organization;
const inputOf = ({ name, organizationType, automaticInternetAccess, address }: any) => ({
  name,
  organizationType,
  automaticInternetAccess,
  address,
});

describe("the organization's help message", () => {
  it('is set by its Administrators, kept when a save omits it, and shown by the public lookup', async () => {
    const admin = await signedInContact(federation, '01001', [ContactType.ADMINISTRATOR], 'help-admin@01001.example');
    const org = await organizationNow('01001');
    const message = 'Contact HR/IT on 0800 123 456, weekdays 9 to 5.';
    const saved = await federation.query(
      UPDATE_ORG,
      { id: org.id, v: org.version, input: { ...inputOf(org), helpMessage: `  ${message} ` } },
      { token: admin.token },
    );
    expect(saved.errors).toBeUndefined();
    expect(saved.data.updateOrganization.helpMessage).toBe(message);

    const kept = await federation.query(
      UPDATE_ORG,
      { id: org.id, v: org.version + 1, input: inputOf(org) },
      { token: admin.token },
    );
    expect(kept.data.updateOrganization.helpMessage).toBe(message);

    const found = await federation.query(FIND, { o: '01001' });
    expect(found.errors).toBeUndefined();
    expect(found.data.findAdministrators[0]).toMatchObject({ organizationCode: '01001', helpMessage: message });

    const cleared = await federation.query(
      UPDATE_ORG,
      { id: org.id, v: kept.data.updateOrganization.version, input: { ...inputOf(org), helpMessage: '' } },
      { token: admin.token },
    );
    expect(cleared.data.updateOrganization.helpMessage).toBeNull();
  });

  it('refuses control characters and overlong text, naming the field, and changes nothing', async () => {
    const org = await organizationNow('42061');
    const staff = await federation.staffToken();
    for (const helpMessage of ['Call IT\non 123', 'Call \u0007IT', 'Call \u202Eti', 'x'.repeat(301)]) {
      const { errors } = await federation.query(
        UPDATE_ORG,
        { id: org.id, v: org.version, input: { ...inputOf(org), helpMessage } },
        { token: staff },
      );
      expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(errors?.[0].extensions)).toMatch(/helpMessage/);
    }
    expect(await organizationNow('42061')).toEqual(org);
  });

  it('may not be set by a contact without EDIT on organization details', async () => {
    const payroll = await signedInContact(federation, '42061', [ContactType.PAYROLL], 'help-payroll@42061.example');
    const org = await organizationNow('42061');
    const { errors } = await federation.query(
      UPDATE_ORG,
      { id: org.id, v: org.version, input: { ...inputOf(org), helpMessage: 'Call me instead' } },
      { token: payroll.token },
    );
    expect(errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await organizationNow('42061')).helpMessage).toBe(org.helpMessage);
  });
});

describe("a person's own account", () => {
  const MINE =
    '{ me { selfService { userName status lastSuccessfulLogin previousLogin unsuccessfulAttemptsSinceLastSuccess } securityEvents(pageSize: 5) { totalCount items { type } } } }';
  const LOGIN =
    'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken refreshToken } }';
  const REFRESH = 'mutation ($r: String!) { refreshToken(refreshToken: $r) { accessToken } }';

  it('shows a Password Reset Only contact its own details and security events, which no panel rule would', async () => {
    const me = await signedInContact(
      federation,
      '42061',
      [ContactType.PASSWORD_RESET_ONLY],
      'own-account@42061.example',
    );
    await federation.query(LOGIN, { u: me.email, p: 'not my password' });
    const signedIn = await federation.query(LOGIN, { u: me.email, p: PASSWORD });
    const { data, errors } = await federation.query(MINE, {}, { token: signedIn.data.login.accessToken });
    expect(errors).toBeUndefined();
    expect(data.me.selfService).toMatchObject({
      userName: me.email,
      status: 'REGISTERED',
      unsuccessfulAttemptsSinceLastSuccess: 0,
    });
    expect(data.me.selfService.previousLogin).not.toBeNull();
    expect(data.me.securityEvents.items.map((e: { type: string }) => e.type).slice(0, 3)).toEqual([
      'LOGIN_SUCCEEDED',
      'LOGIN_FAILED',
      'LOGIN_SUCCEEDED',
    ]);
    // The same person may not read its panel's audit trail through the administrators' field.
    const panel = await federation.query(
      `query ($id: ID!) { contact(id: $id) { selfService { securityEvents { totalCount } } } }`,
      { id: me.id },
      { token: signedIn.data.login.accessToken },
    );
    expect(panel.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('answers staff with no panel and no events, and strangers with UNAUTHENTICATED', async () => {
    const staff = await federation.query(MINE, {}, { token: await federation.staffToken() });
    expect(staff.data.me).toEqual({ selfService: null, securityEvents: { totalCount: 0, items: [] } });
    expect((await federation.query(MINE)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('signs out everywhere: every refresh token of the person stops working, and the event is recorded', async () => {
    const me = await signedInContact(federation, '42061', [ContactType.READ_ONLY], 'everywhere@42061.example');
    const [phone, laptop] = [
      await federation.query(LOGIN, { u: me.email, p: PASSWORD }),
      await federation.query(LOGIN, { u: me.email, p: PASSWORD }),
    ];
    const other = await signedInContact(federation, '42061', [ContactType.READ_ONLY], 'someone-else@42061.example');
    const others = await federation.query(LOGIN, { u: other.email, p: PASSWORD });

    const done = await federation.query('mutation { signOutEverywhere }', {}, { token: laptop.data.login.accessToken });
    expect(done).toEqual({ data: { signOutEverywhere: true } });
    for (const session of [phone, laptop])
      expect(
        (await federation.query(REFRESH, { r: session.data.login.refreshToken })).errors?.[0].extensions?.code,
      ).toBe('UNAUTHENTICATED');
    expect((await federation.query(REFRESH, { r: others.data.login.refreshToken })).errors).toBeUndefined();
    // The laptop's own access token is revoked too, once the revocation list is next read:
    // the person reads the event from a new sign-in.
    const again = await federation.query(LOGIN, { u: me.email, p: PASSWORD });
    const events = await federation.query(MINE, {}, { token: again.data.login.accessToken });
    expect(events.data.me.securityEvents.items.map((e: { type: string }) => e.type)).toContain('SIGNED_OUT_EVERYWHERE');
    expect((await federation.query('mutation { signOutEverywhere }')).errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});

describe('organizationLogins (Password Reset Only finds the logins it may re-enroll and unlock)', () => {
  const LOGINS =
    'query ($s: String!) { organizationLogins(search: $s) { totalCount items { contactId account { userName status availableActions } } } }';

  it("finds its own organization's logins by user name, and nobody else's", async () => {
    const reset42061 = await signedInContact(
      federation,
      '42061',
      [ContactType.PASSWORD_RESET_ONLY],
      'pro.finder@42061.example',
    );
    const target = await signedInContact(federation, '42061', [ContactType.READ_ONLY], 'findable.login@42061.example');
    await signedInContact(federation, '01001', [ContactType.READ_ONLY], 'findable.login@01001.example');
    const { data, errors } = await federation.query(LOGINS, { s: 'FINDABLE.login' }, { token: reset42061.token });
    expect(errors).toBeUndefined();
    expect(data.organizationLogins).toEqual({
      totalCount: 1,
      items: [
        {
          contactId: target.id,
          account: { userName: target.email, status: 'REGISTERED', availableActions: ['RE_ENROLL'] },
        },
      ],
    });
    // A wildcard typed by the user is a character, not a pattern.
    expect(
      (await federation.query(LOGINS, { s: '%%%' }, { token: reset42061.token })).data.organizationLogins.totalCount,
    ).toBe(0);
    expect(
      (await federation.query(LOGINS, { s: 'ab' }, { token: reset42061.token })).errors?.[0].extensions?.code,
    ).toBe('BAD_USER_INPUT');
  });

  it('is refused to contacts that may not re-enroll and unlock, and to strangers', async () => {
    const payroll = await signedInContact(federation, '42061', [ContactType.PAYROLL], 'pro.payroll@42061.example');
    expect(
      (await federation.query(LOGINS, { s: 'findable' }, { token: payroll.token })).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await federation.query(LOGINS, { s: 'findable' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
