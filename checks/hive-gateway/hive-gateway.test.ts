import { ContactType } from '@ecg/policy';
import type { StartedServer } from '@ecg/infrastructure';
import { spawnHiveGateway } from '../../tools/src/hive-gateway';
import { startFederation, type Federation } from '../../test/support/federation';
import { signedInContact } from '../../test/support/people';

// The committed supergraph is portable to a second engine. Hive Gateway with the Rust
// query planner, on schema/supergraph.graphql, pointed at the test federation's subgraphs and
// forwarding the token, answers exactly as the Apollo gateway does. Hive runs in its own process
// (its planner loads by a dynamic import jest cannot sandbox), from this package's own install
// (`npm ci --prefix checks/hive-gateway`; .ci/run does it and `npm test` runs this file last).
const CONTACTS = `query ($page: Int!, $size: Int!, $sort: ContactSort!) {
  organization(code: "42061") {
    id code displayName automaticInternetAccess
    contacts(page: $page, pageSize: $size, sort: $sort) {
      totalCount pageCount
      items { id fullName status primaryEmail contactTypes selfServiceActions selfService { status userName availableActions } }
    }
  }
}`;

let federation: Federation;
let hive: StartedServer;
let hiveMerging: StartedServer;
beforeAll(async () => {
  federation = await startFederation('hive');
  const { organization, contact, credential } = federation.subgraphs;
  const subgraphUrls = { organization: organization.url, contact: contact.url, credential: credential.url };
  [hive, hiveMerging] = await Promise.all([
    spawnHiveGateway(subgraphUrls, false),
    spawnHiveGateway(subgraphUrls, true),
  ]);
});
afterAll(async () => {
  await hive?.stop();
  await hiveMerging?.stop();
  await federation?.stop();
});

it('answers the contacts query (organization, a page of contacts, their self-service panels) exactly as the Apollo gateway does', async () => {
  const staff = await federation.staffToken();
  for (const variables of [
    { page: 1, size: 10, sort: 'FULL_NAME_ASC' },
    { page: 2, size: 3, sort: 'EMAIL_DESC' },
  ]) {
    const apollo = await federation.query(CONTACTS, variables, { token: staff });
    expect(apollo.errors).toBeUndefined();
    expect(apollo.data.organization.contacts.items.some((c: any) => c.selfService !== null)).toBe(true);
    expect(await federation.query(CONTACTS, variables, { token: staff, url: hive.url })).toEqual(apollo);
    expect(await federation.query(CONTACTS, variables, { token: staff, url: hiveMerging.url })).toEqual(apollo);
  }
});

it('forwards the token: without one, or as a contact of another organization, the subgraphs refuse as they do behind Apollo', async () => {
  const variables = { page: 1, size: 10, sort: 'FULL_NAME_ASC' };
  const anonymous = await federation.query(CONTACTS, variables, { url: hive.url });
  expect(anonymous.data?.organization ?? null).toBeNull();
  expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

  // An Administrator of 01001 asks for 42061's contacts.
  const outsider = (await signedInContact(federation, '01001', [ContactType.ADMINISTRATOR], 'outsider@hive.example'))
    .token;
  const apollo = await federation.query(CONTACTS, variables, { token: outsider });
  expect(apollo.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const viaHive = await federation.query(CONTACTS, variables, { token: outsider, url: hive.url });
  expect(viaHive.data).toEqual(apollo.data);
  expect(viaHive.errors?.map((e) => [e.path, e.extensions?.code])).toEqual(
    apollo.errors?.map((e) => [e.path, e.extensions?.code]),
  );
});
