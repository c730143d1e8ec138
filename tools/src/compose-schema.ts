import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSchemaFiles, SCHEMA_DIR, staleFiles } from './compose';

// `npm run schema:compose` writes schema/*.graphql; with --check it only fails when they are stale.
async function main() {
  const files = await composeSchemaFiles();
  const stale = staleFiles(files);
  if (process.argv.includes('--check')) {
    if (stale.length) {
      console.error(`Stale in schema/: ${stale.join(', ')}. Run \`npm run schema:compose\` and commit the result.`);
      process.exit(1);
    }
    console.log('schema/ is current.');
    return;
  }
  for (const file of stale) writeFileSync(join(SCHEMA_DIR, file), files[file]);
  console.log(stale.length ? `Wrote schema/${stale.join(', schema/')}` : 'schema/ is already current.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
