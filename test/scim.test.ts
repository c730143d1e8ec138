import { ContactType } from '@ecg/policy';
import { startFederation, type Federation } from './support/federation';
import { createOrganization } from './support/people';
import { PATCH_SCHEMA, provisioningToken, scimClient, USER_SCHEMA, type ScimClient } from './support/scim';

// SCIM 2.0 provisioning (DESIGN.md §11) through the gateway's /scim/v2/ on MariaDB: RFC 7644's
// own examples (§3.3 create, §3.4 read, filter and page, §3.5 PUT and PATCH, §3.6 DELETE, §3.12
// errors), adapted to an organization's contacts (Users) and contact types (Groups).
let federation: Federation;
let organizationId: string;
let scim: ScimClient;
beforeAll(async () => {
  federation = await startFederation('scim');
  organizationId = await createOrganization(federation, '93001', 'SCIM TEST DISTRICT');
  scim = scimClient(federation, (await provisioningToken(federation, organizationId, 'Entra ID')).token);
});
afterAll(() => federation?.stop());

const staffQuery = async (query: string, variables?: Record<string, unknown>) =>
  federation.query(query, variables, { token: await federation.staffToken() });

const CONTACT = `query ($id: ID!) { contact(id: $id) { firstName middleName lastName namePrefix nameSuffix primaryEmail
  secondaryEmail primaryPhoneNumber mobilePhoneNumber secondaryPhoneNumber jobTitle status contactTypes version
  auditTrail { items { action actorKind actorLabel changes { field oldValue newValue } } } } }`;
const contactOf = async (id: string) => (await staffQuery(CONTACT, { id })).data.contact;

/** RFC 7644 §3.3's Barbara Jensen, with a phone of each kind. */
const bjensen = (n: string, extra: Record<string, unknown> = {}) => ({
  schemas: [USER_SCHEMA],
  userName: `bjensen${n}@example.com`,
  externalId: `bjensen${n}`,
  name: {
    formatted: 'Ms. Barbara J Jensen III',
    familyName: 'Jensen',
    givenName: 'Barbara',
    middleName: 'Jane',
    honorificPrefix: 'Ms.',
    honorificSuffix: 'III',
  },
  title: 'Tour Guide',
  emails: [
    { value: `bjensen${n}@example.com`, type: 'work', primary: true },
    { value: `babs${n}@jensen.org`, type: 'home' },
  ],
  phoneNumbers: [
    { value: '555-555-5555', type: 'work' },
    { value: '555-555-4444', type: 'mobile' },
    { value: '555-555-3333', type: 'other' },
  ],
  ...extra,
});

const create = async (n: string, extra: Record<string, unknown> = {}) => {
  const response = await scim('POST', '/Users', bjensen(n, extra));
  expect(response.status).toBe(201);
  return response.body as { id: string; meta: { version: string } };
};

describe('discovery', () => {
  it('announces what it supports, and the resource types and schemas', async () => {
    const config = await scim('GET', '/ServiceProviderConfig');
    expect(config.status).toBe(200);
    expect(config.headers.get('content-type')).toContain('application/scim+json');
    expect(config.body).toMatchObject({
      patch: { supported: true },
      filter: { supported: true },
      etag: { supported: true },
      bulk: { supported: false },
      changePassword: { supported: false },
      authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
    });
    const types = await scim('GET', '/ResourceTypes');
    expect(types.body.Resources.map((r: { name: string }) => r.name).sort()).toEqual(['Group', 'User']);
    const schemas = await scim('GET', '/Schemas');
    expect(schemas.body.Resources.map((s: { id: string }) => s.id)).toContain(USER_SCHEMA);
  });

  it('refuses a request without a provisioning token, or with one that does not exist, as SCIM errors', async () => {
    for (const token of ['', 'ecgp_' + 'A'.repeat(43), 'not-a-token']) {
      const response = await scimClient(federation, token)('GET', '/Users');
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
    }
  });
});

