import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { recountContacts } from '@ecg/contact';
import { ContactType } from '@ecg/policy';
import { isRateLimitPurge, startFederation, type Federation } from './support/federation';
import { contactInput, createOrganization, organizationId, signedInContact } from './support/people';

// The Organization Contact Maintenance screen, through the gateway on MariaDB.
let federation: Federation;
let staff: string;
beforeAll(async () => {
  federation = await startFederation('maint');
  staff = await federation.staffToken();
});
afterAll(() => federation?.stop());

const asStaff = (query: string, variables?: Record<string, unknown>) =>
  federation.query(query, variables, { token: staff });

const FIELDS = `id version namePrefix firstName middleName lastName nameSuffix fullName gender primaryPhoneNumber primaryPhoneExtension
  secondaryPhoneNumber mobilePhoneNumber primaryEmail secondaryEmail jobTitle status contactTypes organization { code }`;
const CREATE = `mutation ($input: CreateContactInput!) { createContact(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $v: Int!, $input: ContactDetailsInput!) { updateContact(id: $id, expectedVersion: $v, input: $input) { ${FIELDS} } }`;
const READ = `query ($id: ID!) { contact(id: $id) { ${FIELDS} } }`;
const LIST = `query ($code: String!, $page: Int!, $sort: ContactSort, $search: String) {
  organization(code: $code) { contacts(page: $page, pageSize: 10, sort: $sort, search: $search) { totalCount page pageCount items { fullName } } } }`;

const EVERY_FIELD = {
  namePrefix: 'Dr.',
  firstName: '  Ada ',
  middleName: 'King',
  lastName: 'Lovelace',
  nameSuffix: 'III',
  gender: 'FEMALE',
  primaryPhoneNumber: '+1 (916) 555-0100',
  primaryPhoneExtension: '123',
  secondaryPhoneNumber: '916-555-0101',
  mobilePhoneNumber: '916.555.0102',
  primaryEmail: 'Ada.Lovelace@County.xorg',
  confirmPrimaryEmail: 'ada.lovelace@county.xorg',
  secondaryEmail: 'ada@home.example',
  jobTitle: 'Payroll Lead',
  status: 'ACTIVE',
  contactTypes: ['PAYROLL', 'ADMINISTRATOR'],
};

