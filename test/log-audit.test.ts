import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TEST_STAFF } from './support/federation';
import { PASSWORD } from './support/people';

// Issue 7: runs last (test/support/sequencer.js) and reads what every service of the whole suite
// logged: no password, temporary password, token, hash or key may be in it.
it('the logs of the whole suite hold no secret', () => {
  const logs = readFileSync(resolve(__dirname, '../test-output/suite.log'), 'utf8');
  // Run with the rest of the suite: alone, there is nothing to read.
  expect(logs.split('\n').filter((line) => line.includes('"msg":"operation"')).length).toBeGreaterThan(100);
  const leaks = [
    [/eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]*/, 'an access token'],
    [/\$scrypt\$/, 'a password hash'],
    [/PRIVATE KEY/, 'a signing key'],
    [/Temporary password: /, 'a temporary password mail'],
    [/token=[\w-]{20,}/, 'a one-time link'],
    [new RegExp(PASSWORD), 'the fixtures\' password'],
    [new RegExp(TEST_STAFF.password), 'the staff password'],
    [/"(password|newPassword|currentPassword|refreshToken)":"[^"[]/, 'a credential argument'],
  ] as const;
  expect(leaks.filter(([pattern]) => (pattern as RegExp).test(logs)).map(([, what]) => what)).toEqual([]);
});
