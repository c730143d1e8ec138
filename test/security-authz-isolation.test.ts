import { randomUUID } from 'node:crypto';
import { ContactType } from '@ecg/policy';
import { demoContactId, demoOrganizationId } from '@ecg/demo-data';
import { startFederation, type Federation } from './support/federation';
import { contactInput, signedInContact } from './support/people';

// The audit's findings 9, 13 and 15 (docs/security.md): nothing tells one organization what exists in another, straight
// to a subgraph included; no text with control characters is stored; no contact without an organization.
let federation: Federation;
let admin42061: { id: string; token: string };
beforeAll(async () => {
  federation = await startFederation('isolation');
  admin42061 = await signedInContact(federation, '42061', [ContactType.ADMINISTRATOR], 'isolation-admin@42061.example');
});
afterAll(() => federation?.stop());

const asStaff = async (query: string, variables: Record<string, unknown> = {}) =>
  federation.query(query, variables, { token: await federation.staffToken() });
/** What a caller learns from an answer: its data and its error codes, nothing else. */
const learned = (response: { data?: unknown; errors?: { extensions?: Record<string, any> }[] }) => ({
  data: response.data ?? null,
  codes: (response.errors ?? []).map((e) => e.extensions?.code),
});

describe('item 9: Contact fields of the credential subgraph through _entities, straight to the subgraph', () => {
  const panel = (id: string) =>
    federation.query(
      `{ _entities(representations: [{ __typename: "Contact", id: "${id}" }]) { ... on Contact { id selfServiceActions selfService { status userName } } } }`,
      {},
      {
        token: admin42061.token,
        url: federation.subgraphs.credential.url,
      },
    );

  it('answer a 42061 contact about a 01001 contact exactly as about an id that does not exist: no login, no lock', async () => {
    const bella = demoContactId('bella'); // 01001, registered: locked here, to have a state worth hiding
    await federation.subgraphs.credential.dataSource.query(
      "UPDATE self_service_account SET status = 'LOCKED' WHERE contactId = ?",
      [bella],
    );
    const random = randomUUID();
    const [foreign, unknown] = [learned(await panel(bella)), learned(await panel(random))];
    expect(JSON.stringify(foreign).replace(bella, 'ID')).toBe(JSON.stringify(unknown).replace(random, 'ID'));
    expect(JSON.stringify(foreign)).not.toMatch(/LOCKED|UNLOCK|bellacontact/);
  });

  it("still show the panel of a contact of the caller's own organization", async () => {
    const own = learned(await panel(demoContactId('contact-test')));
    expect(own.codes).toEqual([]);
    expect((own.data as any)._entities[0].selfService.status).toBe('REGISTRATION_PENDING');
  });
});

describe("item 15: contact(id) of another organization's contact", () => {
  const ask = (id: string, url?: string) =>
    federation.query(
      'query ($id: ID!) { contact(id: $id) { __typename fullName } }',
      { id },
      { token: admin42061.token, url },
    );

  it('answers exactly as an id that does not exist, through the gateway and straight to the contact subgraph', async () => {
    for (const url of [undefined, federation.subgraphs.contact.url]) {
      const foreign = learned(await ask(demoContactId('anthony'), url));
      expect(foreign).toEqual(learned(await ask(randomUUID(), url)));
      expect(foreign.data).toEqual({ contact: null });
    }
    const entities = (id: string) =>
      federation.query(
        `{ _entities(representations: [{ __typename: "Contact", id: "${id}" }]) { __typename ... on Contact { fullName } } }`,
        {},
        { token: admin42061.token, url: federation.subgraphs.contact.url },
      );
    expect(learned(await entities(demoContactId('anthony')))).toEqual(learned(await entities(randomUUID())));
    // The caller's own organization is unaffected.
    expect((await ask(demoContactId('coco'))).data.contact.fullName).toBe('Coco Contact');
  });
});

