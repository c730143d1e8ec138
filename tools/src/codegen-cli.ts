import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { generateClientTypes, GENERATED } from './codegen';

// `npm run codegen` writes clients/typescript/generated.ts; `--check` fails when it is stale.
async function main() {
  const generated = await generateClientTypes();
  const current = existsSync(GENERATED) ? readFileSync(GENERATED, 'utf8') : '';
  if (process.argv.includes('--check')) {
    if (current !== generated) {
      console.error('clients/typescript/generated.ts is stale: run `npm run codegen` and commit it.');
      process.exit(1);
    }
    console.log('clients/typescript/generated.ts is current.');
    return;
  }
  if (current !== generated) writeFileSync(GENERATED, generated);
  console.log(current === generated ? 'Client types already current.' : 'Wrote clients/typescript/generated.ts');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
