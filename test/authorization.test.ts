import { atLeast, capabilityMatrix, ContactType, demoContactId, levelFor, type Level } from '@ecg/shared';
import { startFederation, type Federation } from './support/federation';
import { contactInput, createContact, currentVersion, organizationId, PASSWORD, signedInContact } from './support/people';

// Issue 3: generated from the matrix. For each contact type, a contact of that type in
// organization A tries each operation on A's data and on B's data; exactly what the matrix
// allows succeeds, through the gateway, on MariaDB.
let federation: Federation;
const ORGS = {
  A: { code: '42061', other: demoContactId('coco'), withPanel: demoContactId('contact-test'), otherInput: contactInput('Coco', 'Contact', 'cococontact@county.xorg', [ContactType.ADMINISTRATOR]) },
  B: { code: '01001', other: demoContactId('anthony'), withPanel: demoContactId('bella'), otherInput: contactInput('Anthony', 'Contact', 'anthonycontact@county.xorg', [ContactType.ACCOUNT_RECEIVABLE, ContactType.ADMINISTRATOR]) },
};
type Org = (typeof ORGS)['A'] & { id: string };

beforeAll(async () => {
  federation = await startFederation('authz');
  for (const org of Object.values(ORGS)) (org as Org).id = await organizationId(federation, org.code);
});
afterAll(() => federation?.stop());

interface Operation {
  name: string;
  function: string;
  level: Exclude<Level, 'NONE'>;
  run(token: string, org: Org, tag: string): Promise<{ ok: boolean; codes: string[] }>;
}

async function attempt(token: string, query: string, variables: Record<string, unknown>, ok: (data: any) => boolean) {
  const { data, errors } = await federation.query(query, variables, { token });
  return { ok: !errors && !!data && ok(data), codes: (errors ?? []).map((e) => e.extensions?.code) };
}

const OPERATIONS: Operation[] = [
  {
    name: 'read organization details', function: 'ORGANIZATION_DETAILS', level: 'READ',
    run: (t, org) => attempt(t, 'query ($c: String!) { organization(code: $c) { automaticInternetAccess organizationType } }', { c: org.code }, (d) => typeof d.organization?.automaticInternetAccess === 'boolean'),
  },
  {
    name: 'read organization address', function: 'ORGANIZATION_ADDRESS', level: 'READ',
    run: (t, org) => attempt(t, 'query ($c: String!) { organization(code: $c) { address { city } } }', { c: org.code }, (d) => typeof d.organization?.address?.city === 'string'),
  },
  {
    name: 'list contacts', function: 'ORGANIZATION_CONTACTS', level: 'READ',
    run: (t, org) => attempt(t, 'query ($c: String!) { organization(code: $c) { contacts(pageSize: 5) { totalCount items { fullName } } } }', { c: org.code }, (d) => d.organization?.contacts?.totalCount > 0),
  },
  {
    name: 'read a contact', function: 'ORGANIZATION_CONTACTS', level: 'READ',
    run: (t, org) => attempt(t, 'query ($id: ID!) { contact(id: $id) { fullName primaryEmail contactTypes } }', { id: org.other }, (d) => !!d.contact?.fullName),
  },
  {
    name: 'read a self-service panel', function: 'ORGANIZATION_CONTACTS', level: 'READ',
    run: (t, org) => attempt(t, 'query ($id: ID!) { contact(id: $id) { selfService { status userName essId } } }', { id: org.withPanel }, (d) => !!d.contact?.selfService?.status),
  },
  {
    name: 'create a contact', function: 'ORGANIZATION_CONTACTS', level: 'EDIT',
    run: (t, org, tag) =>
      attempt(t, 'mutation ($input: CreateContactInput!) { createContact(input: $input) { id } }', { input: { ...contactInput('Made', 'ByMatrix', `matrix-${tag}@test.example`, [ContactType.READ_ONLY]), organizationId: org.id } }, (d) => !!d.createContact?.id),
  },
  {
    name: 'update a contact', function: 'ORGANIZATION_CONTACTS', level: 'EDIT',
    run: async (t, org) =>
      attempt(
        t,
        'mutation ($id: ID!, $v: Int!, $input: ContactDetailsInput!) { updateContact(id: $id, expectedVersion: $v, input: $input) { id } }',
        { id: org.other, v: await currentVersion(federation, org.other), input: org.otherInput },
        (d) => !!d.updateContact?.id,
      ),
  },
  {
    name: 'register a contact', function: 'SELF_SERVICE_REGISTRATION', level: 'EDIT',
    run: async (t, org, tag) => {
      const id = await createContact(federation, org.code, contactInput('To', 'Register', `register-${tag}@test.example`, [ContactType.READ_ONLY]));
      return attempt(t, 'mutation ($id: ID!) { register(contactId: $id) { status } }', { id }, (d) => d.register?.status === 'REGISTRATION_PENDING');
    },
  },
  {
    name: 're-enroll a contact', function: 'SELF_SERVICE_RESET', level: 'EDIT',
    run: (t, org) => attempt(t, 'mutation ($id: ID!) { reEnroll(contactId: $id) { status } }', { id: org.withPanel }, (d) => d.reEnroll?.status === 'REGISTRATION_PENDING'),
  },
  {
    // The demo panels are not locked: an allowed caller gets NOT_LOCKED, a refused one FORBIDDEN.
    name: 'unlock a contact', function: 'SELF_SERVICE_RESET', level: 'EDIT',
    run: async (t, org) => {
      const { errors } = await federation.query('mutation ($id: ID!) { unlock(contactId: $id) { status } }', { id: org.withPanel }, { token: t });
      const codes = (errors ?? []).map((e) => e.extensions?.code);
      return { ok: codes.length === 1 && codes[0] === 'NOT_LOCKED', codes };
    },
  },
];

