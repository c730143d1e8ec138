import { ContactType } from '@ecg/policy';
import { startFederation, type Federation } from './support/federation';
import {
  contactInput,
  createContact,
  createOrganization,
  giveLogin,
  PASSWORD,
  signedInContact,
} from './support/people';
import { PATCH_SCHEMA, provisioningToken, scimClient, USER_SCHEMA, type ScimClient } from './support/scim';

// SCIM as a directory (Entra ID, Okta) uses it, through the gateway on MariaDB: its tokens, what
// one organization's token cannot reach, the last administrator, sessions of a deactivated
// contact, and a directory's repeated sync that must change nothing the second time.
let federation: Federation;
beforeAll(async () => {
  federation = await startFederation('scimdir');
});
afterAll(() => federation?.stop());

const codeOf = (response: { errors?: { extensions?: Record<string, any> }[] }) =>
  response.errors?.[0]?.extensions?.code ?? 'OK';
const staffQuery = async (query: string, variables?: Record<string, unknown>) =>
  federation.query(query, variables, { token: await federation.staffToken() });
const TOKENS = `query ($code: String!) { organization(code: $code) {
  provisioningTokens { id label createdBy createdAt lastUsedAt revokedAt } } }`;
const CREATE = `mutation ($org: ID!, $label: String!) { createProvisioningToken(organizationId: $org, label: $label) {
  token provisioningToken { id label } } }`;
const REVOKE = 'mutation ($id: ID!) { revokeProvisioningToken(id: $id) { id revokedAt } }';
const CONTACT = '{ contact(id: $id) { status contactTypes version } }';
const contactOf = async (id: string) => (await staffQuery(`query ($id: ID!) ${CONTACT}`, { id })).data.contact;

const user = (n: string, given = 'Dana') => ({
  schemas: [USER_SCHEMA],
  userName: `dir.${n}@district.example`,
  externalId: `emp-${n}`,
  name: { givenName: given, familyName: `Person${n}` },
  emails: [{ value: `dir.${n}@district.example`, type: 'work', primary: true }],
  active: true,
});
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_SCHEMA], Operations });
const members = (op: 'add' | 'remove', id: string) =>
  op === 'add'
    ? patch({ op: 'add', path: 'members', value: [{ value: id }] })
    : patch({ op: 'remove', path: `members[value eq "${id}"]` });

async function newOrganization(code: string) {
  const id = await createOrganization(federation, code);
  const { token, id: tokenId } = await provisioningToken(federation, id, `Directory ${code}`);
  return { id, code, tokenId, scim: scimClient(federation, token) };
}

/** A User made through SCIM, and given a contact type by adding it to that group. */
async function provisioned(scim: ScimClient, n: string, type?: ContactType) {
  const created = await scim('POST', '/Users', user(n));
  expect(created.status).toBe(201);
  if (type)
    expect([200, 204]).toContain((await scim('PATCH', `/Groups/${type}`, members('add', created.body.id))).status);
  return created.body.id as string;
}