describe('item 13: control characters and orphans', () => {
  const CREATE = 'mutation ($input: CreateContactInput!) { createContact(input: $input) { id firstName } }';
  const contactCount = async () =>
    Number((await federation.subgraphs.contact.dataSource.query('SELECT COUNT(*) AS n FROM contact'))[0].n);
  const input = (overrides: Record<string, unknown>) => ({
    ...contactInput('Plain', 'Person', 'plain.person@42061.example', [ContactType.READ_ONLY]),
    organizationId: demoOrganizationId('42061'),
    ...overrides,
  });

  const CONTROLS: [string, string][] = [
    ['NUL', '\u0000'],
    ['CR', '\r'],
    ['LF', '\n'],
    ['ESC', '\u001b'],
    ['DEL', '\u007f'],
    ['C1 NEL', '\u0085'],
    ['C1 CSI', '\u009b'],
    ['bidi override RLO', '\u202e'],
    ['bidi embedding LRE', '\u202a'],
    ['bidi isolate RLI', '\u2067'],
    ['bidi isolate PDI', '\u2069'],
  ];

  it.each(CONTROLS)(
    '%s in a name or another text field of a contact: BAD_USER_INPUT naming the field, nothing stored',
    async (_label, ch) => {
      const before = await contactCount();
      for (const [field, value] of [
        ['firstName', `Mal${ch}lory`],
        ['lastName', `${ch}Person`],
        ['jobTitle', `Clerk${ch}`],
        ['middleName', ch + 'x'],
      ] as const) {
        const { data, errors } = await asStaff(CREATE, { input: input({ [field]: value }) });
        expect(data?.createContact ?? null).toBeNull();
        expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        expect(errors?.[0].extensions?.invalidFields.map((f: any) => f.field)).toContain(`input.${field}`);
      }
      const update = await asStaff(
        'mutation ($id: ID!, $input: ContactDetailsInput!) { updateContact(id: $id, expectedVersion: 1, input: $input) { id } }',
        {
          id: demoContactId('coco'),
          input: { ...contactInput('Coco', `Con${ch}tact`, 'cococontact@county.xorg', [ContactType.ADMINISTRATOR]) },
        },
      );
      expect(update.errors?.[0].extensions?.invalidFields.map((f: any) => f.field)).toEqual(['input.lastName']);
      expect(await contactCount()).toBe(before);
    },
  );

  it('CR/LF in an organization name: BAD_USER_INPUT naming the field, nothing stored', async () => {
    const { data } = await asStaff(
      '{ organization(code: "42061") { id version name organizationType automaticInternetAccess address { line1 line2 city state postalCode country } } }',
    );
    const org = data.organization;
    const { name, organizationType, automaticInternetAccess, address } = org;
    for (const bad of [`${name}\r\nX-Injected: yes`, `${name}\n`, `\u202e${name}`]) {
      const result = await asStaff(
        'mutation ($id: ID!, $v: Int!, $input: OrganizationInput!) { updateOrganization(id: $id, expectedVersion: $v, input: $input) { name } }',
        {
          id: org.id,
          v: org.version,
          input: { name: bad, organizationType, automaticInternetAccess, address },
        },
      );
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].extensions?.invalidFields.map((f: any) => f.field)).toEqual(['input.name']);
    }
    expect((await asStaff('{ organization(code: "42061") { name version } }')).data.organization).toEqual({
      name,
      version: org.version,
    });
  });

  it('leaves line breaks where a file is expected (the CSV of a mass email upload) and ordinary accents and scripts alone', async () => {
    const csv = `contact,email\r\n${demoContactId('coco')},coco.new@county.xorg\n`;
    const imported = await asStaff(
      'mutation ($o: ID!, $csv: String!) { importContactEmails(organization: $o, csv: $csv, dryRun: true) { applied rejected } }',
      { o: demoOrganizationId('42061'), csv },
    );
    expect(imported.errors).toBeUndefined();
    expect(imported.data.importContactEmails).toEqual({ applied: 1, rejected: 0 });
    const created = await asStaff(CREATE, {
      input: input({
        firstName: 'Zoë Ångström-Nuñez',
        lastName: 'أحمد 山田',
        primaryEmail: 'zoe@42061.example',
        confirmPrimaryEmail: 'zoe@42061.example',
      }),
    });
    expect(created.errors).toBeUndefined();
    expect(created.data.createContact.firstName).toBe('Zoë Ångström-Nuñez');
  });

  it('a contact in an organization that does not exist: BAD_USER_INPUT on organizationId, nothing stored', async () => {
    const before = await contactCount();
    const { data, errors } = await asStaff(CREATE, {
      input: input({
        organizationId: randomUUID(),
        primaryEmail: 'orphan@nowhere.example',
        confirmPrimaryEmail: 'orphan@nowhere.example',
      }),
    });
    expect(data?.createContact ?? null).toBeNull();
    expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0].extensions?.invalidFields).toEqual([
      { field: 'input.organizationId', message: expect.stringMatching(/organization/) },
    ]);
    expect(await contactCount()).toBe(before);
  });
});
