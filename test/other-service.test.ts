/**
 * @ecg-sources it declares type-graphql types, whose `String` and `ID` must be those of the
 * type-graphql it builds them with (test/support/node-environment.js)
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { createServer as createGateway, loadGatewayConfig } from '@ecg/gateway';
import { allow, can, ContactType } from '@ecg/policy';
import {
  buildModuleSchema,
  loadSubgraphConfig,
  mergeModules,
  startSubgraph,
  type RunningServer,
  type SubgraphModule,
} from '@ecg/infrastructure';
import { SUBGRAPH_NAMES } from '@ecg/tools';
import { startFederation, type Federation } from './support/federation';
import { signedInContact } from './support/people';

// A fourth service joins the federation. It verifies tokens with the published JWKS and
// guards its fields with the same matrix-derived rules, imported from @ecg/policy, not copied.
@ObjectType({ description: 'A document of an organization ("View and upload documents").' })
class OrganizationDocument {
  @Field(() => String) title: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Organization')
class DocumentsOrganization {
  @Field(() => ID) id: string;
}

@Resolver(() => DocumentsOrganization)
class DocumentsResolver {
  @FieldResolver(() => [OrganizationDocument])
  documents(@Root() organization: DocumentsOrganization): OrganizationDocument[] {
    return [{ title: `Contribution report for ${organization.id.slice(0, 8)}` }];
  }
}

// Everything the newcomer contributes, as one module: its resolvers, the entity it extends, the
// reference resolver, and the rules beside them, derived from the shared matrix.
const documentsModule: SubgraphModule = {
  name: 'documents',
  resolvers: [DocumentsResolver],
  orphanedTypes: [DocumentsOrganization],
  references: {
    Organization: { __resolveReference: (ref: { id: string }) => Object.assign(new DocumentsOrganization(), ref) },
  },
  rules: {
    Organization: {
      id: allow,
      documents: can('DOCUMENTS', 'READ', (organization: DocumentsOrganization) => organization.id, 'organization'),
    },
    OrganizationDocument: allow,
  },
};

let federation: Federation;
let documents: RunningServer;
let gateway: { url: string; stop(): Promise<void> };

beforeAll(async () => {
  federation = await startFederation('fourth');
  const jwks = new URL('/.well-known/jwks.json', federation.subgraphs.credential.url).toString();
  const config = loadSubgraphConfig(
    { name: 'documents', defaultPort: 4005 },
    {
      HOST: '127.0.0.1',
      DOCUMENTS_PORT: '0',
      JWKS_URL: jwks,
      LOG_LEVEL: 'silent',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'docs-')),
    },
  );
  documents = await startSubgraph({ modules: [documentsModule] }, config);

  // Compose the committed subgraphs with the newcomer, and put a gateway in front.
  const committed = SUBGRAPH_NAMES.map((name) => ({
    name,
    typeDefs: parse(readFileSync(resolve(__dirname, `../schema/${name}.graphql`), 'utf8')),
    url: federation.subgraphs[name].url,
  }));
  const composed = composeServices([
    ...committed,
    {
      name: 'documents',
      typeDefs: parse(printSubgraphSchema(await buildModuleSchema(mergeModules([documentsModule])))),
      url: documents.url,
    },
  ]);
  expect(composed.errors).toBeUndefined();
  const supergraph = join(mkdtempSync(join(tmpdir(), 'supergraph-')), 'supergraph.graphql');
  writeFileSync(supergraph, composed.supergraphSdl!);
  gateway = await createGateway(
    loadGatewayConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      SUPERGRAPH_PATH: supergraph,
      JWKS_URL: jwks,
      ORGANIZATION_URL: federation.subgraphs.organization.url,
      CONTACT_URL: federation.subgraphs.contact.url,
      CREDENTIAL_URL: federation.subgraphs.credential.url,
    }),
  );
});
afterAll(async () => {
  await gateway?.stop();
  await documents?.stop();
  await federation?.stop();
});

const DOCUMENTS = 'query ($c: String!) { organization(code: $c) { name documents { title } } }';

it("lets a Payroll contact read its organization's documents", async () => {
  const payroll = await signedInContact(federation, '42061', [ContactType.PAYROLL], 'docs-payroll@county.xorg');
  const { data, errors } = await federation.query(
    DOCUMENTS,
    { c: '42061' },
    { url: gateway.url, token: payroll.token },
  );
  expect(errors).toBeUndefined();
  expect(data.organization.documents).toEqual([{ title: expect.stringMatching(/^Contribution report/) }]);
  const elsewhere = await federation.query(DOCUMENTS, { c: '01001' }, { url: gateway.url, token: payroll.token });
  expect(elsewhere.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
});

it('refuses a contact whose type has NONE on "View and upload documents"', async () => {
  const resetOnly = await signedInContact(
    federation,
    '42061',
    [ContactType.PASSWORD_RESET_ONLY],
    'docs-reset@county.xorg',
  );
  const { data, errors } = await federation.query(
    'query ($c: String!) { organization(code: $c) { documents { title } } }',
    { c: '42061' },
    { url: gateway.url, token: resetOnly.token },
  );
  expect(data?.organization?.documents ?? null).toBeNull();
  expect(errors?.[0].extensions?.code).toBe('FORBIDDEN');
});

it('refuses a forged token at its own door', async () => {
  const response = await fetch(documents.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
    body: JSON.stringify({
      query: `{ _entities(representations: [{ __typename: "Organization", id: "x" }]) { ... on Organization { documents { title } } } }`,
    }),
  });
  expect((await response.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
});