const expected = (types: ContactType[], op: Operation, org: 'A' | 'B') => org === 'A' && atLeast(levelFor(types, op.function), op.level);

describe.each(capabilityMatrix.contactTypes.map((t) => t.key))('a %s contact of organization A', (type) => {
  it('does exactly what the matrix allows, in A only; every refusal is FORBIDDEN', async () => {
    const types = [type];
    const me = await signedInContact(federation, ORGS.A.code, types, `${type.toLowerCase()}@a.test.example`);
    const outcomes: string[] = [];
    const wanted: string[] = [];
    for (const op of OPERATIONS) {
      for (const org of ['A', 'B'] as const) {
        const { ok, codes } = await op.run(me.token, ORGS[org] as Org, `${type}-${org}`.toLowerCase());
        outcomes.push(`${op.name} in ${org}: ${ok ? 'allowed' : `refused ${[...new Set(codes)].join(',')}`}`);
        wanted.push(`${op.name} in ${org}: ${expected(types, op, org) ? 'allowed' : 'refused FORBIDDEN'}`);
      }
    }
    // Changing one's own password: every contact type has "Change user password".
    const changed = await federation.query(
      'mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { accessToken } }',
      { c: PASSWORD, n: `${PASSWORD} and more` },
      { token: me.token },
    );
    outcomes.push(`change own password: ${changed.data?.changePassword?.accessToken ? 'allowed' : JSON.stringify(changed.errors)}`);
    wanted.push(`change own password: ${levelFor(types, 'CHANGE_PASSWORD') === 'EDIT' ? 'allowed' : 'refused'}`);
    expect(outcomes).toEqual(wanted);
  });
});

describe('staff', () => {
  it('may do every operation in every organization', async () => {
    const token = await federation.staffToken();
    for (const op of OPERATIONS) {
      for (const org of ['A', 'B'] as const) {
        expect([op.name, org, (await op.run(token, ORGS[org] as Org, `staff-${org}`.toLowerCase())).ok]).toEqual([op.name, org, true]);
      }
    }
  });
});

describe('what refused mutations left behind', () => {
  it('is nothing: only the allowed creations exist', async () => {
    const { data } = await federation.query(
      'query ($c: String!) { organization(code: $c) { contacts(search: "matrix-", pageSize: 100) { items { primaryEmail } } } }',
      { c: ORGS.B.code },
      { token: await federation.staffToken() },
    );
    // In B only staff may create; contacts of A never could.
    expect(data.organization.contacts.items.map((c: any) => c.primaryEmail)).toEqual(['matrix-staff-b@test.example']);
  });
});