describe('create and update', () => {
  it('creates a contact with every field and two types, reads it back identical, and updates it', async () => {
    const created = await asStaff(CREATE, {
      input: { ...EVERY_FIELD, organizationId: await organizationId(federation, '42061') },
    });
    expect(created.errors).toBeUndefined();
    const contact = created.data.createContact;
    expect(contact).toMatchObject({
      firstName: 'Ada',
      fullName: 'Ada King Lovelace',
      primaryEmail: 'Ada.Lovelace@County.xorg',
      contactTypes: ['ADMINISTRATOR', 'PAYROLL'],
      organization: { code: '42061' },
      version: 1,
    });
    expect((await asStaff(READ, { id: contact.id })).data.contact).toEqual(contact);

    const updated = await asStaff(UPDATE, {
      id: contact.id,
      v: 1,
      input: { ...EVERY_FIELD, jobTitle: 'Payroll Manager', middleName: null, contactTypes: ['PAYROLL'] },
    });
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateContact).toMatchObject({
      jobTitle: 'Payroll Manager',
      middleName: null,
      fullName: 'Ada Lovelace',
      contactTypes: ['PAYROLL'],
      version: 2,
    });
    expect((await asStaff(READ, { id: contact.id })).data.contact).toEqual(updated.data.updateContact);

    const trail = await asStaff(
      `query ($id: ID!) { contact(id: $id) { auditTrail { totalCount items { action actorKind changes { field oldValue newValue } } } } }`,
      { id: contact.id },
    );
    expect(trail.data.contact.auditTrail.totalCount).toBe(2);
    expect(trail.data.contact.auditTrail.items[0]).toEqual({
      action: 'UPDATE',
      actorKind: 'STAFF',
      changes: [
        { field: 'middleName', oldValue: 'King', newValue: null },
        { field: 'jobTitle', oldValue: 'Payroll Lead', newValue: 'Payroll Manager' },
        { field: 'contactTypes', oldValue: 'ADMINISTRATOR, PAYROLL', newValue: 'PAYROLL' },
      ],
    });
  });

  it('answers bad input with one BAD_USER_INPUT naming every offending field, and saves nothing', async () => {
    const before = (await asStaff(LIST, { code: '42061', page: 1, search: 'Nobody' })).data.organization.contacts
      .totalCount;
    const { data, errors } = await asStaff(CREATE, {
      input: {
        ...contactInput('Nobody', '   ', 'nobody@county.xorg', [ContactType.READ_ONLY]),
        confirmPrimaryEmail: 'somebody@county.xorg',
        organizationId: await organizationId(federation, '42061'),
      },
    });
    expect(data).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidFields: [
        { field: 'input.lastName', message: 'is required' },
        { field: 'input.confirmPrimaryEmail', message: 'does not match the primary email address' },
      ],
    });
    expect(
      (await asStaff(LIST, { code: '42061', page: 1, search: 'Nobody' })).data.organization.contacts.totalCount,
    ).toBe(before);
  });

  it('checks emails, phone numbers, the extension and the contact types', async () => {
    const { errors } = await asStaff(CREATE, {
      input: {
        ...contactInput('Bad', 'Input', 'not-an-email', []),
        confirmPrimaryEmail: 'not-an-email',
        primaryPhoneNumber: 'call me',
        primaryPhoneExtension: 'x12',
        secondaryEmail: 'also@bad',
        organizationId: await organizationId(federation, '42061'),
      },
    });
    expect(errors![0].extensions?.invalidFields.map((f: any) => f.field).sort()).toEqual(
      [
        'input.contactTypes',
        'input.primaryEmail',
        'input.primaryPhoneExtension',
        'input.primaryPhoneNumber',
        'input.secondaryEmail',
      ].sort(),
    );
  });

  it('refuses an email another contact of the organization uses, in any case', async () => {
    const { errors } = await asStaff(CREATE, {
      input: {
        ...contactInput('Copy', 'Cat', 'GCONTACT@county.xorg', [ContactType.READ_ONLY]),
        organizationId: await organizationId(federation, '42061'),
      },
    });
    expect(errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      invalidFields: [{ field: 'input.primaryEmail' }],
    });
  });

  it('gives the second of two saves from the same version a CONFLICT instead of overwriting', async () => {
    const input = contactInput('Twice', 'Saved', 'twice@county.xorg', [ContactType.BENEFIT]);
    const { data } = await asStaff(CREATE, {
      input: { ...input, organizationId: await organizationId(federation, '42061') },
    });
    const id = data.createContact.id;
    const first = await asStaff(UPDATE, { id, v: 1, input: { ...input, jobTitle: 'First' } });
    const second = await asStaff(UPDATE, { id, v: 1, input: { ...input, jobTitle: 'Second' } });
    expect(first.errors).toBeUndefined();
    expect(second.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    expect((await asStaff(READ, { id })).data.contact.jobTitle).toBe('First');
  });
});

