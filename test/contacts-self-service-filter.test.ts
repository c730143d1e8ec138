import ExcelJS from 'exceljs';
import { ContactType } from '@ecg/policy';
import { startFederation, type Federation } from './support/federation';
import {
  contactInput,
  createContact,
  createOrganization,
  giveLogin,
  organizationId,
  signedInContact,
} from './support/people';

// The contact list filtered by the Self Service Details panel's Status: the logins are the
// credential subgraph's, the list the contact subgraph's; paged, sorted and counted as one list.
let federation: Federation;
let staff: string;
beforeAll(async () => {
  federation = await startFederation('ssfilter');
  staff = await federation.staffToken();
}, 120_000);
afterAll(() => federation?.stop());

const LIST = `query ($code: String!, $page: Int!, $sort: ContactSort!, $login: ContactSelfServiceFilter) {
  organization(code: $code) {
    contacts(page: $page, pageSize: 2, sort: $sort, selfServiceStatus: $login) {
      totalCount pageCount items { fullName selfService { status } }
    }
  }
}`;

const CODE = '78301';
const lockedNames = ['Ann Locked', 'Bob Locked', 'Cy Locked'];
let admin: { token: string };

beforeAll(async () => {
  await createOrganization(federation, CODE, 'FILTER DISTRICT');
  admin = await signedInContact(federation, CODE, [ContactType.ADMINISTRATOR], 'admin@f78301.example');
  for (const [i, name] of lockedNames.entries()) {
    const [first, last] = name.split(' ');
    const email = `locked${i}@f78301.example`;
    const id = await createContact(federation, CODE, contactInput(first, last, email, [ContactType.BENEFIT]));
    await giveLogin(federation, id, CODE, email);
    await federation.subgraphs.credential.dataSource.query(
      "UPDATE self_service_account SET status = 'LOCKED' WHERE contactId = ?",
      [id],
    );
  }
  for (const name of ['Dee Never', 'Eve Never'])
    await createContact(
      federation,
      CODE,
      contactInput(name.split(' ')[0], 'Never', `${name[0]}@f78301.example`, [ContactType.BENEFIT]),
    );
}, 60_000);

const list = async (token: string, login: string | null, page = 1, sort = 'FULL_NAME_ASC') =>
  federation.query(LIST, { code: CODE, page, sort, login }, { token });

it('lists only the contacts whose login is in the status asked for, paged and sorted over the whole organization', async () => {
  const first = await list(admin.token, 'LOCKED');
  expect(first.errors).toBeUndefined();
  const contacts = first.data.organization.contacts;
  expect(contacts).toMatchObject({ totalCount: 3, pageCount: 2 });
  expect(contacts.items.map((c: { fullName: string }) => c.fullName)).toEqual(['Ann Locked', 'Bob Locked']);
  expect(contacts.items.every((c: { selfService: { status: string } }) => c.selfService.status === 'LOCKED')).toBe(
    true,
  );
  const second = await list(admin.token, 'LOCKED', 2);
  expect(second.data.organization.contacts.items.map((c: { fullName: string }) => c.fullName)).toEqual(['Cy Locked']);
  const backwards = await list(admin.token, 'LOCKED', 1, 'FULL_NAME_DESC');
  expect(backwards.data.organization.contacts.items.map((c: { fullName: string }) => c.fullName)).toEqual([
    'Cy Locked',
    'Bob Locked',
  ]);
});

it('"Not registered" lists the contacts with no login at all; a status nobody has lists none', async () => {
  const never = (await list(admin.token, 'NOT_REGISTERED')).data.organization.contacts;
  expect(never.totalCount).toBe(2);
  expect(never.items).toEqual([
    { fullName: 'Dee Never', selfService: null },
    { fullName: 'Eve Never', selfService: null },
  ]);
  const pending = await list(staff, 'REGISTRATION_PENDING');
  expect(pending.data.organization.contacts).toMatchObject({ totalCount: 0, items: [] });
  // Staff see every organization's: the same answer as the organization's own administrator.
  expect((await list(staff, 'LOCKED')).data.organization.contacts.totalCount).toBe(3);
});

it("another organization's contacts cannot list this one's logins by status, through the list or the field", async () => {
  const outsider = await signedInContact(federation, '42061', [ContactType.ADMINISTRATOR], 'outsider@f78301.example');
  // A contact asking for another organization's code gets its own organization's list (see the matrix tests):
  // its own organization's locked logins, none of these.
  const asked = await list(outsider.token, 'LOCKED');
  const names = JSON.stringify(asked.data?.organization?.contacts?.items ?? []);
  for (const name of lockedNames) expect(names).not.toContain(name);
  const direct = await federation.query(
    'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Organization { selfServiceContactIds(status: LOCKED) } } }',
    { representations: [{ __typename: 'Organization', id: await organizationId(federation, CODE) }] },
    // Straight to the credential subgraph, as anyone on its network could send it.
    { token: outsider.token, url: federation.subgraphs.credential.url },
  );
  expect(JSON.stringify(direct.data ?? null)).not.toMatch(/[0-9a-f]{8}-/);
  expect(direct.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

it('"Export To Excel" writes the filtered list: only the contacts whose login is in the status asked for', async () => {
  const exported = async (login: string) => {
    const { data, errors } = await federation.query(
      'query ($code: String!, $login: ContactSelfServiceFilter) { organization(code: $code) { contactsExport(selfServiceStatus: $login) { url } } }',
      { code: CODE, login },
      { token: admin.token },
    );
    expect(errors).toBeUndefined();
    const response = await fetch(new URL(data.organization.contactsExport.url, federation.gatewayUrl), {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const names: unknown[] = [];
    workbook.getWorksheet('Contacts')!.eachRow((row, n) => n > 1 && names.push(row.getCell(1).value));
    return names;
  };
  expect(await exported('LOCKED')).toEqual(lockedNames);
  expect(await exported('NOT_REGISTERED')).toEqual(['Dee Never', 'Eve Never']);
});
