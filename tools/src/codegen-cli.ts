import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { CLIENTS, generateClientTypes, shown } from './codegen';

// `npm run codegen` writes each client's generated.ts; `--check` fails when one is stale.
async function main() {
  const check = process.argv.includes('--check');
  let stale = false;
  for (const client of CLIENTS) {
    const generated = await generateClientTypes(client);
    const current = existsSync(client.generated) ? readFileSync(client.generated, 'utf8') : '';
    const name = shown(client.generated);
    if (check) {
      if (current === generated) console.log(`${name} is current.`);
      else {
        console.error(`${name} is stale: run \`npm run codegen\` and commit it.`);
        stale = true;
      }
      continue;
    }
    if (current !== generated) writeFileSync(client.generated, generated);
    console.log(current === generated ? `${name} already current.` : `Wrote ${name}`);
  }
  if (stale) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