describe('provisioning tokens', () => {
  it('are made by staff or the organization’s Administrators, shown once, listed without the token, and revoked at once', async () => {
    const org = await newOrganization('93101');
    await provisioned(org.scim, 'admin0', ContactType.ADMINISTRATOR);
    const adminId = await provisioned(org.scim, 'admin1', ContactType.ADMINISTRATOR);
    await giveLogin(federation, adminId, org.code, 'dir.admin1@district.example');
    const admin = await federation.login('dir.admin1@district.example', PASSWORD);
    const made = await federation.query(CREATE, { org: org.id, label: 'Okta' }, { token: admin });
    expect(made.errors).toBeUndefined();
    const token = made.data.createProvisioningToken.token as string;
    expect(token).toMatch(/^ecgp_[A-Za-z0-9_-]{43}$/);

    const payroll = await signedInContact(federation, '42061', [ContactType.PAYROLL], 'payroll.scim@county.xorg');
    expect(codeOf(await federation.query(CREATE, { org: org.id, label: 'x' }, { token: payroll.token }))).toBe(
      'FORBIDDEN',
    );
    const other = await signedInContact(federation, '42061', [ContactType.ADMINISTRATOR], 'admin.scim@county.xorg');
    expect(codeOf(await federation.query(CREATE, { org: org.id, label: 'x' }, { token: other.token }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await federation.query(TOKENS, { code: org.code }, { token: other.token }))).toBe('FORBIDDEN');
    expect(codeOf(await federation.query(CREATE, { org: org.id, label: ' ' }, { token: admin }))).toBe(
      'BAD_USER_INPUT',
    );

    const okta = scimClient(federation, token);
    expect((await okta('GET', '/Users')).status).toBe(200);
    const listed = await federation.query(TOKENS, { code: org.code }, { token: admin });
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(listed.data.organization.provisioningTokens[0]).toMatchObject({
      label: 'Okta',
      createdBy: 'Dana Personadmin1',
      lastUsedAt: expect.any(String),
      revokedAt: null,
    });
    const id = made.data.createProvisioningToken.provisioningToken.id;
    expect(codeOf(await federation.query(REVOKE, { id }, { token: other.token }))).toBe('FORBIDDEN');
    expect(codeOf(await federation.query(REVOKE, { id }, { token: admin }))).toBe('OK');
    const refused = await okta('GET', '/Users');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('Bearer');
  });
});

describe('one organization’s token', () => {
  it('sees nothing of another organization: its Users, their ids, its group members', async () => {
    const a = await newOrganization('93201');
    const b = await newOrganization('93202');
    const theirs = await provisioned(a.scim, 'a1', ContactType.PAYROLL);
    const before = await contactOf(theirs);
    const list = await b.scim('GET', `/Users?filter=${encodeURIComponent('userName eq "dir.a1@district.example"')}`);
    expect(list.body.totalResults).toBe(0);
    expect((await b.scim('GET', '/Users')).body.totalResults).toBe(0);
    expect((await b.scim('GET', `/Users/${theirs}`)).status).toBe(404);
    expect(
      (await b.scim('PATCH', `/Users/${theirs}`, patch({ op: 'replace', path: 'active', value: false }))).status,
    ).toBe(404);
    expect((await b.scim('PUT', `/Users/${theirs}`, user('a1', 'Taken'))).status).toBe(404);
    expect((await b.scim('DELETE', `/Users/${theirs}`)).status).toBe(404);
    expect((await b.scim('GET', '/Groups/PAYROLL')).body.members ?? []).toEqual([]);
    expect((await b.scim('PATCH', '/Groups/BENEFIT', members('add', theirs))).status).toBe(400);
    expect(await contactOf(theirs)).toEqual(before);
    // The same userName is free in another organization (a person may act for several).
    expect((await b.scim('POST', '/Users', user('a1'))).status).toBe(201);
  });
});

describe('the product’s rules through SCIM', () => {
  it('lets an address from the feed replace a temporary one, and keeps the review date of the same address', async () => {
    const org = await newOrganization('93302');
    const input = {
      ...contactInput('Tess', 'Temporary', 'tess.temp@gmail.example', [ContactType.PAYROLL]),
      temporaryEmailReviewBy: '2027-01-31',
    };
    const id = await createContact(federation, org.code, input);
    const reviewBy = async () =>
      (await staffQuery('query ($id: ID!) { contact(id: $id) { primaryEmail temporaryEmailReviewBy } }', { id })).data
        .contact;
    // The directory changes her job title and sends the same (temporary) address: still temporary.
    const renamed = await org.scim('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'title', value: 'Clerk' }));
    expect(renamed.status).toBe(200);
    expect(await reviewBy()).toEqual({ primaryEmail: 'tess.temp@gmail.example', temporaryEmailReviewBy: '2027-01-31' });
    // The feed brings her work address: that one lasts.
    const work = 'tess@district.example';
    const moved = await org.scim('PUT', `/Users/${id}`, {
      schemas: [USER_SCHEMA],
      userName: work,
      name: { givenName: 'Tess', familyName: 'Temporary' },
      emails: [{ value: work, type: 'work', primary: true }],
      title: 'Clerk',
      active: true,
    });
    expect(moved.status).toBe(200);
    expect(await reviewBy()).toEqual({ primaryEmail: work, temporaryEmailReviewBy: null });
  });

  it('refuses to deactivate or demote the last active Administrator, saying why', async () => {
    const org = await newOrganization('93301');
    const admin = await provisioned(org.scim, 'last', ContactType.ADMINISTRATOR);
    for (const [method, path, body] of [
      ['PATCH', `/Users/${admin}`, patch({ op: 'replace', path: 'active', value: false })],
      ['DELETE', `/Users/${admin}`, undefined],
      ['PATCH', '/Groups/ADMINISTRATOR', members('remove', admin)],
    ] as const) {
      const refused = await org.scim(method, path, body);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ scimType: 'mutability' });
      expect(refused.body.detail).toContain('LAST_ADMINISTRATOR');
      expect(refused.body.detail).toContain('last active Administrator');
    }
    expect(await contactOf(admin)).toMatchObject({ status: 'ACTIVE', contactTypes: ['ADMINISTRATOR', 'READ_ONLY'] });
    // With a second Administrator (added before the other is removed), the first may go.
    const second = await provisioned(org.scim, 'second', ContactType.ADMINISTRATOR);
    expect((await org.scim('DELETE', `/Users/${admin}`)).status).toBe(204);
    expect((await contactOf(second)).status).toBe('ACTIVE');
  });

  it('ends the sessions of a contact it deactivates, as a Save on the screen does', async () => {
    const org = await newOrganization('93401');
    await provisioned(org.scim, 'keeper', ContactType.ADMINISTRATOR);
    const id = await provisioned(org.scim, 'leaver', ContactType.PAYROLL);
    await giveLogin(federation, id, org.code, 'dir.leaver@district.example');
    const session = (
      await federation.query(
        'mutation ($u: String!, $p: String!) { login(userName: $u, password: $p) { accessToken refreshToken } }',
        { u: 'dir.leaver@district.example', p: PASSWORD },
      )
    ).data.login;
    // A mutation checks its session at once: a Payroll contact may not unlock (FORBIDDEN), until
    // the session is gone (UNAUTHENTICATED).
    const unlock = () =>
      federation
        .query('mutation ($id: ID!) { unlock(contactId: $id) { status } }', { id }, { token: session.accessToken })
        .then(codeOf);
    expect(await unlock()).toBe('FORBIDDEN');
    expect(
      (await org.scim('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'active', value: false }))).status,
    ).toBe(200);
    expect(await unlock()).toBe('UNAUTHENTICATED');
    const refreshed = await federation.query(
      'mutation ($r: String!) { refreshToken(refreshToken: $r) { accessToken } }',
      { r: session.refreshToken },
    );
    expect(codeOf(refreshed)).not.toBe('OK');
  });

  it('counts requests per token and answers 429 past the limit', async () => {
    const org = await newOrganization('93501');
    expect((await org.scim('GET', '/Users')).status).toBe(200);
    // The window's count as a directory's burst would leave it (the limit itself has its own tests).
    await federation.subgraphs.contact.dataSource.query('UPDATE rate_limit SET hits = 1000000 WHERE bucket = ?', [
      `scim:${org.tokenId}`,
    ]);
    const limited = await org.scim('GET', '/Users');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ status: '429' });
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // Another token of the same organization has its own count.
    const fresh = scimClient(federation, (await provisioningToken(federation, org.id, 'Second')).token);
    expect((await fresh('GET', '/Users')).status).toBe(200);
  });
});

