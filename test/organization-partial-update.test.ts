import { randomBytes } from 'node:crypto';
import { ContactType } from '@ecg/policy';
import { startFederation, type Federation } from './support/federation';
import { createOrganization, signedInContact } from './support/people';

// `updateOrganization` takes a partial change: only the fields sent change, with the
// organization's version for concurrent edits (the settings screen flips one switch at a time).
jest.setTimeout(120_000);
let federation: Federation;

beforeAll(async () => {
  federation = await startFederation('orgpartial');
});
afterAll(async () => federation?.stop());

const UPDATE = `mutation ($id: ID!, $v: Int!, $input: OrganizationInput!) { updateOrganization(id: $id, expectedVersion: $v, input: $input) {
  version name organizationType automaticInternetAccess secondFactorRequired helpMessage address { line1 line2 city state postalCode country } } }`;
const READ = `query ($code: String!) { organization(code: $code) {
  id version name organizationType automaticInternetAccess secondFactorRequired helpMessage address { line1 line2 city state postalCode country } } }`;
const unique = () => randomBytes(4).toString('hex');

async function organizationWithAdministrator() {
  const code = `P${unique()}`.slice(0, 8).toUpperCase();
  await createOrganization(federation, code, `PARTIAL DISTRICT ${code}`);
  const staff = await federation.staffToken();
  const org = (await federation.query(READ, { code }, { token: staff })).data.organization;
  const full = {
    name: org.name,
    organizationType: org.organizationType,
    automaticInternetAccess: true,
    address: {
      line1: '1 Main Street',
      line2: 'Suite 2',
      city: 'Goleta',
      state: 'CA',
      postalCode: '93117',
      country: 'US',
    },
    helpMessage: 'Call HR on 555 0100',
  };
  const saved = await federation.query(UPDATE, { id: org.id, v: org.version, input: full }, { token: staff });
  expect(saved.errors).toBeUndefined();
  const admin = await signedInContact(
    federation,
    code,
    [ContactType.ADMINISTRATOR],
    `admin.${unique()}@partial.example`,
  );
  return { code, id: org.id as string, full, version: saved.data.updateOrganization.version as number, admin };
}

it('changes only the fields sent, and answers CONFLICT on a stale version', async () => {
  const org = await organizationWithAdministrator();
  const flipped = await federation.query(
    UPDATE,
    { id: org.id, v: org.version, input: { automaticInternetAccess: false } },
    { token: org.admin.token },
  );
  expect(flipped.errors).toBeUndefined();
  expect(flipped.data.updateOrganization).toEqual({
    ...org.full,
    automaticInternetAccess: false,
    secondFactorRequired: false,
    version: org.version + 1,
  });

  const stale = await federation.query(
    UPDATE,
    { id: org.id, v: org.version, input: { secondFactorRequired: true } },
    { token: org.admin.token },
  );
  expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');

  // One address line: the others stay; an empty help message clears it.
  const moved = await federation.query(
    UPDATE,
    { id: org.id, v: org.version + 1, input: { address: { city: 'Santa Barbara' }, helpMessage: '' } },
    { token: org.admin.token },
  );
  expect(moved.errors).toBeUndefined();
  expect(moved.data.updateOrganization).toMatchObject({
    name: org.full.name,
    automaticInternetAccess: false,
    helpMessage: null,
    address: { ...org.full.address, city: 'Santa Barbara' },
    version: org.version + 2,
  });

  const renamed = await federation.query(
    UPDATE,
    { id: org.id, v: org.version + 2, input: { name: 'RENAMED DISTRICT', secondFactorRequired: true } },
    { token: org.admin.token },
  );
  expect(renamed.data.updateOrganization).toMatchObject({
    name: 'RENAMED DISTRICT',
    organizationType: org.full.organizationType,
    secondFactorRequired: true,
    address: { line1: '1 Main Street', city: 'Santa Barbara' },
  });
});

it('refuses a Read Only contact and an empty name, whatever else is sent', async () => {
  const org = await organizationWithAdministrator();
  const reader = await signedInContact(
    federation,
    org.code,
    [ContactType.READ_ONLY],
    `reader.${unique()}@partial.example`,
  );
  const refused = await federation.query(
    UPDATE,
    { id: org.id, v: org.version, input: { automaticInternetAccess: false } },
    { token: reader.token },
  );
  expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const blank = await federation.query(
    UPDATE,
    { id: org.id, v: org.version, input: { name: '  ' } },
    { token: org.admin.token },
  );
  expect(blank.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});
