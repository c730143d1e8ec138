// A fresh suite log for every run: test/log-audit.test.ts greps it for secrets at the end.
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname, resolve } = require('node:path');

module.exports = async () => {
  const file = resolve(__dirname, '../../test-output/suite.log');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, '');
  // And the secrets the suite handles (test/support/secrets.ts), which the log audit looks for.
  writeFileSync(resolve(dirname(file), 'secrets.jsonl'), '');
};