describe('Users (RFC 7644 §3.3-3.6)', () => {
  it('creates a contact from a User, maps every attribute, and answers where it lives with its version', async () => {
    const response = await scim('POST', '/Users', bjensen('1'));
    expect(response.status).toBe(201);
    const user = response.body;
    expect(response.headers.get('location')).toBe(user.meta.location);
    expect(user.meta.location).toBe(`${new URL(federation.gatewayUrl).origin}/scim/v2/Users/${user.id}`);
    expect(response.headers.get('etag')).toBe('W/"1"');
    expect(user).toMatchObject({
      userName: 'bjensen1@example.com',
      externalId: 'bjensen1',
      active: true,
      name: {
        givenName: 'Barbara',
        middleName: 'Jane',
        familyName: 'Jensen',
        honorificPrefix: 'Ms.',
        honorificSuffix: 'III',
      },
      emails: [
        { value: 'bjensen1@example.com', type: 'work', primary: true },
        { value: 'babs1@jensen.org', type: 'other' },
      ],
      groups: [{ value: 'READ_ONLY', display: 'Read Only' }],
      meta: { resourceType: 'User', version: 'W/"1"' },
    });
    expect(await contactOf(user.id)).toMatchObject({
      firstName: 'Barbara',
      middleName: 'Jane',
      lastName: 'Jensen',
      namePrefix: 'Ms.',
      nameSuffix: 'III',
      primaryEmail: 'bjensen1@example.com',
      secondaryEmail: 'babs1@jensen.org',
      primaryPhoneNumber: '555-555-5555',
      mobilePhoneNumber: '555-555-4444',
      secondaryPhoneNumber: '555-555-3333',
      jobTitle: 'Tour Guide',
      status: 'ACTIVE',
      contactTypes: ['READ_ONLY'],
      auditTrail: { items: [{ action: 'CREATE', actorKind: 'SCIM', actorLabel: 'provisioning token Entra ID' }] },
    });
    const read = await scim('GET', `/Users/${user.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('W/"1"');
    expect(read.body).toEqual(user);
  });

  it('refuses a second User with the same userName (any case) as uniqueness, and creates nothing', async () => {
    await create('2');
    const again = await scim('POST', '/Users', bjensen('2', { userName: 'BJensen2@Example.com', externalId: 'x' }));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: '409', scimType: 'uniqueness' });
    const found = await scim('GET', `/Users?filter=${encodeURIComponent('externalId eq "x"')}`);
    expect(found.body.totalResults).toBe(0);
  });

  it('holds the product rules: required names, control characters, email format', async () => {
    const noFamily = await scim('POST', '/Users', bjensen('3', { name: { givenName: 'Barbara' } }));
    expect(noFamily.status).toBe(400);
    expect(noFamily.body).toMatchObject({ scimType: 'invalidValue' });
    expect(noFamily.body.detail).toContain('name.familyName is required');
    const control = await scim(
      'POST',
      '/Users',
      bjensen('3', { name: { givenName: 'Bar\u202Ebara', familyName: 'J' } }),
    );
    expect(control.status).toBe(400);
    expect(control.body.detail).toContain('name.givenName must not contain control');
    const noEmail = await scim('POST', '/Users', bjensen('3', { userName: 'bjensen3', emails: [] }));
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.detail).toContain('userName is required');
    const found = await scim('GET', `/Users?filter=${encodeURIComponent('externalId eq "bjensen3"')}`);
    expect(found.body.totalResults).toBe(0);
  });

  it('answers 404 for an id it does not know', async () => {
    const response = await scim('GET', '/Users/2819c223-7f76-453a-919d-413861904646');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ status: '404' });
  });

  it('filters on userName, externalId, emails.value, name.familyName and active, with and, or, not', async () => {
    const a = await create('f1', { name: { givenName: 'Filter', familyName: 'Alpha' } });
    const b = await create('f2', { name: { givenName: 'Filter', familyName: 'Beta' } });
    await scim('PATCH', `/Users/${b.id}`, {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
    const ids = async (filter: string) => {
      const response = await scim('GET', `/Users?filter=${encodeURIComponent(filter)}`);
      expect(response.status).toBe(200);
      expect(response.body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:ListResponse']);
      return response.body.Resources.map((u: { id: string }) => u.id).sort();
    };
    const both = [a.id, b.id].sort();
    expect(await ids('userName eq "BJENSENf1@example.com"')).toEqual([a.id]);
    expect(await ids('externalId eq "bjensenf2"')).toEqual([b.id]);
    expect(await ids('externalId eq "BJENSENF2"')).toEqual([]);
    expect(await ids('emails.value eq "babsf1@jensen.org"')).toEqual([a.id]);
    expect(await ids('emails[type eq "work" and value co "jensenf"]')).toEqual(both);
    expect(await ids('name.familyName sw "al" or name.familyName sw "be"')).toEqual(both);
    expect(await ids('userName co "jensenf" and active eq false')).toEqual([b.id]);
    expect(await ids('userName co "jensenf" and not (active eq false)')).toEqual([a.id]);
    expect(await ids('userName ew "f2@example.com" and title pr')).toEqual([b.id]);
    const bad = await scim('GET', `/Users?filter=${encodeURIComponent('userName zz "x"')}`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ scimType: 'invalidFilter' });
  });

  it('pages with startIndex and count (§3.4.2.4)', async () => {
    for (const n of ['p1', 'p2', 'p3']) await create(n, { title: 'Pager' });
    const page = await scim('GET', `/Users?filter=${encodeURIComponent('title eq "Pager"')}&startIndex=2&count=1`);
    expect(page.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
    expect(page.body.Resources.map((u: { userName: string }) => u.userName)).toEqual(['bjensenp2@example.com']);
  });

  it('PATCHes with add, replace and remove, by path and without (§3.5.2), and keeps what is not named', async () => {
    const { id } = await create('4');
    const patch = (...Operations: unknown[]) => scim('PATCH', `/Users/${id}`, { schemas: [PATCH_SCHEMA], Operations });
    const replaced = await patch(
      { op: 'replace', path: 'name.familyName', value: 'Jensen-Smith' },
      { op: 'replace', value: { title: 'Head Guide' } },
      { op: 'remove', path: 'phoneNumbers[type eq "mobile"]' },
      { op: 'remove', path: 'name.middleName' },
    );
    expect(replaced.status).toBe(200);
    expect(replaced.headers.get('etag')).toBe('W/"2"');
    expect(await contactOf(id)).toMatchObject({
      lastName: 'Jensen-Smith',
      middleName: null,
      jobTitle: 'Head Guide',
      mobilePhoneNumber: null,
      primaryPhoneNumber: '555-555-5555',
      firstName: 'Barbara',
      version: 2,
    });
    const added = await patch({ op: 'add', path: 'phoneNumbers', value: [{ value: '555-555-2222', type: 'mobile' }] });
    expect(added.status).toBe(200);
    expect((await contactOf(id)).mobilePhoneNumber).toBe('555-555-2222');
    // The same values again change nothing: no new version.
    const same = await patch({ op: 'replace', path: 'title', value: 'Head Guide' });
    expect(same.status).toBe(204);
    expect((await contactOf(id)).version).toBe(3);
    const badPath = await patch({ op: 'replace', path: 'nickName.nothing', value: 'x' });
    expect(badPath.status).toBe(400);
  });

  it('refuses a stale If-Match with 412 and changes nothing; a current one goes through', async () => {
    const { id } = await create('5');
    const body = { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', path: 'title', value: 'Changed' }] };
    const stale = await scim('PATCH', `/Users/${id}`, body, { 'if-match': 'W/"7"' });
    expect(stale.status).toBe(412);
    expect((await contactOf(id)).jobTitle).toBe('Tour Guide');
    const current = await scim('PATCH', `/Users/${id}`, body, { 'if-match': 'W/"1"' });
    expect(current.status).toBe(200);
    const put = await scim('PUT', `/Users/${id}`, bjensen('5'), { 'if-match': 'W/"1"' });
    expect(put.status).toBe(412);
    const del = await scim('DELETE', `/Users/${id}`, undefined, { 'if-match': 'W/"1"' });
    expect(del.status).toBe(412);
    expect((await contactOf(id)).status).toBe('ACTIVE');
  });

  it('PUT replaces the whole User: what it leaves out is cleared (§3.5.1)', async () => {
    const { id } = await create('6');
    const { middleName: _m, honorificPrefix: _p, ...name } = bjensen('6').name;
    const response = await scim('PUT', `/Users/${id}`, {
      ...bjensen('6', { title: undefined, phoneNumbers: [{ value: '555-555-1111', type: 'work' }] }),
      name: { ...name, givenName: 'Babs' },
    });
    expect(response.status).toBe(200);
    expect(response.body.meta.version).toBe('W/"2"');
    expect(await contactOf(id)).toMatchObject({
      firstName: 'Babs',
      middleName: null,
      namePrefix: null,
      jobTitle: null,
      primaryPhoneNumber: '555-555-1111',
      mobilePhoneNumber: null,
    });
  });

  it('DELETE deactivates: the contact stays, inactive, with its history (§3.6)', async () => {
    const { id } = await create('7');
    const response = await scim('DELETE', `/Users/${id}`);
    expect(response.status).toBe(204);
    const read = await scim('GET', `/Users/${id}`);
    expect(read.body).toMatchObject({ id, active: false });
    const contact = await contactOf(id);
    expect(contact.status).toBe('INACTIVE');
    expect(contact.auditTrail.items[0]).toMatchObject({
      action: 'UPDATE',
      actorLabel: 'provisioning token Entra ID',
      changes: [{ field: 'status', oldValue: 'ACTIVE', newValue: 'INACTIVE' }],
    });
  });
});

describe('Groups are the contact types', () => {
  it('lists the contact types, and adding and removing members changes contacts’ types', async () => {
    const list = await scim('GET', '/Groups');
    expect(list.body.totalResults).toBe(Object.keys(ContactType).length);
    const payroll = await scim('GET', `/Groups?filter=${encodeURIComponent('displayName eq "payroll"')}`);
    expect(payroll.body.Resources).toEqual([expect.objectContaining({ id: 'PAYROLL', displayName: 'Payroll' })]);
    const { id } = await create('g1');
    const add = await scim('PATCH', '/Groups/PAYROLL', {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'add', path: 'members', value: [{ value: id }] }],
    });
    expect([200, 204]).toContain(add.status);
    expect((await contactOf(id)).contactTypes).toEqual(['PAYROLL', 'READ_ONLY']);
    const group = await scim('GET', '/Groups/PAYROLL');
    expect(group.body.members).toEqual([expect.objectContaining({ value: id, display: 'Barbara Jane Jensen' })]);
    expect(group.headers.get('etag')).toBe(group.body.meta.version);
    const user = await scim('GET', `/Users/${id}`);
    expect(user.body.groups.map((g: { value: string }) => g.value)).toEqual(['PAYROLL', 'READ_ONLY']);
    const remove = await scim('PATCH', '/Groups/READ_ONLY', {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }],
    });
    expect([200, 204]).toContain(remove.status);
    expect((await contactOf(id)).contactTypes).toEqual(['PAYROLL']);
    const last = await scim('PATCH', '/Groups/PAYROLL', {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }],
    });
    expect(last.status).toBe(400);
    expect(last.body.detail).toContain('no contact type left');
    expect((await contactOf(id)).contactTypes).toEqual(['PAYROLL']);
  });

  it('PUT replaces a group’s members; groups are never created, renamed or deleted', async () => {
    const a = await create('g2');
    const b = await create('g3');
    const put = await scim('PUT', '/Groups/BENEFIT', {
      displayName: 'Benefit',
      members: [{ value: a.id }, { value: b.id }],
    });
    expect(put.status).toBe(200);
    expect(put.body.members.map((m: { value: string }) => m.value).sort()).toEqual([a.id, b.id].sort());
    const rename = await scim('PUT', '/Groups/BENEFIT', { displayName: 'Benefits', members: [] });
    expect(rename).toMatchObject({ status: 400, body: { scimType: 'mutability' } });
    expect((await scim('POST', '/Groups', { displayName: 'Payroll' })).body).toMatchObject({ scimType: 'uniqueness' });
    expect((await scim('POST', '/Groups', { displayName: 'Cleaners' })).status).toBe(400);
    expect((await scim('DELETE', '/Groups/BENEFIT')).status).toBe(400);
    const unknown = await scim('PATCH', '/Groups/BENEFIT', {
      schemas: [PATCH_SCHEMA],
      Operations: [{ op: 'add', path: 'members', value: [{ value: '2819c223-7f76-453a-919d-413861904646' }] }],
    });
    expect(unknown.status).toBe(400);
    expect((await scim('GET', '/Groups/NOT_A_TYPE')).status).toBe(404);
  });
});
