// A fresh suite log for every run: test/log-audit.test.ts greps it for secrets at the end.
// `npm test` (run-suite.js) runs several jest runs in a row and empties the files once, before
// the first: it sets ECG_SUITE_LOG=keep so each run adds to what the earlier ones wrote.
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname, resolve } = require('node:path');

module.exports = async () => {
  if (process.env.ECG_SUITE_LOG === 'keep') return;
  const file = resolve(__dirname, '../../test-output/suite.log');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, '');
  // And the secrets the suite handles (test/support/secrets.ts), which the log audit looks for.
  writeFileSync(resolve(dirname(file), 'secrets.jsonl'), '');
};
