// After every jest run: drop the run's migrated template databases (global-setup.js names them).
const { createConnection } = require('mysql2/promise');

module.exports = async () => {
  const run = process.env.ECG_TEST_RUN;
  if (!run) return;
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306');
  url.pathname = '/';
  const server = await createConnection(url.toString()).catch(() => null);
  if (!server) return; // no server, so no templates either
  try {
    const [rows] = await server.query(
      'SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE ?',
      [`ecgt\\_template\\_${run}\\_%`],
    );
    for (const { name } of rows) await server.query(`DROP DATABASE \`${name}\``);
  } finally {
    await server.end();
  }
};
