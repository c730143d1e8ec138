import { loadSubgraphConfig } from './subgraph-config';

// Subgraphs are named by their own code: the package knows none of them.
const contact = { name: 'contact', defaultPort: 4002 };
const organization = { name: 'organization', defaultPort: 4001 };
const credential = { name: 'credential', defaultPort: 4003 };

describe('subgraph configuration', () => {
  it('uses the embedded SQLite default under ./data when no database is configured', () => {
    const config = loadSubgraphConfig(contact, {});
    expect(config).toMatchObject({
      name: 'contact',
      port: 4002,
      database: { kind: 'sqlite', file: './data/contact.sqlite' },
      demoData: true,
    });
  });

  it('gives each subgraph its own database on the DATABASE_URL server', () => {
    const env = { DATABASE_URL: 'mysql://app:secret@db:3306/ecg' };
    expect(loadSubgraphConfig(organization, env).database).toEqual({
      kind: 'mysql',
      url: 'mysql://app:secret@db:3306/ecg_organization',
      database: 'ecg_organization',
    });
    expect(loadSubgraphConfig(credential, env).database).toMatchObject({ database: 'ecg_credential' });
  });

  it('lets a subgraph have its own URL (one least-privileged user per database)', () => {
    const config = loadSubgraphConfig(credential, {
      DATABASE_URL: 'mysql://root@db/ecg',
      CREDENTIAL_DATABASE_URL: 'mysql://cred:pw@db:3306/credentials',
    });
    expect(config.database).toEqual({
      kind: 'mysql',
      url: 'mysql://cred:pw@db:3306/credentials',
      database: 'credentials',
    });
  });

  it('fails fast, naming each bad variable', () => {
    expect(() => loadSubgraphConfig(contact, { DATABASE_URL: 'postgres://x@y/z', CONTACT_PORT: 'eighty' })).toThrow(
      /Invalid configuration:\n\s+DATABASE_URL: must be a mysql:\/\/ URL\n\s+CONTACT_PORT: /,
    );
    expect(() => loadSubgraphConfig(contact, { DEMO_DATA: 'maybe' })).toThrow(/Invalid configuration/);
  });

  it('keeps demonstration data out of production unless asked for', () => {
    expect(loadSubgraphConfig(contact, { NODE_ENV: 'production' }).demoData).toBe(false);
    expect(loadSubgraphConfig(contact, { NODE_ENV: 'production', DEMO_DATA: 'true' }).demoData).toBe(true);
  });
});
