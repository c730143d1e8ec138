import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCS_ROOT, generatedDocs, staleDocs } from './docs';

// `npm run docs` writes the generated documentation (docs/errors.md, docs/configuration.md,
// .env.example) and the clients' copies of the error registry; `--check` only fails when one is stale.
function main() {
  const files = generatedDocs();
  const stale = staleDocs(files);
  if (process.argv.includes('--check')) {
    if (stale.length) {
      console.error(`Stale: ${stale.join(', ')}. Run \`npm run docs\` and commit the result.`);
      process.exit(1);
    }
    console.log('Generated documentation is current.');
    return;
  }
  for (const path of stale) writeFileSync(join(DOCS_ROOT, path), files[path]);
  console.log(stale.length ? `Wrote ${stale.join(', ')}` : 'Generated documentation is already current.');
}

try {
  main();
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
