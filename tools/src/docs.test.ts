import { generatedDocs, settings, staleDocs } from './docs';

it("docs/errors.md, docs/configuration.md, .env.example and the clients' error codes are what the code generates (run `npm run docs`)", () => {
  expect(staleDocs(generatedDocs())).toEqual([]);
});

it('documents every setting the services read, each with its words', () => {
  const names = settings().map((s) => s.name);
  expect(names).toEqual(expect.arrayContaining(['DATABASE_URL', 'PORT', 'CREDENTIAL_PORT', 'SECOND_FACTOR_KEY']));
  expect(new Set(names).size).toBe(names.length);
  for (const s of settings()) expect(s.description.length).toBeGreaterThan(10);
});
