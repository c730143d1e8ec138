import { demoContactId } from '@ecg/demo-data';
import { startFederation, type Federation } from './support/federation';

// The whole federation on MariaDB, started on ephemeral ports by the test itself.
let federation: Federation;

beforeAll(async () => {
  federation = await startFederation('fed');
});

afterAll(() => federation?.stop());

// Authorization is its own test (authorization.test.ts); here staff, who may read everything.
const asStaff = async (query: string, variables?: Record<string, unknown>) =>
  federation.query(query, variables, { token: await federation.staffToken() });

const CONTACTS_OF_42061 = `
  query Contacts($page: Int!, $pageSize: Int!, $sort: ContactSort, $status: ContactStatus) {
    organization(code: "42061") {
      name
      contacts(page: $page, pageSize: $pageSize, sort: $sort, status: $status) {
        totalCount page pageSize pageCount
        items { fullName status contactTypes selfService { status essId userName } }
      }
    }
  }`;

describe('the gateway over the three subgraphs', () => {
  it("answers the README's query with data from all three subgraphs", async () => {
    const { data, errors } = await asStaff(
      '{ organization(code: "42061") { name contacts(page: 1, pageSize: 10) { totalCount items { fullName contactTypes selfService { status } } } } }',
    );
    expect(errors).toBeUndefined();
    expect(data.organization.name).toBe('COUNTY OFFICE OF EDUCATION');
    expect(data.organization.contacts.totalCount).toBe(8);
    const byName = Object.fromEntries(data.organization.contacts.items.map((c: any) => [c.fullName, c]));
    expect(byName['Jane Contact'].contactTypes).toEqual([
      'ACCOUNT_RECEIVABLE',
      'ADMINISTRATOR',
      'BENEFIT',
      'SUPERINTENDENT_CHANCELLOR',
      'TERMINATION',
    ]);
    expect(byName['Contact Test'].selfService).toEqual({ status: 'REGISTRATION_PENDING' });
    expect(byName['Coco Contact'].selfService).toBeNull();
  });

  it('pages through contacts sorted by full name, both ways, with the totals of the Contacts panel', async () => {
    const pages = [];
    for (const page of [1, 2, 3]) {
      const { data, errors } = await asStaff(CONTACTS_OF_42061, { page, pageSize: 3 });
      expect(errors).toBeUndefined();
      pages.push(data.organization.contacts);
    }
    expect(pages.map((p) => [p.page, p.pageSize, p.pageCount, p.totalCount, p.items.length])).toEqual([
      [1, 3, 3, 8, 3],
      [2, 3, 3, 8, 3],
      [3, 3, 3, 8, 2],
    ]);
    const names = pages.flatMap((p) => p.items.map((c: any) => c.fullName));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(new Set(names).size).toBe(8);

    const { data } = await asStaff(CONTACTS_OF_42061, { page: 1, pageSize: 8, sort: 'FULL_NAME_DESC' });
    expect(data.organization.contacts.items.map((c: any) => c.fullName)).toEqual([...names].reverse());
  });

  it('filters by status', async () => {
    const { data } = await asStaff(CONTACTS_OF_42061, { page: 1, pageSize: 10, status: 'INACTIVE' });
    expect(data.organization.contacts.totalCount).toBe(1);
    expect(data.organization.contacts.items[0]).toMatchObject({ fullName: 'Kevin Contact', status: 'INACTIVE' });
  });

  it('finds organizations by code or by name', async () => {
    const byCode = await asStaff('{ organizations(search: "4206") { totalCount items { code displayName } } }');
    expect(byCode.data.organizations).toEqual({
      totalCount: 1,
      items: [{ code: '42061', displayName: '42061-COUNTY OFFICE OF EDUCATION' }],
    });
    const byName = await asStaff(
      '{ organizations(search: "county office", pageSize: 1) { totalCount pageCount items { code } } }',
    );
    expect(byName.data.organizations).toEqual({ totalCount: 2, pageCount: 2, items: [{ code: '01001' }] });
    const wildcard = await asStaff('{ organizations(search: "%") { totalCount } }');
    expect(wildcard.data.organizations.totalCount).toBe(0);
  });

  it('resolves a contact by id with its organization and self-service panel', async () => {
    const { data, errors } = await asStaff(
      'query ($id: ID!) { contact(id: $id) { fullName organization { code automaticInternetAccess } selfService { userName essId status successfulLoginAttempts totalUnsuccessfulAttempts enrollmentCompleted lastSuccessfulLogin } } }',
      { id: demoContactId('bella') },
    );
    expect(errors).toBeUndefined();
    expect(data.contact).toEqual({
      fullName: 'Bella Contact',
      organization: { code: '01001', automaticInternetAccess: true },
      selfService: {
        userName: 'bellacontact@county.xorg',
        essId: 3829,
        status: 'REGISTERED',
        successfulLoginAttempts: 24,
        totalUnsuccessfulAttempts: 2,
        enrollmentCompleted: true,
        lastSuccessfulLogin: '2022-02-01T09:38:26.000Z',
      },
    });
  });

  it('refuses an empty search and a huge page with one BAD_USER_INPUT error naming both fields', async () => {
    const { data, errors } = await asStaff(
      '{ organizations(search: "", pageSize: 100000) { totalCount items { code } } }',
    );
    expect(data).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidFields: [
        { field: 'search', message: 'is required' },
        { field: 'pageSize', message: 'must be at most 100' },
      ],
    });
  });

  it('refuses a page size over 100 on contacts too, and an id that is not one', async () => {
    const page = await asStaff(CONTACTS_OF_42061, { page: 1, pageSize: 101 });
    expect(page.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(page.errors?.[0].extensions?.invalidFields).toEqual([{ field: 'pageSize', message: 'must be at most 100' }]);
    const contact = await asStaff('{ contact(id: "1 OR 1=1") { fullName } }');
    expect(contact.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', invalidFields: [{ field: 'id' }] });
  });
});

describe('health', () => {
  it('reports every service and its database', async () => {
    const gateway = await fetch(new URL('/health', federation.gatewayUrl));
    expect(gateway.status).toBe(200);
    expect(await gateway.json()).toEqual({
      service: 'gateway',
      status: 'ok',
      subgraphs: { organization: 'up', contact: 'up', credential: 'up' },
    });
    for (const [name, subgraph] of Object.entries(federation.subgraphs)) {
      const response = await fetch(new URL('/health', subgraph.url));
      expect(await response.json()).toEqual({ service: name, status: 'ok', database: 'up' });
    }
  });
});

describe('GraphiQL', () => {
  it('is served to a browser from the built web app, with no CDN', async () => {
    const page = await fetch(federation.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    // Its script and stylesheets are the app's hashed files (no inline code: the CSP allows none).
    expect(assets.filter((asset) => asset.endsWith('.js')).length).toBeGreaterThan(0);
    expect(assets.filter((asset) => asset.endsWith('.css')).length).toBeGreaterThan(0);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/(assets\/[\w.-]+\.(js|css)|favicon\.svg)$/);
      const response = await fetch(new URL(asset, federation.gatewayUrl));
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });
});
