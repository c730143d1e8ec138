// Before every jest run:
// - a fresh suite log: test/log-audit.test.ts greps it for secrets at the end. `npm test`
//   (run-suite.js) runs several jest runs in a row and empties the files once, before the first:
//   it sets ECG_SUITE_LOG=keep so each run adds to what the earlier ones wrote.
// - the run's id, which names the migrated template databases the test files copy theirs from
//   (test/support/database-template.ts); the workers inherit it, global-teardown.js drops them.
const { randomBytes } = require('node:crypto');
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname, resolve } = require('node:path');

module.exports = async () => {
  process.env.ECG_TEST_RUN = `${process.pid}${randomBytes(2).toString('hex')}`;
  if (process.env.ECG_SUITE_LOG === 'keep') return;
  const file = resolve(__dirname, '../../test-output/suite.log');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, '');
  // And the secrets the suite handles (test/support/secrets.ts), which the log audit looks for.
  writeFileSync(resolve(dirname(file), 'secrets.jsonl'), '');
};
