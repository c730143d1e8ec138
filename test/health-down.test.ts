import { createServer, loadOrganizationConfig } from '@ecg/organization';
import { dropDatabase } from '@ecg/infrastructure';
import { uniqueDatabaseUrl } from './support/database';

it('GET /health says 503 when the database is gone, and the process keeps answering', async () => {
  const config = loadOrganizationConfig({
    HOST: '127.0.0.1',
    ORGANIZATION_PORT: '0',
    DATABASE_URL: uniqueDatabaseUrl('health'),
    LOG_LEVEL: 'silent',
  });
  const server = await createServer(config);
  try {
    const health = new URL('/health', server.url);
    expect((await fetch(health)).status).toBe(200);
    await server.dataSource.destroy();
    const down = await fetch(health);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ service: 'organization', status: 'unavailable', database: 'down' });
  } finally {
    await server.stop();
    await dropDatabase(config.database);
  }
});
