import { ContactType } from '@ecg/policy';
import { demoContactId } from '@ecg/demo-data';
import { startFederation, type Federation } from './support/federation';
import { contactInput, createContact, organizationId, PASSWORD, signedInContact } from './support/people';

// For each contact type (and for contacts holding several), a
// contact of organization A tries each operation on A's data and on B's data, through the gateway,
// on MariaDB. The expected answers come from the answer key below, written by hand from the job
// aid (employer-contacts-job-aid-2022.txt) and the ESR toolkit: never from the code under test.
let federation: Federation;
const ORGS = {
  A: {
    code: '42061',
    other: demoContactId('coco'),
    withPanel: demoContactId('contact-test'),
    otherInput: contactInput('Coco', 'Contact', 'cococontact@county.xorg', [ContactType.ADMINISTRATOR]),
  },
  B: {
    code: '01001',
    other: demoContactId('anthony'),
    withPanel: demoContactId('bella'),
    otherInput: contactInput('Anthony', 'Contact', 'anthonycontact@county.xorg', [
      ContactType.ACCOUNT_RECEIVABLE,
      ContactType.ADMINISTRATOR,
    ]),
  },
};
type Org = (typeof ORGS)['A'] & { id: string };

beforeAll(async () => {
  federation = await startFederation('authz');
  for (const org of Object.values(ORGS)) (org as Org).id = await organizationId(federation, org.code);
});
afterAll(() => federation?.stop());

/** A contact's job title and version as staff read them: what a refused update must leave alone. */
async function contactAsStaff(id: string): Promise<{ jobTitle: string | null; version: number }> {
  const { data } = await federation.query(
    'query ($id: ID!) { contact(id: $id) { jobTitle version } }',
    { id },
    { token: await federation.staffToken() },
  );
  return data.contact;
}

interface Operation {
  name: string;
  run(token: string, org: Org, tag: string): Promise<{ ok: boolean; codes: string[] }>;
}

const T = ContactType;
/** The job aid's twelve types (the Password Reset Only type comes from the ESR toolkit). */
const JOB_AID_TYPES = [
  T.ACCOUNT_RECEIVABLE,
  T.ADMINISTRATOR,
  T.BENEFIT,
  T.EMPLOYMENT,
  T.LEAVE_OF_ABSENCE,
  T.PAYROLL,
  T.PAYROLL_AND_EMPLOYMENT,
  T.READ_ONLY,
  T.REDUCTION_IN_SCHOOL_FUNDS,
  T.SICK_LEAVE,
  T.SUPERINTENDENT_CHANCELLOR,
  T.TERMINATION,
];
const EVERY_TYPE = [...JOB_AID_TYPES, T.PASSWORD_RESET_ONLY];

/**
 * The answer key: which contact types may do each operation in their own organization.
 * - The job aid lists "Create and maintain Organization details / address / Contact information"
 *   under "Add or Edit Capability" for the Administrator only, and under "Read-Only" for every
 *   other type of the job aid: all twelve read, only the Administrator changes (contacts, the
 *   organization, an email upload) and reads who changed what (the audit trail).
 * - "You must have the Administrator contact type" to create, update, re-enroll and unlock
 *   contacts; registering is the same button panel.
 * - ESR's password-reset-only administrator "may re-enroll and unlock contacts of its
 *   organization, nothing else".
 * - Every type of the job aid has "Change user password" (so does the reset-only type: it signs in).
 * In organization B every operation is refused, whatever the types.
 */
const ANSWER_KEY: Record<string, readonly ContactType[]> = {
  'read organization details': JOB_AID_TYPES,
  'read organization address': JOB_AID_TYPES,
  'update the organization': [T.ADMINISTRATOR],
  'list contacts': JOB_AID_TYPES,
  'read a contact': JOB_AID_TYPES,
  'read a self-service panel': JOB_AID_TYPES,
  'export contacts to Excel': JOB_AID_TYPES,
  'read the audit trail': [T.ADMINISTRATOR],
  'create a contact': [T.ADMINISTRATOR],
  'update a contact': [T.ADMINISTRATOR],
  'import contact emails': [T.ADMINISTRATOR],
  'register a contact': [T.ADMINISTRATOR],
  're-enroll a contact': [T.ADMINISTRATOR, T.PASSWORD_RESET_ONLY],
  'unlock a contact': [T.ADMINISTRATOR, T.PASSWORD_RESET_ONLY],
  'change own password': EVERY_TYPE,
};

/** Several types grant what any one of them grants. */
const allowed = (types: ContactType[], operation: string, org: 'A' | 'B') =>
  org === 'A' && types.some((t) => ANSWER_KEY[operation].includes(t));

async function attempt(token: string, query: string, variables: Record<string, unknown>, ok: (data: any) => boolean) {
  const { data, errors } = await federation.query(query, variables, { token });
  return { ok: !errors && !!data && ok(data), codes: (errors ?? []).map((e) => e.extensions?.code) };
}

