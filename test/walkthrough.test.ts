import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startLocalFederation, type LocalFederation } from '@ecg/tools';

// The README's walkthrough, run as written: its GraphQL and JSON blocks, in order,
// against the federation on the embedded SQLite default (what `npm start` runs).
const README = readFileSync(resolve(__dirname, '../README.md'), 'utf8');
const section = README.slice(
  README.indexOf('## Walkthrough'),
  README.indexOf('\n## ', README.indexOf('## Walkthrough') + 5),
);
const blocks = [...section.matchAll(/```(graphql|json)\n([\s\S]*?)```/g)].map(([, lang, body]) => ({ lang, body }));
/** Each GraphQL block with the JSON variables block right after it, if any. */
const steps = blocks.flatMap((b, i) =>
  b.lang === 'graphql'
    ? [{ query: b.body, variables: blocks[i + 1]?.lang === 'json' ? JSON.parse(blocks[i + 1].body) : {} }]
    : [],
);

let federation: LocalFederation;
const dataDir = mkdtempSync(join(tmpdir(), 'walkthrough-'));

beforeAll(async () => {
  federation = await startLocalFederation({
    DATA_DIR: dataDir,
    DEMO_DATA: 'true',
    LOG_LEVEL: process.env.LOG_LEVEL,
    LOG_DESTINATION: process.env.LOG_DESTINATION,
  });
});
afterAll(() => federation?.stop());

async function run(
  step: { query: string; variables: Record<string, unknown> },
  replace: Record<string, string> = {},
  token?: string,
) {
  const variables = JSON.parse(
    Object.entries(replace).reduce((json, [k, v]) => json.replaceAll(k, v), JSON.stringify(step.variables)),
  );
  const response = await fetch(federation.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: step.query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

it('the README walkthrough works, step by step', async () => {
  expect(steps.map((s) => /(mutation|query) (\w+)/.exec(s.query)![2])).toEqual([
    'SignIn',
    'Contacts',
    'Register',
    'ChangePassword',
  ]);
  const [signIn, contacts, register, changePassword] = steps;

  // 1. GraphiQL for a browser.
  expect(await (await fetch(federation.gatewayUrl, { headers: { accept: 'text/html' } })).text()).toMatch(/GraphiQL/);
  // 2. The seeded staff user.
  const staff = (await run(signIn)).login.accessToken;
  // 3. 42061's contacts.
  const coco = (await run(contacts, {}, staff)).organization.contacts.items[0];
  expect(coco).toMatchObject({ fullName: 'Coco Contact', selfServiceActions: ['REGISTER'] });
  // 4. Register.
  expect((await run(register, { '<id of Coco Contact>': coco.id }, staff)).register.status).toBe(
    'REGISTRATION_PENDING',
  );
  // 5. The mail, in ./data/mail/.
  let mail = '';
  for (let i = 0; i < 50 && !mail; i++) {
    const files = existsSync(join(dataDir, 'mail'))
      ? readdirSync(join(dataDir, 'mail'), { withFileTypes: true }).filter((f) => f.isFile())
      : [];
    mail =
      files
        .map((f) => readFileSync(join(dataDir, 'mail', f.name), 'utf8'))
        .find((m) => m.includes('To: cococontact@county.xorg')) ?? '';
    if (!mail) await new Promise((r) => setTimeout(r, 200));
  }
  const temporary = /Temporary password: (\S+)/.exec(mail)![1];
  // 6. Sign in as Coco, then choose a password.
  const first = (
    await run(signIn, { 'staff@demo.example': 'cococontact@county.xorg', 'demo-staff-password': temporary })
  ).login;
  expect(first.passwordChangeRequired).toBe(true);
  const chosen = (await run(changePassword, { '<temporary password from the mail>': temporary }, first.accessToken))
    .changePassword;
  expect(chosen.passwordChangeRequired).toBe(false);
  const again = (
    await run(signIn, {
      'staff@demo.example': 'cococontact@county.xorg',
      'demo-staff-password': String(changePassword.variables.newPassword),
    })
  ).login;
  expect(again.passwordChangeRequired).toBe(false);
}, 120_000);