describe('the Contacts panel', () => {
  it('lists 25 contacts in pages of 10, with totals, sorted both ways', async () => {
    const org = await organizationId(federation, '01001');
    for (let i = 1; i <= 25; i++) {
      const n = String(i).padStart(2, '0');
      const { errors } = await asStaff(CREATE, {
        input: {
          ...contactInput(`Pager${n}`, 'Zed', `pager${n}@county.xorg`, [ContactType.READ_ONLY]),
          organizationId: org,
        },
      });
      expect(errors).toBeUndefined();
    }
    const names = async (sort: string) => {
      const pages = [];
      for (const page of [1, 2, 3])
        pages.push((await asStaff(LIST, { code: '01001', page, sort, search: 'pager' })).data.organization.contacts);
      expect(pages.map((p) => [p.totalCount, p.page, p.pageCount, p.items.length])).toEqual([
        [25, 1, 3, 10],
        [25, 2, 3, 10],
        [25, 3, 3, 5],
      ]);
      return pages.flatMap((p) => p.items.map((c: any) => c.fullName));
    };
    const ascending = await names('FULL_NAME_ASC');
    expect(ascending[0]).toBe('Pager01 Zed');
    expect(ascending[24]).toBe('Pager25 Zed');
    expect(await names('FULL_NAME_DESC')).toEqual([...ascending].reverse());
  });

  it('exports the whole filtered list as a real spreadsheet, through the gateway', async () => {
    // One of them registered: the sheet says so, in the Self Service panel's words.
    const pager24 = (await asStaff('{ organization(code: "01001") { contacts(search: "pager24") { items { id } } } }'))
      .data.organization.contacts.items[0].id as string;
    const detailed = await asStaff(
      `mutation ($id: ID!, $v: Int!, $input: ContactDetailsInput!) { updateContact(id: $id, expectedVersion: $v, input: $input) { id } }`,
      {
        id: pager24,
        v: (await asStaff('query ($id: ID!) { contact(id: $id) { version } }', { id: pager24 })).data.contact.version,
        input: {
          ...contactInput('Pager24', 'Zed', 'pager24@county.xorg', [ContactType.READ_ONLY, ContactType.PAYROLL]),
          middleName: 'Middle',
          namePrefix: 'Dr',
          nameSuffix: 'Jr',
          gender: 'NON_BINARY',
          primaryPhoneNumber: '555 0100 200',
          primaryPhoneExtension: '12',
          secondaryPhoneNumber: '555 0100 201',
          mobilePhoneNumber: '555 0100 202',
          secondaryEmail: 'other24@county.xorg',
          jobTitle: 'Payroll clerk',
          temporaryEmailReviewBy: '2030-01-31',
          directoryContact: 'desk 24',
        },
      },
    );
    expect(detailed.errors).toBeUndefined();
    expect((await asStaff('mutation ($id: ID!) { register(contactId: $id) { status } }', { id: pager24 })).errors).toBe(
      undefined,
    );

    const { data } = await asStaff(
      '{ organization(code: "01001") { contactsExport(search: "pager", sort: FULL_NAME_DESC) { url fileName } } }',
    );
    const response = await fetch(new URL(data.organization.contactsExport.url, federation.gatewayUrl), {
      headers: { authorization: `Bearer ${staff}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    // Named by organization and day (the display zone's, UTC here), in the link and the download alike.
    const day = new Date().toISOString().slice(0, 10);
    expect(data.organization.contactsExport.fileName).toBe(`contacts-01001-${day}.xlsx`);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="contacts-01001-${day}.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet('Contacts')!;
    const rows = sheet
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
    // The list's columns, the login's status, then every other field of Contact Details, as the form names them.
    expect(rows[0]).toEqual([
      'Full Name',
      'Status',
      'Email Address',
      'Contact Type',
      'Self Service Status',
      'First Name',
      'Middle Name',
      'Last Name',
      'Name Prefix',
      'Name Suffix',
      'Gender',
      'Primary Phone Number',
      'Primary Phone Extension',
      'Secondary Phone Number',
      'Mobile Phone Number',
      'Temporary address, review by',
      'Secondary Email Address',
      'Job Title',
      'Work phone or email for Find your administrator',
    ]);
    expect(rows).toHaveLength(26);
    expect(rows[1].slice(0, 5)).toEqual([
      'Pager25 Zed',
      'Active',
      'pager25@county.xorg',
      'Read Only',
      'Not registered',
    ]);
    expect(rows[2]).toEqual([
      'Pager24 Middle Zed',
      'Active',
      'pager24@county.xorg',
      'Payroll, Read Only',
      'Registration Pending',
      'Pager24',
      'Middle',
      'Zed',
      'Dr',
      'Jr',
      'Non-binary',
      '555 0100 200',
      '12',
      '555 0100 201',
      '555 0100 202',
      '2030-01-31',
      'other24@county.xorg',
      'Payroll clerk',
      'desk 24',
    ]);
    expect(rows[25][0]).toBe('Pager01 Zed');
    // The header row stays in view when scrolling, and filters every column.
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:S1');

    const refused = await fetch(new URL(data.organization.contactsExport.url, federation.gatewayUrl));
    expect(refused.status).toBe(401);
  });

  it('finds who has no email, and warns about it', async () => {
    const { data } = await asStaff(
      '{ organization(code: "42061") { warnings contactsMissingEmail { totalCount items { fullName } } } }',
    );
    expect(data.organization.contactsMissingEmail).toEqual({ totalCount: 1, items: [{ fullName: 'Gisela Villa' }] });
    expect(data.organization.warnings).toContain('CONTACTS_WITHOUT_EMAIL');
  });
});

describe('never fewer administrators than safe', () => {
  it('lets the first of two administrators go, warns, and refuses to lose the last', async () => {
    const org = await createOrganization(federation, '90001');
    const admins = [];
    for (const name of ['First', 'Second']) {
      const { data } = await asStaff(CREATE, {
        input: {
          ...contactInput(name, 'Admin', `${name.toLowerCase()}@admins.example`, [ContactType.ADMINISTRATOR]),
          organizationId: org,
        },
      });
      admins.push({
        id: data.createContact.id,
        input: contactInput(name, 'Admin', `${name.toLowerCase()}@admins.example`, [ContactType.ADMINISTRATOR]),
      });
    }
    const HEALTH = '{ organization(code: "90001") { administratorCount warnings } }';
    expect((await asStaff(HEALTH)).data.organization).toEqual({ administratorCount: 2, warnings: [] });

    const demoted = await asStaff(UPDATE, {
      id: admins[0].id,
      v: 1,
      input: { ...admins[0].input, contactTypes: ['PAYROLL'] },
    });
    expect(demoted.errors).toBeUndefined();
    expect((await asStaff(HEALTH)).data.organization).toEqual({
      administratorCount: 1,
      warnings: ['FEWER_THAN_TWO_ADMINISTRATORS'],
    });

    const lastRemoved = await asStaff(UPDATE, {
      id: admins[1].id,
      v: 1,
      input: { ...admins[1].input, contactTypes: ['PAYROLL'] },
    });
    expect(lastRemoved.errors?.[0].extensions?.code).toBe('LAST_ADMINISTRATOR');
    const lastInactive = await asStaff(UPDATE, {
      id: admins[1].id,
      v: 1,
      input: { ...admins[1].input, status: 'INACTIVE' },
    });
    expect(lastInactive.errors?.[0].extensions?.code).toBe('LAST_ADMINISTRATOR');
    expect((await asStaff(HEALTH)).data.organization.administratorCount).toBe(1);
  });
});

describe('mass email upload', () => {
  const IMPORT =
    'mutation ($org: ID!, $csv: String!, $dry: Boolean) { importContactEmails(organization: $org, csv: $csv, dryRun: $dry) { dryRun applied rejected rows { line contact newEmail outcome message } } }';
  const emailOf = async (code: string, search: string) =>
    (
      await asStaff(`{ organization(code: "${code}") { contacts(search: "${search}") { items { primaryEmail } } } }`)
    ).data.organization.contacts.items.map((c: any) => c.primaryEmail);

  it('reports a bad row on a dry run and changes nothing; the real run applies the good rows', async () => {
    const org = await organizationId(federation, '42061');
    const csv =
      'contact,email\ncococontact@county.xorg,coco.new@county.xorg\nnobody@nowhere.example,x@county.xorg\nbcontact@county.xorg,bruno.new@county.xorg\n';
    const dry = await asStaff(IMPORT, { org, csv, dry: true });
    expect(dry.errors).toBeUndefined();
    expect(dry.data.importContactEmails).toMatchObject({ dryRun: true, applied: 2, rejected: 1 });
    expect(dry.data.importContactEmails.rows.map((r: any) => [r.line, r.outcome])).toEqual([
      [2, 'WOULD_UPDATE'],
      [3, 'REJECTED'],
      [4, 'WOULD_UPDATE'],
    ]);
    expect(await emailOf('42061', 'Coco')).toEqual(['cococontact@county.xorg']);

    const real = await asStaff(IMPORT, { org, csv });
    expect(real.data.importContactEmails.rows.map((r: any) => r.outcome)).toEqual(['UPDATED', 'REJECTED', 'UPDATED']);
    expect(real.data.importContactEmails.rows[1].message).toMatch(/no contact/);
    expect(await emailOf('42061', 'Coco')).toEqual(['coco.new@county.xorg']);
    expect(await emailOf('42061', 'Bruno')).toEqual(['bruno.new@county.xorg']);
  });

  it('refuses a malformed file with a clear error and changes nothing', async () => {
    const org = await organizationId(federation, '42061');
    for (const csv of ['contact,email\n"unterminated,x@y.example\n', 'who,what\na,b\n']) {
      const { errors } = await asStaff(IMPORT, { org, csv });
      expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', invalidFields: [{ field: 'csv' }] });
    }
  });
});

describe('the total of an unfiltered list', () => {
  // It comes from a per-organization counter kept in the contact's own transaction, not from
  // counting the organization's rows on every page: it must never drift from the table.
  const TOTALS = `query ($code: String!) { organization(code: $code) {
    all: contacts(pageSize: 1) { totalCount } active: contacts(pageSize: 1, status: ACTIVE) { totalCount } } }`;

  it('counts each of 12 contacts created at once, not a refused one, and agrees with the table', async () => {
    const org = await createOrganization(federation, '90160');
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        asStaff(CREATE, {
          input: {
            ...contactInput(`Counted${i}`, 'Row', `counted${i}@count.example`, [ContactType.PAYROLL]),
            organizationId: org,
          },
        }),
      ),
    );
    expect(created.map((r) => r.errors)).toEqual(Array(12).fill(undefined));
    const refused = await asStaff(CREATE, {
      input: { ...contactInput('Again', 'Row', 'counted0@count.example', [ContactType.PAYROLL]), organizationId: org },
    });
    expect(refused.errors?.[0].extensions?.code).toBeDefined();

    const { data } = await asStaff(TOTALS, { code: '90160' });
    expect(data.organization).toEqual({ all: { totalCount: 12 }, active: { totalCount: 12 } });
    const [row] = await federation.subgraphs.contact.dataSource.query(
      'SELECT COUNT(*) AS n FROM contact WHERE organizationId = ?',
      [org],
    );
    expect(Number(row.n)).toBe(12);
  });

  it('is 0 for an organization with no contacts yet', async () => {
    await createOrganization(federation, '90161');
    expect((await asStaff(TOTALS, { code: '90161' })).data.organization).toEqual({
      all: { totalCount: 0 },
      active: { totalCount: 0 },
    });
  });
});

describe('the cost of a page', () => {
  it('is the same number of SQL statements for 10 rows as for 100', async () => {
    // 150 contacts, so that both page sizes need the total counted.
    const org = await createOrganization(federation, '90150');
    const dataSource = federation.subgraphs.contact.dataSource;
    const ids = Array.from({ length: 150 }, () => randomUUID());
    await dataSource.query(
      `INSERT INTO contact (id, organizationId, firstName, lastName, fullName, primaryEmail, status, version) VALUES ${ids.map(() => '(?, ?, ?, ?, ?, ?, ?, 1)').join(', ')}`,
      ids.flatMap((id, i) => [id, org, `Bulk${i}`, 'Row', `Bulk${i} Row`, `bulk${i}@bulk.example`, 'ACTIVE']),
    );
    await dataSource.query(
      `INSERT INTO contact_type (contactId, contactType) VALUES ${ids.map(() => "(?, 'PAYROLL')").join(', ')}`,
      ids,
    );
    await recountContacts(dataSource, [org]);
    const statements: string[] = [];
    const logger = dataSource.logger;
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, runner) => {
      if (!isRateLimitPurge(query)) statements.push(query);
      original(query, parameters, runner);
    };
    const count = async (pageSize: number) => {
      statements.length = 0;
      const { data, errors } = await asStaff(
        `{ organization(code: "90150") { contacts(pageSize: ${pageSize}) { totalCount items { fullName contactTypes organization { code } } } } }`,
      );
      expect([errors, data.organization.contacts.items.length]).toEqual([undefined, pageSize]);
      expect(errors).toBeUndefined();
      return statements.length;
    };
    try {
      const [ten, hundred] = [await count(10), await count(100)];
      expect(ten).toBeGreaterThan(0);
      expect(hundred).toBe(ten);
    } finally {
      logger.logQuery = original;
    }
  });
  it('reads only the columns the page asks for, and every field still answers as contact(id) does', async () => {
    const email = `columns.${randomUUID().slice(0, 8)}@county.xorg`;
    const created = await asStaff(CREATE, {
      input: {
        ...EVERY_FIELD,
        primaryEmail: email,
        confirmPrimaryEmail: email,
        organizationId: await organizationId(federation, '42061'),
      },
    });
    expect(created.errors).toBeUndefined();
    const contact = created.data.createContact;
    const dataSource = federation.subgraphs.contact.dataSource;
    const statements: string[] = [];
    const logger = dataSource.logger;
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, runner) => {
      statements.push(query);
      original(query, parameters, runner);
    };
    // The statement that reads the page's rows (after the ids and the count).
    const rowRead = () =>
      statements.find((sql) => /FROM `contact`/.test(sql) && /\bIN \(/.test(sql) && !/COUNT/.test(sql)) ?? '';
    const page = (items: string) =>
      asStaff(
        `query ($search: String) { organization(code: "42061") { contacts(search: $search, pageSize: 10) { items { ${items} } } } }`,
        { search: email },
      );
    try {
      statements.length = 0;
      const narrow = await page('fullName ... on Contact { jobTitle } contactTypes');
      expect(narrow.errors).toBeUndefined();
      expect(narrow.data.organization.contacts.items).toEqual([
        { fullName: contact.fullName, jobTitle: contact.jobTitle, contactTypes: contact.contactTypes },
      ]);
      expect(rowRead()).toMatch(/fullName/);
      expect(rowRead()).toMatch(/jobTitle/);
      expect(rowRead()).not.toMatch(/secondaryEmail|mobilePhoneNumber|namePrefix/);

      statements.length = 0;
      const wide = await page(FIELDS);
      expect(wide.errors).toBeUndefined();
      expect(wide.data.organization.contacts.items).toEqual([contact]);
      expect(rowRead()).toMatch(/secondaryEmail/);
    } finally {
      logger.logQuery = original;
    }
  });
});

describe('organization details and address', () => {
  const UPDATE_ORG = `mutation ($id: ID!, $v: Int!, $input: OrganizationInput!) { updateOrganization(id: $id, expectedVersion: $v, input: $input) { version name automaticInternetAccess address { city } } }`;
  const current = async (code: string) =>
    (
      await asStaff(
        `{ organization(code: "${code}") { id version name organizationType automaticInternetAccess address { line1 line2 city state postalCode country } } }`,
      )
    ).data.organization;
  const inputOf = ({ name, organizationType, automaticInternetAccess, address }: any) => ({
    name,
    organizationType,
    automaticInternetAccess,
    address,
  });

  it("are saved by the organization's Administrators and staff, nobody else", async () => {
    const admin = await signedInContact(federation, '42061', [ContactType.ADMINISTRATOR], 'org-admin@42061.example');
    const benefit = await signedInContact(federation, '42061', [ContactType.BENEFIT], 'org-benefit@42061.example');
    const outsider = await signedInContact(federation, '01001', [ContactType.ADMINISTRATOR], 'org-admin@01001.example');
    const org = await current('42061');
    const switchedOff = {
      ...inputOf(org),
      automaticInternetAccess: false,
      address: { ...org.address, city: 'Goleta' },
    };

    for (const who of [benefit, outsider]) {
      const refused = await federation.query(
        UPDATE_ORG,
        { id: org.id, v: org.version, input: switchedOff },
        { token: who.token },
      );
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const saved = await federation.query(
      UPDATE_ORG,
      { id: org.id, v: org.version, input: switchedOff },
      { token: admin.token },
    );
    expect(saved.errors).toBeUndefined();
    expect(saved.data.updateOrganization).toMatchObject({
      version: org.version + 1,
      automaticInternetAccess: false,
      address: { city: 'Goleta' },
    });

    const stale = await asStaff(UPDATE_ORG, { id: org.id, v: org.version, input: inputOf(org) });
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
    const restored = await asStaff(UPDATE_ORG, { id: org.id, v: org.version + 1, input: inputOf(org) });
    expect(restored.data.updateOrganization).toMatchObject({
      automaticInternetAccess: true,
      address: { city: org.address.city },
    });
  });
});