const OPERATIONS: Operation[] = [
  {
    name: 'read organization details',
    run: (t, org) =>
      attempt(
        t,
        'query ($c: String!) { organization(code: $c) { automaticInternetAccess organizationType } }',
        { c: org.code },
        (d) => typeof d.organization?.automaticInternetAccess === 'boolean',
      ),
  },
  {
    name: 'read organization address',
    run: (t, org) =>
      attempt(
        t,
        'query ($c: String!) { organization(code: $c) { address { city } } }',
        { c: org.code },
        (d) => typeof d.organization?.address?.city === 'string',
      ),
  },
  {
    name: 'list contacts',
    run: (t, org) =>
      attempt(
        t,
        'query ($c: String!) { organization(code: $c) { contacts(pageSize: 5) { totalCount items { fullName } } } }',
        { c: org.code },
        (d) => d.organization?.contacts?.totalCount > 0,
      ),
  },
  {
    name: 'read a contact',
    run: (t, org) =>
      attempt(
        t,
        'query ($id: ID!) { contact(id: $id) { fullName primaryEmail contactTypes } }',
        { id: org.other },
        (d) => !!d.contact?.fullName,
      ),
  },
  {
    name: 'read a self-service panel',
    run: (t, org) =>
      attempt(
        t,
        'query ($id: ID!) { contact(id: $id) { selfService { status userName essId } } }',
        { id: org.withPanel },
        (d) => !!d.contact?.selfService?.status,
      ),
  },
  {
    name: 'create a contact',
    run: (t, org, tag) =>
      attempt(
        t,
        'mutation ($input: CreateContactInput!) { createContact(input: $input) { id } }',
        {
          input: {
            ...contactInput('Made', 'ByMatrix', `matrix-${tag}@test.example`, [ContactType.READ_ONLY]),
            organizationId: org.id,
          },
        },
        (d) => !!d.createContact?.id,
      ),
  },
  {
    // Decided by what the contact looks like afterwards, read back as staff, not by the answer
    // alone: a Password Reset Only contact may not read `updateContact { id }`, so a write that
    // went through would answer FORBIDDEN and pass for a refusal. Each attempt writes a job title
    // of its own, so a refused one must leave the contact as it was.
    name: 'update a contact',
    run: async (t, org, tag) => {
      const before = await contactAsStaff(org.other);
      const jobTitle = `Matrix ${tag}`.slice(0, 100);
      const answer = await attempt(
        t,
        'mutation ($id: ID!, $v: Int!, $input: ContactDetailsInput!) { updateContact(id: $id, expectedVersion: $v, input: $input) { id } }',
        { id: org.other, v: before.version, input: { ...org.otherInput, jobTitle } },
        (d) => !!d.updateContact?.id,
      );
      const after = await contactAsStaff(org.other);
      const written = after.jobTitle === jobTitle && after.version !== before.version;
      const untouched = after.jobTitle === before.jobTitle && after.version === before.version;
      if (answer.ok && written) return answer;
      if (!answer.ok && untouched) return answer;
      return {
        ok: false,
        codes: [...answer.codes, written ? 'WRITTEN DESPITE THE ANSWER' : 'ANSWERED OK, NOTHING WRITTEN'],
      };
    },
  },
  {
    name: 'register a contact',
    run: async (t, org, tag) => {
      const id = await createContact(
        federation,
        org.code,
        contactInput('To', 'Register', `register-${tag}@test.example`, [ContactType.READ_ONLY]),
      );
      return attempt(
        t,
        'mutation ($id: ID!) { register(contactId: $id) { status } }',
        { id },
        (d) => d.register?.status === 'REGISTRATION_PENDING',
      );
    },
  },
  {
    name: 're-enroll a contact',
    run: (t, org) =>
      attempt(
        t,
        'mutation ($id: ID!) { reEnroll(contactId: $id) { status } }',
        { id: org.withPanel },
        (d) => d.reEnroll?.status === 'REGISTRATION_PENDING',
      ),
  },
  {
    // The demo panels are not locked: an allowed caller gets NOT_LOCKED, a refused one FORBIDDEN.
    name: 'unlock a contact',
    run: async (t, org) => {
      const { errors } = await federation.query(
        'mutation ($id: ID!) { unlock(contactId: $id) { status } }',
        { id: org.withPanel },
        { token: t },
      );
      const codes = (errors ?? []).map((e) => e.extensions?.code);
      return { ok: codes.length === 1 && codes[0] === 'NOT_LOCKED', codes };
    },
  },
  {
    // Saved unchanged, at the version just read: allowed callers get a saved organization back.
    name: 'update the organization',
    run: async (t, org) => {
      const { data } = await federation.query(
        `{ organization(code: "${org.code}") { version name organizationType automaticInternetAccess address { line1 line2 city state postalCode country } } }`,
        {},
        { token: await federation.staffToken() },
      );
      const { version, ...input } = data.organization;
      return attempt(
        t,
        'mutation ($id: ID!, $v: Int!, $input: OrganizationInput!) { updateOrganization(id: $id, expectedVersion: $v, input: $input) { id } }',
        { id: org.id, v: version, input },
        (d) => d.updateOrganization?.id === org.id,
      );
    },
  },
  {
    // The field gives the link; the download through the gateway must answer the same.
    name: 'export contacts to Excel',
    run: async (t, org) => {
      const field = await attempt(
        t,
        'query ($c: String!) { organization(code: $c) { contactsExport { url } } }',
        { c: org.code },
        (d) => !!d.organization?.contactsExport?.url,
      );
      const download = await fetch(new URL(`/exports/contacts.xlsx?organizationId=${org.id}`, federation.gatewayUrl), {
        headers: { authorization: `Bearer ${t}` },
      });
      await download.arrayBuffer();
      if (field.ok !== (download.status === 200))
        return { ok: false, codes: [...field.codes, `download answered ${download.status}`] };
      return field;
    },
  },
  {
    name: 'read the audit trail',
    run: (t, org) =>
      attempt(
        t,
        'query ($c: String!) { organization(code: $c) { auditTrail(pageSize: 1) { totalCount } } }',
        { c: org.code },
        (d) => typeof d.organization?.auditTrail?.totalCount === 'number',
      ),
  },
  {
    // A dry run: checked and answered row by row, nothing written.
    name: 'import contact emails',
    run: (t, org) =>
      attempt(
        t,
        'mutation ($o: ID!, $csv: String!) { importContactEmails(organization: $o, csv: $csv, dryRun: true) { dryRun rows { outcome } } }',
        { o: org.id, csv: `contact,email\n${org.other},someone.new@test.example` },
        (d) => d.importContactEmails?.dryRun === true && d.importContactEmails.rows.length === 1,
      ),
  },
];

