import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

// The generator's plugins are ES modules that Node loads but jest's sandbox does not: run the
// real `check:codegen` command (built by `npm test`'s pretest) instead.
it('the committed client types are what the supergraph and operations generate (run `npm run codegen`)', () => {
  const output = execFileSync(process.execPath, [resolve(__dirname, '../tools/dist/codegen-cli.js'), '--check'], {
    encoding: 'utf8',
  });
  expect(output).toMatch(/is current/);
});