describe('a directory’s sync', () => {
  it('creates 50, renames 5, moves 3 between groups, deactivates 2; the same sync again changes nothing', async () => {
    const org = await newOrganization('93601');
    const ids = new Map<string, string>();
    const audit = async () =>
      (
        await federation.subgraphs.contact.dataSource.query<{ n: string }[]>(
          'SELECT COUNT(*) AS n FROM contact_audit WHERE organizationId = ?',
          [org.id],
        )
      )[0].n;
    const versions = async () =>
      (await org.scim('GET', '/Users?count=100')).body.Resources.map(
        (u: any) => `${u.userName} ${u.meta.version}`,
      ).sort();

    // What Entra ID and Okta send: look the person up by userName, create when absent, then PATCH.
    async function sync() {
      for (let n = 0; n < 50; n++) {
        const found = await org.scim(
          'GET',
          `/Users?filter=${encodeURIComponent(`userName eq "dir.${n}@district.example"`)}`,
        );
        if (found.body.totalResults === 1) ids.set(String(n), found.body.Resources[0].id);
        else
          ids.set(
            String(n),
            await provisioned(org.scim, String(n), n < 2 ? ContactType.ADMINISTRATOR : ContactType.PAYROLL),
          );
      }
      for (let n = 10; n < 15; n++)
        expect([200, 204]).toContain(
          (
            await org.scim(
              'PATCH',
              `/Users/${ids.get(String(n))}`,
              patch({ op: 'replace', path: 'name.givenName', value: `Renamed${n}` }),
            )
          ).status,
        );
      for (let n = 20; n < 23; n++) {
        expect([200, 204]).toContain(
          (await org.scim('PATCH', '/Groups/BENEFIT', members('add', ids.get(String(n))!))).status,
        );
        expect([200, 204]).toContain(
          (await org.scim('PATCH', '/Groups/PAYROLL', members('remove', ids.get(String(n))!))).status,
        );
      }
      for (let n = 30; n < 32; n++)
        expect([200, 204]).toContain(
          (
            await org.scim(
              'PATCH',
              `/Users/${ids.get(String(n))}`,
              patch({ op: 'replace', path: 'active', value: false }),
            )
          ).status,
        );
    }

    await sync();
    const [firstVersions, firstAudit] = [await versions(), await audit()];
    expect(firstVersions).toHaveLength(50);
    expect(await contactOf(ids.get('21')!)).toMatchObject({ contactTypes: ['BENEFIT', 'READ_ONLY'] });
    expect(await contactOf(ids.get('31')!)).toMatchObject({ status: 'INACTIVE' });
    const renamed = await org.scim('GET', `/Users/${ids.get('12')}`);
    expect(renamed.body.name.givenName).toBe('Renamed12');

    await sync();
    expect(await versions()).toEqual(firstVersions);
    expect(await audit()).toBe(firstAudit);
  });
});