// Every single type, then contacts holding several: what one type lacks, another grants.
const CONTACTS: ContactType[][] = [
  ...EVERY_TYPE.map((t) => [t]),
  [T.READ_ONLY, T.PASSWORD_RESET_ONLY],
  [T.PASSWORD_RESET_ONLY, T.TERMINATION],
  [T.READ_ONLY, T.PAYROLL],
  [T.BENEFIT, T.ADMINISTRATOR],
];

test('the answer key names every operation, and every operation has an answer', () => {
  expect(Object.keys(ANSWER_KEY).sort()).toEqual([...OPERATIONS.map((op) => op.name), 'change own password'].sort());
});

describe.each(CONTACTS.map((types) => [types.join(' + '), types] as const))(
  'a %s contact of organization A',
  (label, types) => {
    it('does exactly what the answer key allows, in A only; a refusal is FORBIDDEN or nothing at all', async () => {
      const tag = label.toLowerCase().replace(/\W+/g, '-');
      const me = await signedInContact(federation, ORGS.A.code, types, `${tag}@a.test.example`);
      const outcomes: string[] = [];
      const wanted: string[] = [];
      for (const op of OPERATIONS) {
        for (const org of ['A', 'B'] as const) {
          const { ok, codes } = await op.run(me.token, ORGS[org] as Org, `${tag}-${org}`.toLowerCase());
          // Another organization's contact reads as one that does not exist (null, no error): also a refusal.
          const refusal = [...new Set(codes)].every((c) => c === 'FORBIDDEN')
            ? 'refused'
            : `refused with ${[...new Set(codes)].join(',')}`;
          outcomes.push(`${op.name} in ${org}: ${ok ? 'allowed' : refusal}`);
          wanted.push(`${op.name} in ${org}: ${allowed(types, op.name, org) ? 'allowed' : 'refused'}`);
        }
      }
      // Changing one's own password: every contact type has "Change user password".
      const changed = await federation.query(
        'mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { accessToken } }',
        { c: PASSWORD, n: `${PASSWORD} and more` },
        { token: me.token },
      );
      outcomes.push(
        `change own password: ${changed.data?.changePassword?.accessToken ? 'allowed' : JSON.stringify(changed.errors)}`,
      );
      wanted.push(`change own password: ${allowed(types, 'change own password', 'A') ? 'allowed' : 'refused'}`);
      expect(outcomes).toEqual(wanted);
    });
  },
);

describe('staff', () => {
  it('may do every operation in every organization', async () => {
    const token = await federation.staffToken();
    for (const op of OPERATIONS) {
      for (const org of ['A', 'B'] as const) {
        expect([op.name, org, (await op.run(token, ORGS[org] as Org, `staff-${org}`.toLowerCase())).ok]).toEqual([
          op.name,
          org,
          true,
        ]);
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
